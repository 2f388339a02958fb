"""Validation of claim lines against the rules, for one claim or for every claim of a quarter at once.

Certified days come from the officers app (`certified_days_for`), never from certification rows read
here: suspensions after a complaint will arrive through the same service. Everything else is a few
set-based queries, then arithmetic in integer cents, then one UPDATE per chunk of lines."""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet, Sum
from django.utils import timezone

from g287.funding import money
from g287.funding.fiscal import Quarter
from g287.funding.models import Claim, ClaimLine, ClaimStatus, RuleSet
from g287.funding.rules import rules_for
from g287.funding.sqlbulk import update_by_pk
from g287.officers.models import Officer
from g287.officers.status import certified_days_for
from g287.registry.models import Model

# Claims whose overtime counts against the fiscal-year cap: everything an agency has put forward and
# not had sent back. A returned or rejected version frees its overtime for the amendment.
COUNTED = (
    ClaimStatus.SUBMITTED,
    ClaimStatus.IN_REVIEW,
    ClaimStatus.APPROVED,
    ClaimStatus.PARTIALLY_APPROVED,
    ClaimStatus.PAID,
)


@dataclass(frozen=True)
class LineFacts:
    line_id: int
    claim_id: int
    officer_id: int
    officer_label: str
    officer_models: tuple[str, ...]
    salary: int
    benefits: int
    overtime: int
    annual_salary: int


@dataclass
class LineResult:
    certified_days: int
    quarter_days: int
    eligible_overtime: int
    eligible: int
    problems: list[dict[str, str]] = field(default_factory=list)


def evaluate(
    facts: LineFacts, rules: RuleSet, quarter: Quarter, certified: int, overtime_elsewhere: int
) -> LineResult:
    """The rules for one line, as plain arithmetic (no database), so properties can be tested directly."""
    days = quarter.days
    result = LineResult(certified, days, 0, 0)
    problems = result.problems
    eligible_models = sorted(set(facts.officer_models) & set(rules.reimbursable_models))
    if not eligible_models:
        serves = ", ".join(facts.officer_models) or "no model"
        problems.append(
            {
                "code": "model_not_eligible",
                "message": f"{facts.officer_label} serves under {serves}; FY{rules.fiscal_year} rules reimburse "
                f"{', '.join(rules.reimbursable_models)} officers only. Remove the line.",
            }
        )
        return result
    if certified == 0:
        problems.append(
            {
                "code": "not_certified",
                "message": f"{facts.officer_label} was not certified ({'/'.join(eligible_models)}) on any day of "
                f"{quarter}: nothing can be reimbursed. Check the certification dates with the field office.",
            }
        )
        return result
    if certified < days:
        problems.append(
            {
                "code": "prorated",
                "message": f"{facts.officer_label} was certified {certified} of the {days} days of {quarter}: "
                f"salary, benefits and overtime are reimbursed for those days only ({certified}/{days}).",
            }
        )
    salary = money.prorate(facts.salary, certified, days)
    benefits = money.prorate(facts.benefits, certified, days)
    overtime = money.prorate(facts.overtime, certified, days)
    cap = money.rate(facts.annual_salary, rules.overtime_cap_bp)
    room = max(0, cap - overtime_elsewhere)
    allowed_overtime = min(overtime, room)
    if allowed_overtime < overtime:
        problems.append(
            {
                "code": "overtime_cap",
                "message": f"Overtime for {facts.officer_label} is capped at {money.dollars(cap)} for "
                f"FY{quarter.fiscal_year} ({rules.overtime_cap_bp / 100:g}% of the annual salary of "
                f"{money.dollars(facts.annual_salary)}); {money.dollars(overtime_elsewhere)} is already "
                f"claimed in other quarters, so {money.dollars(overtime - allowed_overtime)} of this "
                f"quarter's overtime is not reimbursable.",
            }
        )
    if facts.salary > facts.annual_salary:
        problems.append(
            {
                "code": "salary_over_annual",
                "message": f"The quarter's salary for {facts.officer_label} ({money.dollars(facts.salary)}) is "
                f"more than the annual salary given ({money.dollars(facts.annual_salary)}): check both figures.",
            }
        )
    result.eligible_overtime = allowed_overtime
    result.eligible = money.rate(salary + benefits, rules.salary_benefits_bp) + allowed_overtime
    return result


def _certified_days(officer_ids: Any, quarter: Quarter, models: list[str]) -> dict[int, int]:
    officers = Officer.objects.filter(pk__in=officer_ids)
    if set(models) >= set(Model.values):
        return certified_days_for(officers, quarter.start, quarter.end)
    if len(models) == 1:
        return certified_days_for(officers, quarter.start, quarter.end, models[0])
    # Several (not all) models: the most days under any one of them. An officer certified under two
    # eligible models on different days is under-counted, never over-paid.
    best: dict[int, int] = defaultdict(int)
    for model in models:
        for pk, days in certified_days_for(officers, quarter.start, quarter.end, model).items():
            best[pk] = max(best[pk], days)
    return best


def validate_claims(claims: QuerySet[Claim], quarter: Quarter, progress: Any = None) -> int:
    """Validates every line of `claims` (all of `quarter`) and updates the claims' totals, in a fixed
    number of queries whatever the number of claims. Returns the number of lines validated."""
    claim_ids = list(claims.values_list("pk", flat=True))
    if not claim_ids:
        return 0
    rules = rules_for(quarter)
    lines = ClaimLine.objects.filter(claim__in=claims)
    officer_ids = lines.values("officer_id")
    certified = _certified_days(officer_ids, quarter, list(rules.reimbursable_models))
    elsewhere = dict(
        ClaimLine.objects.filter(
            claim__fiscal_year=quarter.fiscal_year,
            claim__is_current=True,
            claim__status__in=COUNTED,
            officer_id__in=officer_ids,
        )
        .exclude(claim__quarter=quarter.number)
        .values("officer_id")
        .annotate(total=Sum("eligible_overtime_cents"))
        .values_list("officer_id", "total")
    )
    rows = lines.values_list(
        "pk",
        "claim_id",
        "officer_id",
        "officer__badge_number",
        "officer__model_codes",
        "salary_cents",
        "benefits_cents",
        "overtime_cents",
        "annual_salary_cents",
    ).order_by("pk")
    updates: list[tuple[Any, ...]] = []
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for pk, claim_id, officer_id, badge, codes, salary, benefits, overtime, annual in rows.iterator(
        chunk_size=5000
    ):
        facts = LineFacts(
            line_id=pk,
            claim_id=claim_id,
            officer_id=officer_id,
            officer_label=f"Officer {badge}",
            officer_models=tuple(c for c in codes.split(",") if c),
            salary=salary,
            benefits=benefits,
            overtime=overtime,
            annual_salary=annual,
        )
        result = evaluate(facts, rules, quarter, certified.get(officer_id, 0), elsewhere.get(officer_id) or 0)
        updates.append(
            (
                pk,
                result.certified_days,
                result.quarter_days,
                result.eligible_overtime,
                result.eligible,
                json.dumps(result.problems, sort_keys=True),
            )
        )
        claim_total = totals[claim_id]
        claim_total[0] += salary + benefits + overtime
        claim_total[1] += result.eligible
        if progress is not None:
            progress.update(1)
    update_by_pk(
        ClaimLine,
        ["certified_days", "quarter_days", "eligible_overtime_cents", "eligible_cents", "problems"],
        updates,
    )
    now = timezone.now()
    claim_rows = [(cid, totals[cid][0], totals[cid][1], now) for cid in claim_ids]
    update_by_pk(Claim, ["requested_cents", "eligible_cents", "validated_at"], claim_rows)
    return len(updates)


def problem_counts(claim_id: int) -> dict[str, int]:
    """How many lines have each kind of problem, for the claim's page."""
    counts: dict[str, int] = defaultdict(int)
    for problems in (
        ClaimLine.objects.filter(claim_id=claim_id).exclude(problems=[]).values_list("problems", flat=True)
    ):
        for problem in problems:
            counts[problem["code"]] += 1
    return dict(counts)
