"""`g287 settle`: one pass over a quarter; twice gives the same files and never pays twice."""

from pathlib import Path
from typing import Any

from django.core.management import call_command

from g287.funding import claims as svc
from g287.funding.awards import report_leads
from g287.funding.fiscal import Quarter
from g287.funding.models import Award, Claim, ClaimStatus, Payment
from g287.funding.models import RuleSet as _RuleSet
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
    assert {str(p) for p in files} >= {
        "summary.csv",
        "summary.pdf",
        "statements.pdf",
        f"statements/{world.a.pk}.csv",
        f"statements/{world.b.pk}.csv",
    }
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
    statement = files[Path(f"statements/{world.a.pk}.csv")].decode()
    assert "40500.00" in statement and "4000.00" in statement
    assert files[Path("summary.pdf")].startswith(b"%PDF")


def test_settle_validates_submitted(world: Any, rules: _RuleSet, tmp_path: Path) -> None:
    officer = make_officer(world.a, "T-1")
    claim = svc.file_claim(
        world.users["aa_in"], world.a.pk, Q2, [svc.LineInput(officer.pk, 1, 2, 3, 4)], True, None
    ).claim
    Claim.objects.filter(pk=claim.pk).update(eligible_cents=0)
    call_command("settle", "--quarter", "2026Q2", "--no-progress", "--out", str(tmp_path))
    claim.refresh_from_db()
    assert claim.eligible_cents == 3 + 1  # overtime 3 over the cap of 1 cent: 1 cent reimbursed
