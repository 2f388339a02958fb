"""Funding fixtures: the accounts test world (users per role, two agencies), FY2026 rules, and officers
with fixed certification dates so results never depend on today's date."""

from datetime import date
from typing import Any

import pytest

from g287.funding.models import RuleSet
from g287.officers.models import Certification, Officer, OfficerStatus
from g287.registry.models import Agency
from tests.accounts.fixtures import static_root, world

__all__ = ["static_root", "world"]


def fy2026_rules() -> RuleSet:
    # The data migration seeds these; transactional tests flush them, so seed again when missing.
    found = RuleSet.objects.filter(fiscal_year=2026).order_by("effective_from").first()
    return found or RuleSet.objects.create(fiscal_year=2026, effective_from=date(2025, 10, 1))


@pytest.fixture
def rules(db: Any) -> RuleSet:
    return fy2026_rules()


def make_officer(
    agency: Agency,
    badge: str,
    models: str = "TFM",
    certified_from: date | None = date(2025, 6, 1),
    until: date | None = None,
) -> Officer:
    officer = Officer.objects.create(
        agency=agency,
        given_name="Test",
        family_name=f"Officer {badge}",
        badge_number=badge,
        sworn_since=date(2010, 1, 1),
        model_codes=models,
        citizenship_attested=True,
        status=OfficerStatus.APPROVED,
        nominated_on=date(2025, 1, 1),
        reviewed_on=date(2025, 1, 10),
        synthetic=True,
    )
    if certified_from is not None:
        for model in models.split(","):
            Certification.objects.create(
                officer=officer,
                model=model,
                authorized_on=certified_from,
                trained_on=certified_from,
                form_70006_number=f"F-{badge}-{model}",
                credential_number=f"C-{badge}-{model}",
                ended_on=until,
                end_reason="revoked" if until else "",
            )
    return officer
