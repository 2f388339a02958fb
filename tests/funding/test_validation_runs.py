"""Validating stored claims: certified days when the year's rules reimburse several models, the problem
counts on a claim's page, and validating again when something outside funding changes an officer's
certified days. The clock is frozen: the quarters are over and nothing depends on today."""

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import time_machine

from g287.funding.fiscal import Quarter
from g287.funding.models import Claim, ClaimLine, ClaimStatus, RuleSet
from g287.funding.services import claims as svc
from g287.funding.validation import problem_counts, revalidate_officer, validate_claims
from g287.officers.models import Certification
from tests.funding.conftest import make_officer

Q2 = Quarter(2026, 2)  # Jan-Mar 2026, 90 days
FEB_1, MAR_1 = date(2026, 2, 1), date(2026, 3, 1)  # 59 and 31 days to the quarter's end


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[None]:
    with time_machine.travel(date(2026, 5, 12), tick=False):
        yield


def certify(officer: Any, model: str, since: date) -> None:
    Certification.objects.create(
        officer=officer,
        model=model,
        authorized_on=since,
        trained_on=since,
        form_70006_number=f"F-{officer.pk}-{model}",
        credential_number=f"C-{officer.pk}-{model}",
    )


def line(officer: Any) -> svc.LineInput:
    return svc.LineInput(officer.pk, 900_000, 90_000, 0, 6_000_000)


def days_by_badge(claim: Claim) -> dict[str, int]:
    return dict(claim.lines.values_list("officer__badge_number", "certified_days"))


def test_several_reimbursed_models_count_the_most_days_under_any_one(world: Any, rules: RuleSet) -> None:
    """TFM from 1 February (59 days) and JEM from 1 March (31): 59, neither the sum nor the fewest."""
    RuleSet.objects.filter(pk=rules.pk).update(reimbursable_models=["TFM", "JEM"])
    both = make_officer(world.a, "M-2", models="TFM,JEM", certified_from=None)
    certify(both, "TFM", FEB_1)
    certify(both, "JEM", MAR_1)
    jem = make_officer(world.a, "M-3", models="JEM", certified_from=None)
    certify(jem, "JEM", MAR_1)
    wso = make_officer(world.a, "M-4", models="TFM,WSO", certified_from=None)
    certify(wso, "WSO", FEB_1)  # certified, but not under a model these rules reimburse
    claim = svc.file_claim(
        world.users["aa_in"], world.a.pk, Q2, [line(both), line(jem), line(wso)], True, None
    ).claim
    assert days_by_badge(claim) == {"M-2": 59, "M-3": 31, "M-4": 0}
    codes = {ln.officer.badge_number: [p["code"] for p in ln.problems] for ln in claim.lines.all()}
    assert codes == {"M-2": ["prorated"], "M-3": ["prorated"], "M-4": ["not_certified"]}


def test_one_reimbursed_model_counts_its_own_certifications_only(world: Any, rules: RuleSet) -> None:
    """FY2026 reimburses TFM only: an officer certified under JEM alone has no reimbursable day."""
    officer = make_officer(world.a, "M-6", models="TFM,JEM", certified_from=None)
    certify(officer, "JEM", FEB_1)
    claim = svc.file_claim(world.users["aa_in"], world.a.pk, Q2, [line(officer)], True, None).claim
    assert days_by_badge(claim) == {"M-6": 0}


def test_every_model_reimbursed_counts_any_certification(world: Any, rules: RuleSet) -> None:
    """All three models: the union of the officer's periods under any of them."""
    RuleSet.objects.filter(pk=rules.pk).update(reimbursable_models=["WSO", "TFM", "JEM"])
    officer = make_officer(world.a, "M-5", models="TFM,WSO", certified_from=None)
    certify(officer, "WSO", date(2026, 1, 1))
    Certification.objects.filter(officer=officer, model="WSO").update(ended_on=date(2026, 1, 31))
    certify(officer, "TFM", MAR_1)
    claim = svc.file_claim(world.users["aa_in"], world.a.pk, Q2, [line(officer)], True, None).claim
    assert days_by_badge(claim) == {"M-5": 30 + 31}  # January to its end date, and March


def test_problem_counts_per_kind_for_the_claim_page(world: Any, rules: RuleSet) -> None:
    late = make_officer(world.a, "P-1", certified_from=FEB_1)  # prorated
    never = make_officer(world.a, "P-2", certified_from=None)  # not certified
    later = make_officer(world.a, "P-3", certified_from=MAR_1)  # prorated
    lines = [line(world.officer_a), line(late), line(never), line(later)]
    claim = svc.file_claim(world.users["aa_in"], world.a.pk, Q2, lines, True, None).claim
    assert problem_counts(claim.pk) == {
        "reimbursed for the certified days only": 2,
        "officer not certified in the quarter": 1,
    }
    clean = svc.file_claim(world.users["aa_out"], world.b.pk, Q2, [line(world.officer_b)], True, None).claim
    assert problem_counts(clean.pk) == {}


def test_a_changed_certification_revalidates_undecided_claims_only(world: Any, rules: RuleSet) -> None:
    aa, reviewer = world.users["aa_in"], world.users["program_reviewer"]
    officer = make_officer(world.a, "R-1")
    undecided = svc.file_claim(aa, world.a.pk, Q2, [line(officer)], True, None).claim
    decided = svc.file_claim(aa, world.a.pk, Quarter(2026, 1), [line(officer)], True, None).claim
    svc.start_review(reviewer, decided.pk)
    svc.approve(reviewer, decided.pk)
    other = svc.file_claim(world.users["aa_out"], world.b.pk, Q2, [line(world.officer_b)], True, None).claim
    # The officer's certification is cut back to start on 1 March (a suspension, say).
    Certification.objects.filter(officer=officer).update(authorized_on=MAR_1)
    assert revalidate_officer([officer.pk]) == 1
    assert days_by_badge(Claim.objects.get(pk=undecided.pk)) == {"R-1": 31}
    assert days_by_badge(Claim.objects.get(pk=decided.pk)) == {"R-1": 92}  # approved: as decided
    assert Claim.objects.get(pk=other.pk).lines.get().certified_days == 90  # no line for the officer
    assert revalidate_officer([10**9]) == 0


def test_revalidation_skips_a_year_without_rules_and_goes_on(world: Any, rules: RuleSet) -> None:
    aa = world.users["aa_in"]
    officer = make_officer(world.a, "R-2")
    RuleSet.objects.create(fiscal_year=2025, effective_from=date(2024, 10, 1))
    this_year = svc.file_claim(aa, world.a.pk, Q2, [line(officer)], True, None).claim
    last_year = svc.file_claim(aa, world.a.pk, Quarter(2025, 4), [line(officer)], False, None).claim
    assert last_year.status == ClaimStatus.DRAFT
    RuleSet.objects.filter(fiscal_year=2025).delete()
    Certification.objects.filter(officer=officer).update(authorized_on=MAR_1)
    assert revalidate_officer([officer.pk]) == 1
    assert days_by_badge(Claim.objects.get(pk=this_year.pk)) == {"R-2": 31}


def test_validating_an_unchanged_quarter_again_writes_nothing(world: Any, rules: RuleSet) -> None:
    second = make_officer(world.a, "U-1", certified_from=FEB_1)  # prorated: eligible under requested
    lines = [line(world.officer_a), line(second)]
    claim = svc.file_claim(world.users["aa_in"], world.a.pk, Q2, lines, True, None).claim
    claim.refresh_from_db()
    stamp = claim.validated_at
    with time_machine.travel(date(2026, 5, 13), tick=False):
        assert validate_claims(Claim.objects.filter(pk=claim.pk), Q2) == 2
    claim.refresh_from_db()
    assert claim.validated_at == stamp
    ClaimLine.objects.filter(claim=claim, officer=second).update(eligible_cents=1)  # stale: written again
    with time_machine.travel(date(2026, 5, 14), tick=False):
        validate_claims(Claim.objects.filter(pk=claim.pk), Q2)
    claim.refresh_from_db()
    prorated = (990_000 * 59 * 2 + 90) // 180
    assert claim.lines.get(officer=second).eligible_cents == prorated and claim.validated_at != stamp
    assert (claim.requested_cents, claim.eligible_cents) == (2 * 990_000, 990_000 + prorated)
    assert validate_claims(Claim.objects.none(), Q2) == 0


def overtime_line(officer: Any, overtime: int) -> svc.LineInput:
    return svc.LineInput(officer.pk, 900_000, 90_000, overtime, 6_000_000)  # overtime cap: $15,000


def allowed_overtime(claim: Claim) -> int:
    return claim.lines.get().eligible_overtime_cents


def test_the_cap_counts_this_year_s_current_claims_in_other_quarters(world: Any, rules: RuleSet) -> None:
    """Last year's overtime and a superseded version's do not count; the quarter's own never counts
    against itself, however often it is validated."""
    aa, reviewer = world.users["aa_in"], world.users["program_reviewer"]
    officer = make_officer(world.a, "C-1")
    RuleSet.objects.create(fiscal_year=2025, effective_from=date(2024, 10, 1))
    svc.file_claim(aa, world.a.pk, Quarter(2025, 4), [overtime_line(officer, 1_000_000)], True, None)
    q1 = svc.file_claim(
        aa, world.a.pk, Quarter(2026, 1), [overtime_line(officer, 1_000_000)], True, None
    ).claim
    svc.start_review(reviewer, q1.pk)
    svc.approve(reviewer, q1.pk)
    svc.amend(aa, q1.pk)  # the approved version stops counting; the new draft does not count yet
    q2 = svc.file_claim(aa, world.a.pk, Q2, [overtime_line(officer, 1_000_000)], True, None).claim
    assert allowed_overtime(q2) == 1_000_000
    for _ in range(2):
        validate_claims(Claim.objects.filter(pk=q2.pk), Q2)
        assert allowed_overtime(Claim.objects.get(pk=q2.pk)) == 1_000_000


def test_validation_reports_progress_by_line(world: Any, rules: RuleSet) -> None:
    class Progress:
        def __init__(self) -> None:
            self.steps: list[int] = []

        def update(self, n: int) -> None:
            self.steps.append(n)

    officers = [world.officer_a, make_officer(world.a, "G-1"), make_officer(world.a, "G-2")]
    claim = svc.file_claim(
        world.users["aa_in"], world.a.pk, Q2, [line(o) for o in officers], True, None
    ).claim
    progress = Progress()
    assert validate_claims(Claim.objects.filter(pk=claim.pk), Q2, progress) == 3
    assert progress.steps == [3]


def test_revalidation_keeps_each_claim_in_its_own_quarter_and_year(world: Any, rules: RuleSet) -> None:
    aa = world.users["aa_in"]
    RuleSet.objects.create(fiscal_year=2025, effective_from=date(2024, 10, 1))
    officer = make_officer(world.a, "R-3")
    quarters = (Quarter(2025, 2), Quarter(2026, 1), Q2)  # Jan-Mar 2025, Oct-Dec 2025, Jan-Mar 2026
    filed = {q: svc.file_claim(aa, world.a.pk, q, [line(officer)], True, None).claim for q in quarters}
    Certification.objects.filter(officer=officer).update(authorized_on=MAR_1)
    assert revalidate_officer([officer.pk]) == 3
    figures = {
        q: ClaimLine.objects.filter(claim=c).values_list("certified_days", "quarter_days").get()
        for q, c in filed.items()
    }
    assert figures == {Quarter(2025, 2): (0, 90), Quarter(2026, 1): (0, 92), Q2: (31, 90)}
