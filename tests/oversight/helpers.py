"""Oversight test helpers: complaints at chosen times, a hand-built registry list."""

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from g287.oversight.models import Complaint, FormMark
from g287.oversight.services import cases
from g287.registry.models import Agency, Agreement, AgreementVersion, Snapshot, Status

NY = ZoneInfo("America/New_York")


def local(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=NY)  # type: ignore[misc]


def complaint(
    agency: Agency, model: str = "JEM", received_at: datetime | None = None, **extra: Any
) -> Complaint:
    made = cases.file_public(
        cases.Intake(agency.pk, model, "conduct", "Shouted at people in the booking area."),
        received_at=received_at or timezone.now(),
    )
    if extra:
        Complaint.objects.filter(pk=made.pk).update(**extra)
        made.refresh_from_db()
    return made


@pytest.fixture(autouse=True)
def clean_marks(db: Any) -> Iterator[None]:
    FormMark.objects.all().delete()
    yield


def listing(day: date, rows: list[tuple[Agreement, str]], key: str = "2025-06-01T00:00:00") -> Snapshot:
    """A participating list published on `day` showing `rows` (agreement, moa state)."""
    snapshot = Snapshot.objects.create(
        kind="participating",
        date=day,
        published_at=timezone.now(),
        order_key=key,
        source_name=f"test-{day}.xlsx",
        sha256=key.ljust(64, "0")[:64],
        layout="test",
        row_count=len(rows),
        agreement_count=len(rows),
        imported_at=timezone.now(),
    )
    for agreement, moa in rows:
        AgreementVersion.objects.create(
            agreement=agreement,
            kind="participating",
            valid_from=key,
            valid_to=None,
            name=agreement.name,
            signed=agreement.signed,
            moa=moa,
        )
    return snapshot


def agreement(agency: Agency, model: str, signed: date | None, status: str = Status.ACTIVE) -> Agreement:
    return Agreement.objects.create(
        id=f"{agency.pk}#{model}",
        agency=agency,
        state=agency.state,
        model=model,
        status=status,
        name=agency.name,
        signed=signed,
        first_listed=signed,
    )
