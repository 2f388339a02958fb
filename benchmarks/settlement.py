"""Settlement benchmark: 10,000 agencies, 100,000 officers, one quarter of claims (a line per officer)
and lead reports, in a scratch database on SQLite and on PostgreSQL. Times `settle` (targets: under
5 s each) and a straightforward object-by-object implementation of the same computation on a sample
of agencies, scaled to the whole for the ratio (target: at least 20x).

The claims are inserted as submitted but never validated, so the first run writes every line: the
worst case. (Claims filed through the services are validated when submitted, and a settlement then
rewrites only the lines whose figures changed since.)

    .venv/bin/python benchmarks/settlement.py [--backend sqlite|postgres|both] [--sample 500]
    BENCH_SQLITE=/tmp/mine.sqlite3 BENCH_PG_DB=mine_bench ...   # scratch databases of your own
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

# Scratch databases, overridable so that two people benchmarking at once do not drop each other's data.
SQLITE_PATH = Path(
    os.environ.get("BENCH_SQLITE", Path(tempfile.gettempdir()) / "g287-bench-settlement.sqlite3")
)
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_DB = os.environ.get("BENCH_PG_DB", "g287_bench_settlement")
AGENCIES = 10_000
PER_AGENCY = 10
QUARTER = "2026Q2"


def build() -> None:
    from g287.funding.models import Claim, ClaimLine, ClaimStatus, PerformanceReport
    from g287.officers.models import Certification, Officer, OfficerStatus
    from g287.registry.models import Agency

    agencies = [
        Agency(id=f"ZZ-bench-{i:05d}", state=f"S{i % 50:02d}"[:2], name=f"Bench Agency {i}")
        for i in range(AGENCIES)
    ]
    Agency.objects.bulk_create(agencies, batch_size=2000)
    officers = [
        Officer(
            agency_id=agencies[i // PER_AGENCY].id,
            given_name="Bench",
            family_name=str(i),
            badge_number=f"B{i}",
            sworn_since=date(2010, 1, 1),
            model_codes="TFM" if i % 7 else "JEM",
            citizenship_attested=True,
            status=OfficerStatus.APPROVED,
            nominated_on=date(2025, 1, 1),
            reviewed_on=date(2025, 1, 5),
            synthetic=True,
        )
        for i in range(AGENCIES * PER_AGENCY)
    ]
    Officer.objects.bulk_create(officers, batch_size=5000)
    ids = list(Officer.objects.order_by("pk").values_list("pk", "model_codes"))
    Certification.objects.bulk_create(
        (
            Certification(
                officer_id=pk,
                model=codes,
                # Most certified all quarter; every tenth from mid-February (prorated), every 13th never.
                authorized_on=date(2026, 2, 15) if n % 10 == 0 else date(2025, 6, 1),
                trained_on=date(2025, 5, 1),
                form_70006_number=f"F{pk}",
                credential_number=f"C{pk}",
            )
            for n, (pk, codes) in enumerate(ids)
            if n % 13
        ),
        batch_size=5000,
    )
    Claim.objects.bulk_create(
        (Claim(agency_id=a.id, fiscal_year=2026, quarter=2, status=ClaimStatus.SUBMITTED) for a in agencies),
        batch_size=2000,
    )
    claim_of = dict(Claim.objects.values_list("agency_id", "pk"))
    agency_of = dict(Officer.objects.values_list("pk", "agency_id"))
    ClaimLine.objects.bulk_create(
        (
            ClaimLine(
                claim_id=claim_of[agency_of[pk]],
                officer_id=pk,
                salary_cents=1_500_000 + pk % 1000,
                benefits_cents=450_000,
                overtime_cents=(pk % 5) * 100_000,
                annual_salary_cents=6_000_000,
            )
            for pk, _ in ids
        ),
        batch_size=5000,
    )
    PerformanceReport.objects.bulk_create(
        (
            PerformanceReport(
                agency_id=a.id,
                fiscal_year=2026,
                quarter=2,
                leads_provided=100 + i % 17,
                leads_located=(i * 7) % 100,
            )
            for i, a in enumerate(agencies)
        ),
        batch_size=2000,
    )


def naive(sample: int) -> tuple[float, int]:
    """The same computation object by object: each line asks the officers app about its officer, the
    overtime of other quarters is summed per line, every row is saved on its own."""
    from django.db import transaction

    from g287.funding import money
    from g287.funding.awards import per_officer
    from g287.funding.fiscal import Quarter
    from g287.funding.models import Award, Claim, Payment, PerformanceReport
    from g287.funding.rules import rules_for, tiers_of
    from g287.funding.validation import LineFacts, evaluate
    from g287.officers.models import Officer
    from g287.officers.status import certified_days, is_certified_on

    quarter = Quarter.parse(QUARTER)
    rules = rules_for(quarter)
    started = time.perf_counter()
    lines_done = 0
    with transaction.atomic():
        claims = list(Claim.objects.filter(fiscal_year=2026, quarter=2).order_by("agency_id")[:sample])
        for claim in claims:
            requested = eligible = 0
            for line in claim.lines.all():
                officer = line.officer
                days = certified_days(officer, quarter.start, quarter.end, "TFM")
                used = sum(
                    other.eligible_overtime_cents
                    for other in officer.claim_lines.filter(
                        claim__fiscal_year=2026, claim__is_current=True
                    ).exclude(claim__quarter=2)
                )
                facts = LineFacts(
                    line.pk,
                    claim.pk,
                    officer.pk,
                    f"Officer {officer.badge_number}",
                    tuple(officer.model_list),
                    line.salary_cents,
                    line.benefits_cents,
                    line.overtime_cents,
                    line.annual_salary_cents,
                )
                result = evaluate(facts, rules, quarter, days, used)
                line.certified_days, line.quarter_days = result.certified_days, result.quarter_days
                line.eligible_overtime_cents, line.eligible_cents = result.eligible_overtime, result.eligible
                line.problems = result.problems
                line.save()
                requested += line.requested_cents
                eligible += result.eligible
                lines_done += 1
            claim.requested_cents, claim.eligible_cents = requested, eligible
            claim.save()
            report = PerformanceReport.objects.filter(
                agency_id=claim.agency_id, fiscal_year=2026, quarter=2
            ).first()
            if report is not None:
                count = sum(
                    1
                    for o in Officer.objects.filter(agency_id=claim.agency_id)
                    if is_certified_on(o, quarter.end, "TFM")
                )
                per = per_officer(report.leads_located, report.leads_provided, tiers_of(rules))
                award = Award.objects.create(
                    agency_id=claim.agency_id,
                    fiscal_year=2026,
                    quarter=2,
                    leads_provided=report.leads_provided,
                    leads_located=report.leads_located,
                    eligible_officers=count,
                    per_officer_cents=per,
                    amount_cents=per * count,
                    rule_set=rules,
                )
                if award.amount_cents:
                    Payment.objects.create(
                        agency_id=claim.agency_id,
                        fiscal_year=2026,
                        quarter=2,
                        award=award,
                        amount_cents=award.amount_cents,
                        reference=f"N-{award.pk}",
                        paid_on=date.today(),
                    )
        money.dollars(0)
        transaction.set_rollback(True)
    return time.perf_counter() - started, lines_done


def child(sample: int) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "g287.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    build()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"  built 10,000 agencies, 100,000 officers, 100,000 claim lines in {time.perf_counter() - t0:.1f} s"
    )
    naive_seconds, naive_lines = naive(sample)
    naive_total = naive_seconds * (AGENCIES / sample)
    print(
        f"  object-by-object: {naive_lines} lines ({sample} agencies) in {naive_seconds:.2f} s "
        f"-> {naive_total:.1f} s scaled to 10,000 agencies"
    )
    out = Path(tempfile.mkdtemp(prefix="g287-settle-"))
    try:
        measure(naive_total, out)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def measure(naive_total: float, out: Path) -> None:
    from g287.funding.fiscal import Quarter
    from g287.funding.services.settlement import settle
    from g287.funding.services.statements import write_all

    def timed(label: str, work: Callable[[], Any]) -> tuple[float, Any]:
        # Wall and CPU time of this process: on a shared machine the difference is mostly waiting for
        # a core (the database server's own work shows in neither).
        wall, cpu = time.perf_counter(), time.process_time()
        value = work()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"  {label}: {wall:.2f} s (this process's CPU {cpu:.2f} s; load {os.getloadavg()[0]:.1f})")
        return wall, value

    quarter = Quarter.parse(QUARTER)
    compute, result = timed(
        "settle, first run (validate 100,000 lines, 10,000 awards, pay, gather statements)",
        lambda: settle(quarter, out=None, progress=False),
    )
    files, _ = timed(
        "statements (statements.csv, statements.pdf of 10,000 pages, summary)",
        lambda: write_all(result, out, progress=False),
    )
    print(
        f"  -> validated {result.lines_validated} lines, {len(result.statements)} statements, "
        f"{result.payments_made} payments; settle with files {compute + files:.2f} s"
    )
    _, again = timed(
        "second run with files (nothing changed)", lambda: settle(quarter, out=out, progress=False)
    )
    print(f"  -> second run made {again.payments_made} payments")
    timed(
        "statements with a file per agency as well (--per-agency, 20,000 more files)",
        lambda: write_all(result, out, progress=False, per_agency=True),
    )
    print(f"  ratio (object-by-object / set-based settle): {naive_total / compute:.0f}x")


def run(backend: str, sample: int) -> None:
    env = dict(os.environ)
    if backend == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{SQLITE_PATH}"
    else:
        import psycopg

        try:
            with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
                conn.execute(f"CREATE DATABASE {PG_DB}")
        except psycopg.OperationalError as exc:
            print(f"postgres: skipped ({exc})")
            return
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{PG_DB}"
    print(f"{backend}:", flush=True)
    try:
        subprocess.run([sys.executable, __file__, "--child", "--sample", str(sample)], env=env, check=True)
    finally:
        drop_scratch(backend)


def drop_scratch(backend: str) -> None:
    """A benchmark leaves nothing behind: the scratch database goes with the run."""
    if backend == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--sample", type=int, default=500, help="agencies for the object-by-object run")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.sample)
        return
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} (shared with other work)")
    for backend in ["sqlite", "postgres"] if args.backend == "both" else [args.backend]:
        run(backend, args.sample)


if __name__ == "__main__":
    main()
