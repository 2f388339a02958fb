"""The claim life cycle through the services: validation reasons, versions, separation of duties,
two-reviewer approvals, payments recorded once, and an audit entry for every change."""

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from g287.core.models import AuditEntry
from g287.funding.fiscal import Quarter
from g287.funding.models import ClaimStatus, RuleSet
from g287.funding.rules import update_rules
from g287.funding.services import claims as svc
from tests.funding.conftest import make_officer

Q2 = Quarter(2026, 2)  # Jan-Mar 2026, 90 days


def line(
    officer_id: int,
    salary: int = 1_500_000,
    benefits: int = 500_000,
    overtime: int = 100_000,
    annual: int = 6_000_000,
) -> svc.LineInput:
    return svc.LineInput(officer_id, salary, benefits, overtime, annual)


def filed(world: Any, *lines: svc.LineInput, quarter: Quarter = Q2) -> Any:
    aa = world.users["aa_in"]
    return svc.file_claim(aa, world.a.pk, quarter, list(lines), True, None).claim


def test_validation_reasons(world: Any, rules: RuleSet) -> None:
    full = make_officer(world.a, "T-1")
    half = make_officer(world.a, "T-2", certified_from=date(2026, 2, 15))  # 45 of 90 days
    jem = make_officer(world.a, "J-1", models="JEM")
    never = make_officer(world.a, "T-3", certified_from=None)
    claim = filed(world, line(full.pk), line(half.pk), line(jem.pk), line(never.pk, overtime=0))
    assert claim.status == ClaimStatus.SUBMITTED
    by_officer = {ln.officer_id: ln for ln in claim.lines.all()}
    assert by_officer[full.pk].eligible_cents == 2_100_000
    assert by_officer[full.pk].problems == []
    half_line = by_officer[half.pk]
    assert (half_line.certified_days, half_line.quarter_days) == (45, 90)
    assert half_line.eligible_cents == 1_050_000
    assert "45 of the 90 days" in half_line.problems[0]["message"]
    assert by_officer[jem.pk].eligible_cents == 0
    assert "reimburse TFM officers only" in by_officer[jem.pk].problems[0]["message"]
    assert by_officer[never.pk].problems[0]["code"] == "not_certified"
    assert claim.requested_cents == sum(ln.requested_cents for ln in by_officer.values())
    assert claim.eligible_cents == sum(ln.eligible_cents for ln in by_officer.values())


def test_second_claim_for_a_quarter_is_refused(world: Any, rules: RuleSet) -> None:
    officer = make_officer(world.a, "T-1")
    filed(world, line(officer.pk))
    with pytest.raises(ValidationError) as exc:
        filed(world, line(officer.pk))
    assert "already has a claim for 2026Q2" in str(exc.value)


def test_negative_and_foreign_lines(world: Any, rules: RuleSet) -> None:
    officer = make_officer(world.a, "T-1")
    other = make_officer(world.b, "T-9")
    aa = world.users["aa_in"]
    claim = svc.open_claim(aa, world.a.pk, Q2)
    with pytest.raises(ValidationError) as exc:
        svc.set_line(aa, claim.pk, line(officer.pk, salary=-1))
    assert "negative" in str(exc.value)
    with pytest.raises(ValidationError):
        svc.set_line(aa, claim.pk, line(other.pk))
    with pytest.raises(ValidationError):
        svc.submit(aa, claim.pk)  # no lines


def test_full_life_cycle_and_audit(world: Any, rules: RuleSet) -> None:
    officer = make_officer(world.a, "T-1")
    aa, reviewer, admin = world.users["aa_in"], world.users["program_reviewer"], world.users["program_admin"]
    before = AuditEntry.objects.count()
    claim = filed(world, line(officer.pk))
    svc.attach_file(aa, claim.pk, "payroll.csv", "text/csv", b"badge,amount\nT-1,15000\n")
    with pytest.raises(PermissionDenied):
        svc.start_review(aa, claim.pk)  # agency admins do not review
    svc.start_review(reviewer, claim.pk)
    ln = claim.lines.get()
    svc.adjust_line(reviewer, ln.pk, 2_000_000, "Benefits receipt missing for one pay period.")
    outcome = svc.approve(reviewer, claim.pk)
    assert outcome.decided
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PARTIALLY_APPROVED
    assert claim.approved_cents == 2_000_000
    payment = svc.record_payment(admin, claim.pk, "TREAS-0001", date(2026, 5, 1))
    assert payment.amount_cents == 2_000_000
    with pytest.raises(ValidationError):
        svc.record_payment(admin, claim.pk, "TREAS-0002", date(2026, 5, 2))
    actions = (
        set(AuditEntry.objects.filter(id__gt=before).values_list("action", flat=True))
        if before
        else set(AuditEntry.objects.values_list("action", flat=True))
    )
    assert {
        "funding.claim.create",
        "funding.claimline.set",
        "funding.claim.submit",
        "funding.supportingfile.create",
        "funding.claim.review",
        "funding.claimline.adjust",
        "funding.claim.approve",
        "funding.claim.pay",
        "funding.payment.create",
    } <= actions
    # An amendment pays only the difference.
    new = svc.amend(aa, claim.pk)
    assert new.version == 2 and new.status == ClaimStatus.DRAFT
    svc.submit(aa, new.pk)
    svc.start_review(reviewer, new.pk)
    svc.approve(reviewer, new.pk)
    second = svc.record_payment(admin, new.pk, "TREAS-0003", date(2026, 6, 1))
    assert second.amount_cents == 2_100_000 - 2_000_000


def test_submitter_cannot_approve(world: Any, rules: RuleSet) -> None:
    officer = make_officer(world.a, "T-1")
    admin = world.users["program_admin"]  # may prepare and review
    claim = svc.file_claim(admin, world.a.pk, Q2, [line(officer.pk)], True, None).claim
    with pytest.raises(PermissionDenied):
        svc.start_review(admin, claim.pk)
    svc.start_review(world.users["program_reviewer"], claim.pk)
    with pytest.raises(PermissionDenied):
        svc.approve(admin, claim.pk)


def test_two_reviewers_above_threshold(world: Any, rules: RuleSet) -> None:
    from tests.accounts.fixtures import make_user

    update_rules(
        world.users["program_admin"], 2026, date(2025, 10, 2), {"dual_approval_above_cents": 1_000_000}
    )
    officer = make_officer(world.a, "T-1")
    claim = filed(world, line(officer.pk))
    first, second = world.users["program_reviewer"], make_user("pr2", "program_reviewer")
    svc.start_review(first, claim.pk)
    outcome = svc.approve(first, claim.pk)
    assert (outcome.approvals, outcome.needed, outcome.decided) == (1, 2, False)
    with pytest.raises(ValidationError):
        svc.approve(first, claim.pk)  # the same reviewer twice does not count
    assert svc.approve(second, claim.pk).decided
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED


def test_return_and_reject_need_reasons(world: Any, rules: RuleSet) -> None:
    officer = make_officer(world.a, "T-1")
    claim = filed(world, line(officer.pk))
    reviewer = world.users["program_reviewer"]
    with pytest.raises(ValidationError):
        svc.return_claim(reviewer, claim.pk, "  ")
    returned = svc.return_claim(reviewer, claim.pk, "Attach the payroll extract.")
    assert returned.status == ClaimStatus.RETURNED
    amended = svc.amend(world.users["aa_in"], claim.pk)
    assert amended.lines.count() == 1


def test_scope(world: Any, rules: RuleSet) -> None:
    officer = make_officer(world.a, "T-1")
    claim = filed(world, line(officer.pk))
    with pytest.raises(Http404):
        svc.submit(world.users["aa_out"], claim.pk)
    with pytest.raises(Http404):
        svc.open_claim(world.users["aa_out"], world.a.pk, Quarter(2026, 3))
    with pytest.raises(PermissionDenied):
        svc.start_review(world.users["auditor"], claim.pk)


def test_rules_edit_is_versioned_and_checked(world: Any, rules: RuleSet) -> None:
    admin = world.users["program_admin"]
    with pytest.raises(ValidationError) as exc:
        update_rules(admin, 2026, date(2026, 1, 1), {"overtime_cap_bp": 20_000, "award_tiers": [[1, -5]]})
    assert set(exc.value.message_dict) == {"overtime_cap_bp", "award_tiers"}
    with pytest.raises(PermissionDenied):
        update_rules(world.users["program_reviewer"], 2026, date(2026, 1, 1), {"overtime_cap_bp": 2000})
    new = update_rules(admin, 2026, date(2026, 1, 1), {"overtime_cap_bp": 2000})
    assert new.overtime_cap_bp == 2000 and RuleSet.objects.filter(fiscal_year=2026).count() == 2
    assert AuditEntry.objects.filter(action="funding.ruleset.create", object_id=str(new.pk)).exists()
