"""Equipment and vehicle lines on TFM claims: the rules (the writes are in funding/services/expenses.py).

- Only an agency holding a Task Force Model agreement claims them (the incentives are for task force
  officers); equipment is for an officer certified TFM on at least one day of the quarter ("trained
  and credentialed ... once operational").
- Caps per fiscal year, from the rule set (never constants): equipment per officer
  (`equipment_per_officer_cents`, $7,500 for FY2026), vehicles per agency (`vehicles_per_agency_cents`,
  $100,000). What the agency's other counted claims of the year already hold eligible is taken off
  the room; within a claim, lines count in the order they were added.

Validation runs with the salary lines (funding.validation.validate_claims), so a claim's totals,
approval and payment include these lines."""

from collections import defaultdict
from typing import Any

from django.db.models import Sum

from g287.funding import money
from g287.funding.fiscal import Quarter
from g287.funding.models import ClaimStatus, ExpenseKind, ExpenseLine, RuleSet
from g287.officers.bulk import certified_days_bulk
from g287.officers.models import Officer
from g287.registry.models import Agreement, Status

TASK_FORCE = "TFM"
COUNTED = (
    ClaimStatus.SUBMITTED,
    ClaimStatus.IN_REVIEW,
    ClaimStatus.APPROVED,
    ClaimStatus.PARTIALLY_APPROVED,
    ClaimStatus.PAID,
)


def _problem(code: str, message: str) -> dict[str, str]:
    return {"code": code, "message": message}


def validate_expenses(claim_ids: list[int], quarter: Quarter, rules: RuleSet) -> dict[int, tuple[int, int]]:
    """Sets eligible amounts and problems on the claims' expense lines; returns per claim (requested,
    eligible) of those lines."""
    lines = list(
        ExpenseLine.objects.filter(claim_id__in=claim_ids)
        .select_related("claim", "officer")
        .order_by("claim_id", "id")
    )
    totals: dict[int, tuple[int, int]] = {}
    if not lines:
        return totals
    agencies = {line.claim.agency_id for line in lines}
    tfm_agencies = set(
        Agreement.objects.filter(agency_id__in=agencies, model=TASK_FORCE, status=Status.ACTIVE).values_list(
            "agency_id", flat=True
        )
    )
    officer_ids = {line.officer_id for line in lines if line.officer_id is not None}
    certified = certified_days_bulk(
        Officer.objects.filter(pk__in=officer_ids), quarter.start, quarter.end, TASK_FORCE
    )
    others = ExpenseLine.objects.filter(
        claim__fiscal_year=quarter.fiscal_year, claim__is_current=True, claim__status__in=COUNTED
    ).exclude(claim__quarter=quarter.number)
    equipment_used = dict(
        others.filter(kind=ExpenseKind.EQUIPMENT, officer_id__in=officer_ids)
        .values("officer_id")
        .annotate(t=Sum("eligible_cents"))
        .values_list("officer_id", "t")
    )
    vehicle_used = dict(
        others.filter(kind=ExpenseKind.VEHICLE, claim__agency_id__in=agencies)
        .values("claim__agency_id")
        .annotate(t=Sum("eligible_cents"))
        .values_list("claim__agency_id", "t")
    )
    used_here: dict[tuple[str, Any], int] = defaultdict(int)
    sums: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for line in lines:
        problems: list[dict[str, str]] = []
        eligible = 0
        agency_id = line.claim.agency_id
        if agency_id not in tfm_agencies:
            problems.append(
                _problem(
                    "model_not_eligible",
                    "Equipment and vehicles are reimbursed to agencies with a Task Force Model agreement "
                    "in force; this agency has none. Remove the line.",
                )
            )
        elif line.kind == ExpenseKind.EQUIPMENT and certified.get(line.officer_id or 0, 0) == 0:
            label = f"Officer {line.officer.badge_number}" if line.officer else "The officer"
            problems.append(
                _problem(
                    "not_certified",
                    f"{label} was not a certified task force officer on any day of {quarter}: equipment is "
                    f"reimbursed once an officer is trained and credentialed.",
                )
            )
        else:
            if line.kind == ExpenseKind.EQUIPMENT:
                key: tuple[str, Any] = ("equipment", line.officer_id)
                cap = rules.equipment_per_officer_cents
                before = (equipment_used.get(line.officer_id or 0) or 0) + used_here[key]
                whose = f"per officer (Officer {line.officer.badge_number if line.officer else ''})"
            else:
                key = ("vehicle", agency_id)
                cap = rules.vehicles_per_agency_cents
                before = (vehicle_used.get(agency_id) or 0) + used_here[key]
                whose = "per agency"
            room = max(0, cap - before)
            eligible = min(line.amount_cents, room)
            used_here[key] += eligible
            if eligible < line.amount_cents:
                problems.append(
                    _problem(
                        f"{line.kind}_cap",
                        f"{ExpenseKind(line.kind).label.split(' (')[0]} is capped at {money.dollars(cap)} {whose} "
                        f"for FY{quarter.fiscal_year}; {money.dollars(before)} is already claimed, so "
                        f"{money.dollars(line.amount_cents - eligible)} of this line is not reimbursable.",
                    )
                )
        if line.eligible_cents != eligible or line.problems != problems:
            line.eligible_cents, line.problems = eligible, problems
            line.save(update_fields=["eligible_cents", "problems"])
        sums[line.claim_id][0] += line.amount_cents
        sums[line.claim_id][1] += eligible
    return {cid: (s[0], s[1]) for cid, s in sums.items()}
