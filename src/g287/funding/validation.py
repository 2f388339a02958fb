"""Validation of claim lines against the rules, for one claim or for every claim of a quarter at once.

Certified days come from the officers app (`officers.bulk.certified_days_bulk`, one SQL aggregate for
any number of officers), never from certification rows read here: suspensions after a complaint will
arrive through the same app. Everything else is a few set-based queries, then arithmetic in integer
cents, then one UPDATE per chunk of the lines whose result changed: validating again what has not
changed reads, computes and compares, and writes nothing but the claims' `validated_at`."""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet, Sum, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from g287.core.sqlbulk import update_by_pk
from g287.funding import money
from g287.funding.expense_rules import validate_expenses
from g287.funding.fiscal import Quarter
from g287.funding.models import Claim, ClaimLine, ClaimStatus, RuleSet
from g287.funding.rules import rules_for
from g287.officers.bulk import certified_days_bulk
from g287.officers.models import Officer
from g287.officers.status import suspension_reasons
from g287.registry.models import AgreementModel

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
    facts: LineFacts,
    rules: RuleSet,
    quarter: Quarter,
    certified: int,
    overtime_elsewhere: int,
    suspended: tuple[str, ...] = (),
) -> LineResult:
    """The rules for one line, as plain arithmetic (no database), so properties can be tested directly.
    `suspended`: the reasons of the officer's suspensions that meet the quarter (see
    officers.status.suspension_reasons), which explain missing certified days."""
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
    if certified == 0 and suspended:
        problems.append(
            {
                "code": "suspended",
                "message": f"{facts.officer_label} was {'; '.join(suspended)}: no day of {quarter} counts, "
                f"so nothing can be reimbursed. The line is recomputed when the case is resolved.",
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
                f"salary, benefits and overtime are reimbursed for those days only ({certified}/{days})."
                + (f" The officer was {'; '.join(suspended)}." if suspended else ""),
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
                f"claimed in other quarters, leaving {money.dollars(room)} for the rest of the year, so "
                f"{money.dollars(overtime - allowed_overtime)} of this quarter's overtime is not "
                f"reimbursable.",
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


def _certified_days(officers: QuerySet[Officer], quarter: Quarter, models: list[str]) -> dict[int, int]:
    """Certified days in the quarter under an eligible model; officers left out have none."""
    if set(models) >= set(AgreementModel.values):
        return certified_days_bulk(officers, quarter.start, quarter.end)
    if len(models) == 1:
        return certified_days_bulk(officers, quarter.start, quarter.end, models[0])
    # Several (not all) models: the most days under any one of them. An officer certified under two
    # eligible models on different days is under-counted, never over-paid.
    best: dict[int, int] = defaultdict(int)
    for model in models:
        for pk, days in certified_days_bulk(officers, quarter.start, quarter.end, model).items():
            best[pk] = max(best[pk], days)
    return best


class Evaluator:
    """`evaluate` for many lines of one quarter under one rule set. The common line (eligible model,
    certified all quarter, overtime within the cap, salary within the annual figure) has no problem
    and a one-line result, computed here without building its facts; `evaluate` decides the rest.
    tests/funding/test_properties.py checks that both always agree."""

    def __init__(self, rules: RuleSet, quarter: Quarter) -> None:
        self.rules, self.quarter, self.days = rules, quarter, quarter.days
        self.reimbursable = frozenset(rules.reimbursable_models)

    def __call__(
        self,
        facts: tuple[int, int, int, str, tuple[str, ...], int, int, int, int],
        certified: int,
        overtime_elsewhere: int,
        suspended: tuple[str, ...] = (),
    ) -> tuple[int, int, list[dict[str, str]]]:
        """facts: line id, claim id, officer id, badge, models, salary, benefits, overtime, annual
        salary. Returns (eligible overtime, eligible, problems)."""
        _, _, _, _, models, salary, benefits, overtime, annual = facts
        rules = self.rules
        if (
            certified == self.days
            and salary <= annual
            and overtime <= money.rate(annual, rules.overtime_cap_bp) - overtime_elsewhere
            and not self.reimbursable.isdisjoint(models)
        ):
            return overtime, money.rate(salary + benefits, rules.salary_benefits_bp) + overtime, []
        line_id, claim_id, officer_id, badge = facts[:4]
        result = evaluate(
            LineFacts(
                line_id, claim_id, officer_id, f"Officer {badge}", models, salary, benefits, overtime, annual
            ),
            rules,
            self.quarter,
            certified,
            overtime_elsewhere,
            suspended,
        )
        return result.eligible_overtime, result.eligible, result.problems


def encode(problems: list[dict[str, str]]) -> str:
    """JSON as PostgreSQL prints jsonb (sorted keys here are also jsonb's order: "code", "message"),
    so that stored text and new text compare equal when nothing changed."""
    return json.dumps(problems, sort_keys=True, ensure_ascii=False) if problems else "[]"


def validate_claims(claims: QuerySet[Claim], quarter: Quarter, progress: Any = None) -> int:
    """Validates every line of `claims` (all of `quarter`) and updates the claims' totals, in a fixed
    number of queries whatever the number of claims. Returns the number of lines validated.

    Only lines and claims whose figures or problems changed are written: a second settlement of an
    unchanged quarter costs the reading and the arithmetic, not 100,000 row updates."""
    claim_ids = list(claims.values_list("pk", flat=True))
    if not claim_ids:
        return 0
    rules = rules_for(quarter)
    lines = ClaimLine.objects.filter(claim__in=claims)
    officer_ids = lines.values("officer_id")
    certified = _certified_days(
        Officer.objects.filter(pk__in=officer_ids), quarter, list(rules.reimbursable_models)
    )
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
    # The stored problems as text, compared with the new ones encoded the same way: parsing 100,000
    # JSON values only to compare them costs more than the rest of a line. Text that differs only in
    # spelling (another writer's key order or escapes) makes a needless write, never a missed one.
    rows = (
        lines.annotate(problems_text=Cast("problems", output_field=TextField()))
        .values_list(
            "pk",
            "claim_id",
            "officer_id",
            "officer__badge_number",
            "officer__model_codes",
            "salary_cents",
            "benefits_cents",
            "overtime_cents",
            "annual_salary_cents",
            "certified_days",
            "quarter_days",
            "eligible_overtime_cents",
            "eligible_cents",
            "problems_text",
        )
        .order_by("pk")
    )
    evaluator = Evaluator(rules, quarter)
    days = quarter.days
    reasons = {
        pk: tuple(reason for _lo, _hi, reason in spans)
        for pk, spans in suspension_reasons(None, quarter.start, quarter.end).items()
    }
    updates: list[tuple[Any, ...]] = []
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    stored = {
        pk: (requested, eligible, validated is not None)
        for pk, requested, eligible, validated in Claim.objects.filter(
            pk__in=claims.values("pk")
        ).values_list("pk", "requested_cents", "eligible_cents", "validated_at")
    }
    line_claims: dict[int, int] = {}
    count = 0
    for (
        pk,
        claim_id,
        officer_id,
        badge,
        codes,
        salary,
        benefits,
        overtime,
        annual,
        old_days,
        old_quarter_days,
        old_overtime,
        old_eligible,
        old_problems,
    ) in rows.iterator(chunk_size=10_000):  # bounded memory at any number of lines
        certified_days = certified.get(officer_id, 0)
        models = tuple(c for c in codes.split(",") if c)
        eligible_overtime, eligible, problems = evaluator(
            (pk, claim_id, officer_id, badge, models, salary, benefits, overtime, annual),
            certified_days,
            elsewhere.get(officer_id) or 0,
            reasons.get(officer_id, ()) if certified_days < days else (),
        )
        encoded = encode(problems)
        if (old_days, old_quarter_days, old_overtime, old_eligible, old_problems) != (
            certified_days,
            days,
            eligible_overtime,
            eligible,
            encoded,
        ):
            updates.append((pk, certified_days, days, eligible_overtime, eligible, encoded))
            line_claims[pk] = claim_id
        claim_total = totals[claim_id]
        claim_total[0] += salary + benefits + overtime
        claim_total[1] += eligible
        count += 1
        if progress is not None and count % 1000 == 0:
            progress.update(1000)
    if progress is not None:
        progress.update(count % 1000)
    update_by_pk(
        ClaimLine,
        ["certified_days", "quarter_days", "eligible_overtime_cents", "eligible_cents", "problems"],
        updates,
    )
    # Equipment and vehicle lines (TFM): capped per fiscal year, added to the claims' totals.
    for cid, (requested, eligible) in validate_expenses(claim_ids, quarter, rules).items():
        totals[cid][0] += requested
        totals[cid][1] += eligible
    # `validated_at` is when the claim's current figures were computed: a claim whose totals and lines
    # came out the same keeps its time, so validating an unchanged quarter again writes nothing.
    touched = set(line_claims.values())
    now = timezone.now()
    changed = [
        (cid, totals[cid][0], totals[cid][1], now)
        for cid in claim_ids
        if cid in touched or stored.get(cid) != (totals[cid][0], totals[cid][1], True)
    ]
    update_by_pk(Claim, ["requested_cents", "eligible_cents", "validated_at"], changed)
    return count


# The findings' codes in words, for pages (the codes stay in the API and the stored lines).
FINDINGS = {
    "model_not_eligible": "officer's model not reimbursed",
    "not_certified": "officer not certified in the quarter",
    "suspended": "officer suspended pending a complaint",
    "prorated": "reimbursed for the certified days only",
    "overtime_cap": "overtime above the fiscal-year cap",
    "salary_over_annual": "quarter's salary above the annual salary",
}


def problem_counts(claim_id: int) -> dict[str, int]:
    """How many lines have each kind of finding, in words, for the claim's page."""
    counts: dict[str, int] = defaultdict(int)
    for problems in (
        ClaimLine.objects.filter(claim_id=claim_id).exclude(problems=[]).values_list("problems", flat=True)
    ):
        for problem in problems:
            counts[FINDINGS.get(problem["code"], problem["code"].replace("_", " "))] += 1
    return dict(counts)


REVALIDATED = (ClaimStatus.DRAFT, ClaimStatus.SUBMITTED, ClaimStatus.IN_REVIEW)


def revalidate_officer(officer_ids: list[int]) -> int:
    """Validates again the undecided claims with a line for these officers: called when something
    outside funding changes their certified days (a complaint's suspension starts or ends), so the
    claim shows the new figures and findings at once. Returns the number of claims validated."""
    claims = Claim.objects.filter(
        is_current=True, status__in=REVALIDATED, lines__officer_id__in=officer_ids
    ).distinct()
    done = 0
    for fiscal_year, number in sorted(set(claims.values_list("fiscal_year", "quarter"))):
        quarter = Quarter(fiscal_year, number)
        try:
            validate_claims(
                Claim.objects.filter(
                    pk__in=claims.filter(fiscal_year=fiscal_year, quarter=number).values("pk")
                ),
                quarter,
            )
        except ValidationError:
            continue  # no rules for that year: validated when they are set and the claim is submitted
        done += 1
    return done
