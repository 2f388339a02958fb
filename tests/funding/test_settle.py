"""`g287 settle`: one pass over a quarter; twice gives the same files and never pays twice."""

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from g287.funding.awards import report_leads
from g287.funding.fiscal import Quarter
from g287.funding.models import Award, Claim, ClaimStatus, Payment
from g287.funding.models import RuleSet as _RuleSet
from g287.funding.services import claims as svc
from g287.funding.services.settlement import gather, settle
from g287.funding.services.statements import agency_csv, agency_pdf
from g287.officers.models import Certification
from tests.funding.conftest import make_officer

Q2 = Quarter(2026, 2)


def setup_quarter(world: Any) -> None:
    officers = [make_officer(world.a, f"T-{i}") for i in range(3)]
    make_officer(world.b, "B-1")
    aa, reviewer = world.users["aa_in"], world.users["program_reviewer"]
    lines = [svc.LineInput(o.pk, 1_000_000, 300_000, 50_000, 5_000_000) for o in officers]
    approved = svc.file_claim(aa, world.a.pk, Q2, lines, True, None).claim
    svc.start_review(reviewer, approved.pk)
    svc.approve(reviewer, approved.pk)
    svc.file_claim(aa, world.a.pk, Quarter(2026, 3), lines[:1], True, None)  # another quarter: untouched
    report_leads(aa, world.a.pk, Q2, 100, 90)  # 90% -> $1,000 x 4 officers (3 + the world's)
    report_leads(world.users["aa_out"], world.b.pk, Q2, 100, 69)  # 69% -> nothing


def test_settle_twice(world: Any, rules: _RuleSet, tmp_path: Path) -> None:
    setup_quarter(world)
    out = tmp_path / "s"
    call_command("settle", "--quarter", "2026Q2", "--dry-run", "--no-progress", "--out", str(out))
    assert not out.exists() and not Payment.objects.exists() and not Award.objects.exists()
    call_command("settle", "--quarter", "2026Q2", "--no-progress", "--out", str(out))
    files = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert {str(p) for p in files} == {"summary.csv", "summary.pdf", "statements.pdf", "statements.csv"}
    payments = list(Payment.objects.values_list("reference", "amount_cents").order_by("reference"))
    assert sum(a for _, a in payments) == 3 * 1_350_000 + 4 * 100_000
    assert Award.objects.get(agency=world.a).amount_cents == 400_000
    assert Award.objects.get(agency=world.b).amount_cents == 0
    assert Claim.objects.get(quarter=2).status == ClaimStatus.PAID
    assert Claim.objects.get(quarter=3).status == ClaimStatus.SUBMITTED
    call_command("settle", "--quarter", "2026Q2", "--no-progress", "--out", str(out))
    again = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert again == files
    assert list(Payment.objects.values_list("reference", "amount_cents").order_by("reference")) == payments
    book = files[Path("statements.csv")].decode().splitlines()
    statement = "\n".join(line for line in book if line.startswith(f"{world.a.pk},"))
    assert "40500.00" in statement and "4000.00" in statement
    assert any(line.startswith(f"{world.b.pk},") for line in book)
    assert files[Path("summary.pdf")].startswith(b"%PDF")
    assert files[Path("statements.pdf")].count(b"/Type /Page ") == 2


def test_settle_validates_submitted(world: Any, rules: _RuleSet, tmp_path: Path) -> None:
    officer = make_officer(world.a, "T-1")
    claim = svc.file_claim(
        world.users["aa_in"], world.a.pk, Q2, [svc.LineInput(officer.pk, 1, 2, 3, 4)], True, None
    ).claim
    Claim.objects.filter(pk=claim.pk).update(eligible_cents=0)
    call_command("settle", "--quarter", "2026Q2", "--no-progress", "--out", str(tmp_path))
    claim.refresh_from_db()
    assert claim.eligible_cents == 3 + 1  # overtime 3 over the cap of 1 cent: 1 cent reimbursed


def test_per_agency_files_match_statements(world: Any, rules: _RuleSet, tmp_path: Path) -> None:
    setup_quarter(world)
    call_command("settle", "--quarter", "2026Q2", "--no-progress", "--per-agency", "--out", str(tmp_path))
    by_agency = {s.agency_id: s for s in gather(Q2)}
    for agency in (world.a, world.b):
        assert (tmp_path / "statements" / f"{agency.pk}.csv").read_bytes() == agency_csv(by_agency[agency.pk])
        assert (tmp_path / "statements" / f"{agency.pk}.pdf").read_bytes() == agency_pdf(
            by_agency[agency.pk], Q2
        )
    assert b"40500.00" in agency_csv(by_agency[world.a.pk])


WRITES = re.compile(r"^\s*(UPDATE|INSERT|DELETE)\b.*?\b(funding_\w+)", re.IGNORECASE | re.DOTALL)


def test_second_run_writes_nothing_but_the_audit(world: Any, rules: _RuleSet, tmp_path: Path) -> None:
    setup_quarter(world)
    pending = make_officer(world.b, "T-9")
    svc.file_claim(
        world.users["aa_out"], world.b.pk, Q2, [svc.LineInput(pending.pk, 100, 0, 0, 1000)], True, None
    )  # stays submitted: validated again by every run
    settle(Q2, out=None, progress=False)
    with CaptureQueriesContext(connection) as queries:
        again = settle(Q2, out=None, progress=False)
    assert again.claims_validated == 1 and again.payments_made == 0
    writes = [m.group(2) for q in queries.captured_queries if (m := WRITES.match(q["sql"]))]
    assert writes == [], writes


def test_a_change_is_picked_up_by_the_next_run(world: Any, rules: _RuleSet, tmp_path: Path) -> None:
    officer = make_officer(world.b, "R-1")
    claim = svc.file_claim(
        world.users["aa_out"],
        world.b.pk,
        Q2,
        [svc.LineInput(officer.pk, 900_000, 0, 0, 5_000_000)],
        True,
        None,
    ).claim
    settle(Q2, out=None, progress=False)
    first = Claim.objects.get(pk=claim.pk)
    assert first.eligible_cents == 900_000 and first.validated_at is not None
    # The certification is revoked halfway through the quarter: 45 of 90 days.
    Certification.objects.filter(officer=officer).update(
        ended_on=Q2.start + timedelta(days=45), end_reason="revoked"
    )
    settle(Q2, out=None, progress=False)
    second = Claim.objects.get(pk=claim.pk)
    line = second.lines.get()
    assert (line.certified_days, line.eligible_cents) == (45, 450_000)
    assert [p["code"] for p in line.problems] == ["prorated"]
    assert second.eligible_cents == 450_000 and second.validated_at > first.validated_at  # type: ignore[operator]
