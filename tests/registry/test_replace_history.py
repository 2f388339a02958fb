"""`load-history --replace` with office data present (issue 17.13): the registry is rebuilt and the office
data stays attached to its agencies and agreements by their stable ids; if the file lacks one that office
data refers to, nothing is touched and the error names it."""

from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from g287.core.audit import verify_chain
from g287.officers.models import Officer
from g287.oversight.models import Meeting
from g287.registry.history_file import export_history
from g287.registry.models import Agency, Agreement, AgreementVersion, Event, Snapshot

pytestmark = pytest.mark.usefixtures("history_db")

AGREEMENT = "GA-harris-county-sheriffs-office#WSO"


def officer_at(agency_id: str) -> Officer:
    return Officer.objects.create(
        agency_id=agency_id,
        given_name="Ann",
        family_name="Example",
        badge_number="A-1",
        sworn_since=date(2015, 1, 1),
        model_codes="TFM",
        citizenship_attested=True,
        nominated_on=date(2026, 1, 5),
    )


def registry_counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in (Snapshot, Agency, Agreement, AgreementVersion, Event)}


def test_replace_keeps_office_data_attached(tmp_path: Path) -> None:
    path = tmp_path / "history.json.gz"
    export_history(path)
    agreement = Agreement.objects.get(id=AGREEMENT)
    officer = officer_at(agreement.agency_id)
    meeting = Meeting.objects.create(agreement=agreement, scheduled_on=date(2026, 3, 1))
    before = registry_counts()
    call_command("load-history", str(path), "--replace", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert registry_counts() == before
    officer.refresh_from_db()
    assert officer.agency_id == agreement.agency_id and officer.agency.name  # rebuilt, same id
    assert Meeting.objects.get(pk=meeting.pk).agreement_id == agreement.id
    assert Agreement.objects.get(id=agreement.id).versions.exists()
    assert verify_chain() is None


def test_replace_refuses_before_touching_anything_when_the_file_lacks_an_agency(tmp_path: Path) -> None:
    path = tmp_path / "history.json.gz"
    export_history(path)
    Agency.objects.create(id="ZZ-nowhere-police-department", state="ZZ", name="Nowhere PD")
    officer_at("ZZ-nowhere-police-department")
    before = registry_counts()
    snapshot_ids = set(Snapshot.objects.values_list("id", flat=True))
    with pytest.raises(CommandError) as caught:
        call_command("load-history", str(path), "--replace")
    message = str(caught.value)
    assert "ZZ-nowhere-police-department" in message and "1 officers" in message
    assert "not replaced" in message
    assert registry_counts() == before
    assert set(Snapshot.objects.values_list("id", flat=True)) == snapshot_ids
