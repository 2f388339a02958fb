"""Settlement files: every agency's statement in one CSV (a block of rows per agency) and one PDF (a
page per agency), and the national summary as CSV and PDF; with `per_agency`, also a CSV and a PDF file
for each agency under statements/. One agency's statement can also be rendered on request
(`agency_csv`, `agency_pdf`), which is what the statement pages serve.

Why not a file per agency by default: 20,000 small files cost more to create (about 1 s per 10,000 on
this kind of disk) than everything else the statements need. Nothing in the files depends on when they
were written, so a second run of the same settlement writes the same bytes (and leaves files whose
bytes are unchanged untouched)."""

import csv
import io
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tqdm import tqdm

from g287.core.cells import safe_row
from g287.funding.money import dollars, plain
from g287.funding.pdfwriter import Document

if TYPE_CHECKING:
    from g287.funding.fiscal import Quarter
    from g287.funding.services.settlement_results import Result, Statement

HEADER = ["section", "item", "status", "requested", "eligible", "approved", "paid", "reference", "date"]


def statement_rows(s: "Statement") -> list[list[str]]:
    rows: list[list[str]] = []
    for c in s.claims:
        payment = next((p for p in s.payments if p.claim_id == c.claim_id), None)
        rows.append(
            [
                "reimbursement",
                f"claim #{c.claim_id} version {c.version} ({c.lines} officer lines)",
                c.status,
                plain(c.requested_cents),
                plain(c.eligible_cents),
                "" if c.approved_cents is None else plain(c.approved_cents),
                plain(payment.amount_cents) if payment else "",
                payment.reference if payment else "",
                payment.paid_on.isoformat() if payment else "",
            ]
        )
    if s.award is not None:
        a = s.award
        payment = next((p for p in s.payments if p.kind == "award"), None)
        rows.append(
            [
                "award",
                f"{a.leads_located} of {a.leads_provided} leads located; {a.eligible_officers} eligible officers "
                f"x {plain(a.per_officer_cents)}",
                "paid" if payment else ("approved" if a.amount_cents else "no award"),
                "",
                plain(a.amount_cents),
                plain(a.amount_cents),
                plain(payment.amount_cents) if payment else "",
                payment.reference if payment else "",
                payment.paid_on.isoformat() if payment else "",
            ]
        )
    rows.append(["total", "", "", "", "", plain(s.approved_cents), plain(s.paid_cents), "", ""])
    return rows


def _csv(rows: list[list[str]], header: list[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(safe_row(row) for row in rows)
    return buffer.getvalue().encode()


def _write_if_changed(path: Path, data: bytes) -> None:
    if path.exists() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return
    path.write_bytes(data)


SUMMARY_HEADER = ["state", "agencies", "reimbursements_approved", "awards", "paid"]
BOOK_HEADER = ["agency_id", "state", "agency", *HEADER]
PDF_HEADER = ["section", "item", "status", "requested", "eligible", "approved", "paid"]
PDF_WIDTHS = [66, 196, 60, 53, 53, 50, 50]


def summary_rows(result: "Result") -> list[list[str]]:
    per_state: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for s in result.statements:
        cell = per_state[s.state]
        cell[0] += 1
        cell[1] += s.approved_cents - (s.award.amount_cents if s.award else 0)
        cell[2] += s.award.amount_cents if s.award else 0
        cell[3] += s.paid_cents
    rows = [[st, str(n), plain(r), plain(a), plain(p)] for st, (n, r, a, p) in sorted(per_state.items())]
    totals = [sum(v[i] for v in per_state.values()) for i in range(4)]
    rows.append(["national", str(totals[0]), plain(totals[1]), plain(totals[2]), plain(totals[3])])
    return rows


def _stamp(quarter: "Quarter") -> datetime:
    # The quarter's last second: the files carry no trace of when they were written.
    return datetime(quarter.end.year, quarter.end.month, quarter.end.day, 23, 59, 59)


def _statement_page(book: Document, s: "Statement", quarter: "Quarter", rows: list[list[str]]) -> None:
    book.table_pages(
        f"{s.name} ({s.state})",
        f"Statement for fiscal quarter {quarter} ({quarter.start} to {quarter.end}). Agency {s.agency_id}. "
        "Amounts in dollars.",
        PDF_HEADER,
        [r[:7] for r in rows],
        PDF_WIDTHS,
    )


def agency_csv(s: "Statement") -> bytes:
    return _csv(statement_rows(s), HEADER)


def agency_pdf(s: "Statement", quarter: "Quarter") -> bytes:
    doc = Document(f"287(g) funding statement {quarter}: {s.name}", _stamp(quarter))
    _statement_page(doc, s, quarter, statement_rows(s))
    return doc.output()


def write_all(result: "Result", out: Path, progress: bool = True, per_agency: bool = False) -> None:
    out.mkdir(parents=True, exist_ok=True)
    q = result.quarter
    stamp = _stamp(q)
    book = Document(f"287(g) funding statements {q}", stamp)
    table: list[list[str]] = []
    folder = out / "statements"
    if per_agency:
        folder.mkdir(exist_ok=True)
    for s in tqdm(result.statements, desc="statements", unit="agency", disable=not progress, mininterval=0.5):
        rows = statement_rows(s)
        table.extend([s.agency_id, s.state, s.name, *row] for row in rows)
        _statement_page(book, s, q, rows)
        if per_agency:
            _write_if_changed(folder / f"{s.agency_id}.csv", _csv(rows, HEADER))
            one = Document(f"287(g) funding statement {q}: {s.name}", stamp)
            _statement_page(one, s, q, rows)
            _write_if_changed(folder / f"{s.agency_id}.pdf", one.output())
    _write_if_changed(out / "statements.csv", _csv(table, BOOK_HEADER))
    _write_if_changed(out / "statements.pdf", book.output())
    rows = summary_rows(result)
    _write_if_changed(out / "summary.csv", _csv(rows, SUMMARY_HEADER))
    summary = Document(f"287(g) funding: national summary {q}", stamp)
    summary.table_pages(
        f"287(g) funding: national summary, fiscal quarter {q}",
        f"{len(result.statements)} agencies. Reimbursements approved, awards and payments in dollars; "
        f"national paid {dollars(sum(s.paid_cents for s in result.statements))}.",
        SUMMARY_HEADER,
        rows,
        [70, 70, 130, 120, 120],
    )
    _write_if_changed(out / "summary.pdf", summary.output())
