"""Hypothesis over the database: any sequence of quarterly claims and amendments keeps an officer's
reimbursed overtime within the fiscal-year cap, and lines always add up to their claim to the cent."""

from datetime import date
from typing import Any

from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from g287.funding.fiscal import Quarter
from g287.funding.models import Claim, ClaimLine, ClaimStatus
from g287.funding.services import claims as svc
from g287.funding.validation import COUNTED
from tests.accounts.fixtures import make_agency, make_user
from tests.funding.conftest import fy2026_rules, make_officer

ANNUAL = 6_000_000
CAP = ANNUAL // 4

step = st.tuples(
    st.sampled_from([1, 2, 3, 4]),  # quarter
    st.integers(0, 2_000_000),  # overtime claimed
    st.sampled_from(["approve", "return", "reject", "amend", "leave"]),
)


class OvertimeCap(TestCase):
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(step, min_size=1, max_size=8), st.integers(0, 3_000_000))
    def test_cap_holds(self, steps: list[tuple[int, int, str]], salary: int) -> None:
        fy2026_rules()
        agency = make_agency("TX-prop-county", "TX", "Prop County", ["TFM"])
        aa = make_user("aa-prop", "agency_admin", agency=agency)
        reviewer = make_user("pr-prop", "program_reviewer")
        officer = make_officer(agency, "P-1", certified_from=date(2025, 6, 1))
        for quarter_number, overtime, then in steps:
            quarter = Quarter(2026, quarter_number)
            line = svc.LineInput(officer.pk, salary, 1000, overtime, ANNUAL)
            current = Claim.objects.filter(agency=agency, quarter=quarter_number, is_current=True).first()
            if current is None:
                claim = svc.file_claim(aa, agency.pk, quarter, [line], True, None).claim
            elif current.status in svc.AMENDABLE:
                claim = svc.amend(aa, current.pk)
                svc.set_line(aa, claim.pk, line)
                claim = svc.submit(aa, claim.pk)
            else:
                claim = current
            if claim.status == ClaimStatus.SUBMITTED and then != "leave":
                svc.start_review(reviewer, claim.pk)
                if then in ("approve", "amend"):
                    svc.approve(reviewer, claim.pk)
                elif then == "return":
                    svc.return_claim(reviewer, claim.pk, "fix it")
                else:
                    svc.reject(reviewer, claim.pk, "no")
            counted = ClaimLine.objects.filter(
                officer=officer, claim__is_current=True, claim__status__in=COUNTED
            ).aggregate(t=Sum("eligible_overtime_cents"))["t"]
            assert (counted or 0) <= CAP
            for c in Claim.objects.filter(agency=agency).exclude(status=ClaimStatus.DRAFT):
                sums = c.lines.aggregate(
                    r=Sum("salary_cents") + Sum("benefits_cents") + Sum("overtime_cents"),
                    e=Sum("eligible_cents"),
                )
                assert (c.requested_cents, c.eligible_cents) == (sums["r"], sums["e"])
                if c.approved_cents is not None:
                    assert c.approved_cents == c.lines.aggregate(a=Sum("approved_cents"))["a"]


def test_line_totals_equal_claim_totals_unit(db: Any) -> None:
    """A plain check beside the property, so a failure names the simplest case first."""
    fy2026_rules()
    agency = make_agency("TX-unit-county", "TX", "Unit County", ["TFM"])
    aa = make_user("aa-unit", "agency_admin", agency=agency)
    officers = [make_officer(agency, f"U-{i}") for i in range(3)]
    lines = [svc.LineInput(o.pk, 333_333, 111_111, 7, ANNUAL) for o in officers]
    claim = svc.file_claim(aa, agency.pk, Quarter(2026, 2), lines, True, None).claim
    assert claim.requested_cents == 3 * (333_333 + 111_111 + 7)
