"""Many-row INSERT and UPDATE give the same rows as the ORM would, awkward values included (quotes,
backslashes, braces, commas, NULL, non-Latin text, JSON), on SQLite and on PostgreSQL."""

from datetime import date
from typing import Any

from django.utils import timezone

from g287.core.sqlbulk import insert_rows, update_by_pk
from g287.funding.models import Award, ClaimLine, Payment, RuleSet
from g287.funding.validation import encode
from tests.accounts.fixtures import World
from tests.funding.conftest import make_officer

AWARD_COLUMNS = [
    "agency",
    "fiscal_year",
    "quarter",
    "leads_provided",
    "leads_located",
    "eligible_officers",
    "per_officer_cents",
    "amount_cents",
    "rule_set",
    "computed_at",
]
AWKWARD = ['a "quoted" \\ back', "{braces}, comma", "NULL", "ünïcödé ✓ 日本", "", "it's"]


def test_insert_and_update_round_trip(world: World, rules: RuleSet) -> None:
    now = timezone.now()
    insert_rows(
        Award,
        AWARD_COLUMNS,
        [(world.a.pk, 2026, q, 10, 9, 3, 100_000, 300_000, rules.pk, now) for q in (1, 2)],
    )
    awards = list(Award.objects.order_by("quarter"))
    assert [(a.quarter, a.amount_cents, a.computed_at) for a in awards] == [
        (1, 300_000, now),
        (2, 300_000, now),
    ]
    refs = [f"R-{i}-{text}" for i, text in enumerate(AWKWARD)]
    insert_rows(
        Payment,
        [
            "agency",
            "fiscal_year",
            "quarter",
            "claim",
            "award",
            "amount_cents",
            "reference",
            "paid_on",
            "recorded_at",
        ],
        [
            (world.a.pk, 2026, 1, None, awards[0].pk, 1, refs[0], date(2026, 1, 2), now),
            (world.b.pk, 2026, 2, None, awards[1].pk, 2, refs[1], date(2026, 1, 3), now),
        ],
    )
    assert set(Payment.objects.values_list("reference", "claim_id", "paid_on")) == {
        (refs[0], None, date(2026, 1, 2)),
        (refs[1], None, date(2026, 1, 3)),
    }
    update_by_pk(Award, ["amount_cents", "rule_set_id"], [(awards[0].pk, 7, rules.pk)])
    assert Award.objects.get(pk=awards[0].pk).amount_cents == 7
    assert Award.objects.get(pk=awards[1].pk).amount_cents == 300_000


def test_update_json_and_text(world: World, rules: RuleSet) -> None:
    from g287.funding.fiscal import Quarter
    from g287.funding.services import claims as svc

    officers = [make_officer(world.a, f"J-{i}") for i in range(len(AWKWARD))]
    lines = [svc.LineInput(o.pk, 1, 1, 1, 100) for o in officers]
    claim = svc.file_claim(world.users["aa_in"], world.a.pk, Quarter(2026, 2), lines, False, None).claim
    rows: list[Any] = []
    expected = {}
    for line, text in zip(ClaimLine.objects.filter(claim=claim).order_by("pk"), AWKWARD, strict=True):
        problems = [{"code": "x", "message": text}] if text else []
        rows.append((line.pk, 5, 90, 0, 3, encode(problems)))
        expected[line.pk] = problems
    update_by_pk(
        ClaimLine,
        ["certified_days", "quarter_days", "eligible_overtime_cents", "eligible_cents", "problems"],
        rows,
    )
    for line in ClaimLine.objects.filter(claim=claim):
        assert (line.certified_days, line.eligible_cents, line.problems) == (5, 3, expected[line.pk])
