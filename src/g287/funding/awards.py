"""Quarterly performance awards: the tier reached by the share of ICE-provided leads an agency located,
times its eligible task force officers. Shares are compared as integers (located * 10,000 against
threshold * provided), so 69.99% never rounds up into the 70% tier."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from g287.accounts.roles import Perm, require
from g287.accounts.scoping import agency_in_scope
from g287.core.audit import record
from g287.funding.fiscal import Quarter
from g287.funding.models import Award, Eligibility, PerformanceReport, RuleSet
from g287.funding.rules import Tier, rules_for, tiers_of
from g287.officers.bulk import certified_officers_by_agency

BASIS = 10_000


def per_officer(located: int, provided: int, tiers: Sequence[Tier]) -> int:
    """The award per eligible officer in cents: the highest tier whose threshold the share reaches."""
    if provided <= 0 or located < 0 or located > provided:
        return 0
    for tier in sorted(tiers, key=lambda t: -t.threshold_bp):
        if located * BASIS >= tier.threshold_bp * provided:
            return tier.per_officer_cents
    return 0


def eligible_officers(
    quarter: Quarter, rules: RuleSet, agency_ids: Sequence[str] | None = None
) -> dict[str, int]:
    """Eligible officers per agency, asked of the officers app (never from certification rows here),
    in one aggregate query: certified under an award model on the quarter's last day, or on any day
    of it, as the rules say."""
    first = quarter.end if rules.eligibility == Eligibility.LAST_DAY else quarter.start
    return certified_officers_by_agency(first, quarter.end, list(rules.award_models), agency_ids)


@dataclass(frozen=True)
class AwardRow:
    agency_id: str
    leads_provided: int
    leads_located: int
    eligible_officers: int
    per_officer_cents: int

    @property
    def amount_cents(self) -> int:
        return self.per_officer_cents * self.eligible_officers


def compute_awards(quarter: Quarter, rules: RuleSet | None = None) -> list[AwardRow]:
    """Every award of the quarter from its reports, in three queries; sorted by agency."""
    rules = rules or rules_for(quarter)
    tiers = tiers_of(rules)
    reports = list(
        PerformanceReport.objects.filter(fiscal_year=quarter.fiscal_year, quarter=quarter.number)
        .order_by("agency_id")
        .values_list("agency_id", "leads_provided", "leads_located")
    )
    officers = eligible_officers(quarter, rules)
    return [
        AwardRow(
            agency_id, provided, located, officers.get(agency_id, 0), per_officer(located, provided, tiers)
        )
        for agency_id, provided, located in reports
    ]


# Far above any agency's quarter; the database's integers (and SQLite's) end long before 10**30.
MAX_LEADS = 10_000_000


def report_leads(by: Any, agency_id: str, quarter: Quarter, provided: int, located: int) -> PerformanceReport:
    """Counts only. A report can be corrected until the quarter's award is paid."""
    require(by, Perm.FUNDING_PREPARE)
    errors = {}
    for name, value in (("leads_provided", provided), ("leads_located", located)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            errors[name] = _("Give a whole number, zero or more.")
        elif value > MAX_LEADS:
            errors[name] = _("Give at most %(most)s.") % {"most": f"{MAX_LEADS:,}"}
    if not errors and located > provided:
        errors["leads_located"] = _("Cannot locate more leads than ICE provided.")
    if errors:
        raise ValidationError(errors)
    agency = agency_in_scope(by, agency_id)
    with transaction.atomic():
        if Award.objects.filter(
            agency=agency, fiscal_year=quarter.fiscal_year, quarter=quarter.number, payment__isnull=False
        ).exists():
            raise ValidationError(
                {
                    "quarter": _("The award for %(quarter)s is paid; the report can no longer change.")
                    % {"quarter": quarter}
                }
            )
        existing = (
            PerformanceReport.objects.select_for_update()
            .filter(agency=agency, fiscal_year=quarter.fiscal_year, quarter=quarter.number)
            .first()
        )
        before = (
            {"leads_provided": existing.leads_provided, "leads_located": existing.leads_located}
            if existing
            else None
        )
        report, _created = PerformanceReport.objects.update_or_create(
            agency=agency,
            fiscal_year=quarter.fiscal_year,
            quarter=quarter.number,
            defaults={
                "leads_provided": provided,
                "leads_located": located,
                "reported_by": by if getattr(by, "pk", None) else None,
            },
        )
        record(
            "funding.performancereport.set",
            "funding.PerformanceReport",
            report.pk,
            before=before,
            after={
                "agency": agency.pk,
                "quarter": str(quarter),
                "leads_provided": provided,
                "leads_located": located,
            },
        )
    return report


@dataclass(frozen=True)
class AwardShown:
    """A quarter's award for one agency as the pages show it: the tier reached, eligible officers,
    amount per officer and total; `settled` when the settlement stored it (else computed now)."""

    agency_id: str
    leads_provided: int
    leads_located: int
    tier_threshold_bp: int | None  # None: below every tier
    eligible_officers: int
    per_officer_cents: int
    settled: bool

    @property
    def amount_cents(self) -> int:
        return self.per_officer_cents * self.eligible_officers

    @property
    def tier_label(self) -> str:
        if self.tier_threshold_bp is None:
            return "below every tier"
        return f"{self.tier_threshold_bp / 100:g}% or more located"


def awards_shown(quarter: Quarter, agency_ids: Sequence[str]) -> dict[str, AwardShown]:
    """The awards of the given agencies for the quarter: the settled ones as stored, the others as the
    rules compute them today. Agencies without a lead-count report have none."""
    try:
        rules = rules_for(quarter)
    except ValidationError:
        return {}
    tiers = tiers_of(rules)
    reports = PerformanceReport.objects.filter(
        fiscal_year=quarter.fiscal_year, quarter=quarter.number, agency_id__in=list(agency_ids)
    ).values_list("agency_id", "leads_provided", "leads_located")
    stored = {
        a.agency_id: a
        for a in Award.objects.filter(
            fiscal_year=quarter.fiscal_year, quarter=quarter.number, agency_id__in=list(agency_ids)
        )
    }
    officers = eligible_officers(quarter, rules, list(agency_ids))
    out: dict[str, AwardShown] = {}
    for agency_id, provided, located in reports:
        rate = per_officer(located, provided, tiers)
        tier = next((t.threshold_bp for t in tiers if t.per_officer_cents == rate and rate > 0), None)
        award = stored.get(agency_id)
        out[agency_id] = AwardShown(
            agency_id,
            provided,
            located,
            tier,
            award.eligible_officers if award else officers.get(agency_id, 0),
            award.per_officer_cents if award else rate,
            award is not None,
        )
    return out
