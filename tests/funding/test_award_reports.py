"""Lead-count reports and the awards the pages show: what an agency administrator may report, what the
audit log keeps, when a report freezes (its award paid), and the tier, officers and amount shown."""

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from g287.accounts.scoping import SYSTEM
from g287.core.models import AuditEntry
from g287.funding.awards import AwardRow, AwardShown, awards_shown, compute_awards, report_leads
from g287.funding.fiscal import Quarter
from g287.funding.models import Award, Payment, PerformanceReport, RuleSet
from tests.funding.conftest import make_officer

Q1, Q2 = Quarter(2026, 1), Quarter(2026, 2)
LAST_YEAR_Q2 = Quarter(2025, 2)  # Jan-Mar 2025: before any test officer was certified
WHOLE = "Give a whole number, zero or more."
TOO_MANY = "Cannot locate more leads than ICE provided."


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[None]:
    with time_machine.travel(date(2026, 5, 12), tick=False):
        yield


def entries() -> list[tuple[str, Any, Any]]:
    return list(
        AuditEntry.objects.filter(action="funding.performancereport.set")
        .order_by("id")
        .values_list("object_type", "before", "after")
    )


@pytest.mark.parametrize(
    ("provided", "located", "errors"),
    [
        (-1, 0, {"leads_provided": [WHOLE]}),
        (0, -1, {"leads_located": [WHOLE]}),
        (-1, 5, {"leads_provided": [WHOLE]}),  # not also "more than provided": the count is wrong first
        (True, 0, {"leads_provided": [WHOLE]}),
        (10, False, {"leads_located": [WHOLE]}),
        (10.0, 5, {"leads_provided": [WHOLE]}),
        ("10", "5", {"leads_provided": [WHOLE], "leads_located": [WHOLE]}),
        (10, 11, {"leads_located": [TOO_MANY]}),
    ],
)
def test_bad_counts_are_refused_by_field_and_nothing_is_written(
    world: Any, rules: RuleSet, provided: Any, located: Any, errors: dict[str, list[str]]
) -> None:
    with pytest.raises(ValidationError) as caught:
        report_leads(world.users["aa_in"], world.a.pk, Q2, provided, located)
    assert caught.value.message_dict == errors
    assert not PerformanceReport.objects.exists() and entries() == []


@pytest.mark.parametrize(("provided", "located"), [(0, 0), (10, 10), (10, 0)])
def test_counts_at_their_limits_are_accepted(world: Any, rules: RuleSet, provided: int, located: int) -> None:
    report = report_leads(world.users["aa_in"], world.a.pk, Q2, provided, located)
    report.refresh_from_db()
    assert (report.leads_provided, report.leads_located) == (provided, located)


def test_only_preparers_report_and_only_for_their_agency(world: Any, rules: RuleSet) -> None:
    with pytest.raises(PermissionDenied, match=r"^Your role does not allow this \(funding\.prepare\)\.$"):
        report_leads(world.users["auditor"], world.a.pk, Q2, 10, 5)
    with pytest.raises(Http404):
        report_leads(world.users["aa_in"], world.b.pk, Q2, 10, 5)
    assert not PerformanceReport.objects.exists() and entries() == []


def test_a_report_is_corrected_in_place_and_each_change_audited(world: Any, rules: RuleSet) -> None:
    aa = world.users["aa_in"]
    first = report_leads(aa, world.a.pk, Q2, 10, 5)
    second = report_leads(aa, world.a.pk, Q2, 12, 7)
    assert first.pk == second.pk and PerformanceReport.objects.count() == 1
    second.refresh_from_db()
    assert (second.leads_provided, second.leads_located, second.reported_by) == (12, 7, aa)
    assert (second.agency_id, second.fiscal_year, second.quarter) == (world.a.pk, 2026, 2)
    after = {"agency": world.a.pk, "quarter": "2026Q2"}
    assert entries() == [
        ("funding.PerformanceReport", None, {**after, "leads_provided": 10, "leads_located": 5}),
        (
            "funding.PerformanceReport",
            {"leads_provided": 10, "leads_located": 5},
            {**after, "leads_provided": 12, "leads_located": 7},
        ),
    ]
    assert AuditEntry.objects.filter(action="funding.performancereport.set").last().object_id == str(
        second.pk
    )  # type: ignore[union-attr]


def award(agency: Any, quarter: Quarter, rules: RuleSet, paid: bool) -> Award:
    made = Award.objects.create(
        agency=agency,
        fiscal_year=quarter.fiscal_year,
        quarter=quarter.number,
        leads_provided=10,
        leads_located=9,
        eligible_officers=5,
        per_officer_cents=100_000,
        amount_cents=500_000,
        rule_set=rules,
    )
    if paid:
        Payment.objects.create(
            agency=agency,
            fiscal_year=quarter.fiscal_year,
            quarter=quarter.number,
            award=made,
            amount_cents=300_000,
            reference=f"AW-{agency.pk}-{quarter}",
            paid_on=date(2026, 4, 15),
        )
    return made


def test_a_report_freezes_once_its_award_is_paid(world: Any, rules: RuleSet) -> None:
    aa = world.users["aa_in"]
    report_leads(aa, world.a.pk, Q2, 10, 5)
    award(world.a, Q2, rules, paid=False)
    award(world.a, Q1, rules, paid=True)  # another quarter's payment does not freeze this one
    award(world.a, LAST_YEAR_Q2, rules, paid=True)  # nor the same quarter of another year
    award(world.b, Q2, rules, paid=True)  # nor does another agency's
    report_leads(aa, world.a.pk, Q2, 10, 6)
    Payment.objects.create(
        agency=world.a, fiscal_year=2026, quarter=2, award=Award.objects.get(agency=world.a, fiscal_year=2026, quarter=2),
        amount_cents=1, reference="AW-paid", paid_on=date(2026, 4, 15),
    )  # fmt: skip
    count = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as caught:
        report_leads(aa, world.a.pk, Q2, 10, 9)
    assert caught.value.message_dict == {
        "quarter": ["The award for 2026Q2 is paid; the report can no longer change."]
    }
    assert PerformanceReport.objects.get(agency=world.a, quarter=2).leads_located == 6
    assert AuditEntry.objects.count() == count


def test_awards_shown_tier_officers_amount_and_settled(world: Any, rules: RuleSet) -> None:
    """World agency A has one certified officer; two more are added. B reaches no tier; C (no report)
    shows nothing. A settled award is shown as stored, not as computed today."""
    make_officer(world.a, "S-1")
    make_officer(world.a, "S-2")
    make_officer(world.b, "S-3")
    report_leads(world.users["aa_in"], world.a.pk, Q1, 100, 95)  # other quarters' reports and awards
    report_leads(world.users["aa_in"], world.a.pk, LAST_YEAR_Q2, 100, 95)
    award(world.a, Q1, rules, paid=False)
    award(world.a, LAST_YEAR_Q2, rules, paid=False)
    report_leads(world.users["aa_in"], world.a.pk, Q2, 100, 85)
    report_leads(world.users["aa_out"], world.b.pk, Q2, 100, 69)
    shown = awards_shown(Q2, [world.a.pk, world.b.pk])
    assert shown == {
        world.a.pk: AwardShown(world.a.pk, 100, 85, 8000, 3, 75_000, False),
        world.b.pk: AwardShown(world.b.pk, 100, 69, None, 2, 0, False),
    }
    assert (shown[world.a.pk].amount_cents, shown[world.a.pk].tier_label) == (225_000, "80% or more located")
    assert (shown[world.b.pk].amount_cents, shown[world.b.pk].tier_label) == (0, "below every tier")
    assert awards_shown(Q2, [world.b.pk]).keys() == {world.b.pk}  # only the agencies asked for
    award(world.a, Q2, rules, paid=False)
    settled = awards_shown(Q2, [world.a.pk])[world.a.pk]
    assert (settled.eligible_officers, settled.per_officer_cents, settled.settled) == (5, 100_000, True)
    assert settled.amount_cents == 500_000


def test_tier_label_keeps_fractional_percent() -> None:
    row = AwardShown("X", 1000, 875, 8750, 1, 1, False)
    assert row.tier_label == "87.5% or more located"


def test_awards_shown_without_rules_for_the_year_is_empty(world: Any) -> None:
    RuleSet.objects.filter(fiscal_year=2026).delete()
    assert awards_shown(Q2, [world.a.pk]) == {}


def test_the_first_report_of_a_quarter_has_nothing_before_it(world: Any, rules: RuleSet) -> None:
    """Reports of other agencies, quarters and years are not this report's earlier figures."""
    report_leads(world.users["aa_out"], world.b.pk, Q2, 50, 40)
    report_leads(world.users["aa_in"], world.a.pk, Q1, 30, 20)
    report_leads(world.users["aa_in"], world.a.pk, LAST_YEAR_Q2, 20, 10)
    report_leads(world.users["aa_in"], world.a.pk, Q2, 10, 5)
    assert [before for _, before, _ in entries()] == [None, None, None, None]
    assert PerformanceReport.objects.count() == 4


def test_an_agency_without_eligible_officers_earns_nothing(world: Any, rules: RuleSet) -> None:
    """FY2025 Q2 (Jan-Mar 2025): agency A reached the top tier, but none of its officers was certified
    then. The same quarter of FY2026 is another report."""
    RuleSet.objects.create(fiscal_year=2025, effective_from=date(2024, 10, 1))
    report_leads(world.users["aa_in"], world.a.pk, LAST_YEAR_Q2, 10, 10)
    report_leads(world.users["aa_in"], world.a.pk, Q2, 10, 7)
    assert compute_awards(LAST_YEAR_Q2) == [AwardRow(world.a.pk, 10, 10, 0, 100_000)]
    assert compute_awards(LAST_YEAR_Q2)[0].amount_cents == 0
    shown = awards_shown(LAST_YEAR_Q2, [world.a.pk])[world.a.pk]
    assert (shown.tier_threshold_bp, shown.eligible_officers, shown.amount_cents) == (9000, 0, 0)
    assert compute_awards(Q2) == [AwardRow(world.a.pk, 10, 7, 1, 50_000)]


def test_a_one_cent_tier_is_still_a_tier(world: Any, rules: RuleSet) -> None:
    RuleSet.objects.filter(pk=rules.pk).update(award_tiers=[[5000, 1]])
    report_leads(world.users["aa_in"], world.a.pk, Q2, 10, 5)
    shown = awards_shown(Q2, [world.a.pk])[world.a.pk]
    assert (shown.tier_threshold_bp, shown.per_officer_cents, shown.tier_label) == (
        5000,
        1,
        "50% or more located",
    )


def test_a_report_from_the_console_has_no_reporting_user(world: Any, rules: RuleSet) -> None:
    report = report_leads(SYSTEM, world.a.pk, Q2, 10, 5)
    report.refresh_from_db()
    assert (report.reported_by, report.leads_located) == (None, 5)
