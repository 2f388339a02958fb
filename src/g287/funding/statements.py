"""Settlement files: a CSV statement per agency, one PDF with a page per agency, and the national
summary as CSV and PDF. Nothing in them depends on when they were written, so a second run of the same
settlement writes the same bytes."""

import csv
import io
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from fpdf import FPDF
from tqdm import tqdm

from g287.funding.money import dollars, plain

if TYPE_CHECKING:
    from g287.funding.settlement import Result, Statement

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


def _csv(rows: list[list[str]], header: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _write_if_changed(path: Path, data: bytes) -> None:
    if path.exists() and path.read_bytes() == data:
        return
    path.write_bytes(data)


def _latin1(text: str) -> str:
    # The PDF core fonts cover Latin-1 only; anything else is shown as '?' rather than failing.
    return text.encode("latin-1", "replace").decode("latin-1")


def _pdf(quarter_end: datetime) -> FPDF:
    pdf = FPDF(format="letter")
    pdf.set_compression(False)  # faster for thousands of pages, and diffable
    pdf.set_creation_date(quarter_end)
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=9)
    return pdf


def _page(
    pdf: FPDF, title: str, subtitle: str, header: list[str], rows: list[list[str]], widths: list[int]
) -> None:
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 12)
    pdf.text(15, 18, _latin1(title))
    pdf.set_font("Helvetica", size=9)
    pdf.text(15, 24, _latin1(subtitle))
    y = 34
    pdf.set_font("Helvetica", "B", 8)
    x = 15
    for name, width in zip(header, widths, strict=True):
        pdf.text(x, y, name)
        x += width
    pdf.set_font("Helvetica", size=8)
    for row in rows:
        y += 5
        if y > 265:
            pdf.add_page()
            y = 20
        x = 15
        for value, width in zip(row, widths, strict=True):
            text = value if len(value) * 1.6 < width else value[: max(1, int(width / 1.6) - 1)] + "~"
            pdf.text(x, y, _latin1(text))
            x += width


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


SUMMARY_HEADER = ["state", "agencies", "reimbursements_approved", "awards", "paid"]


def write_all(result: "Result", out: Path, progress: bool = True) -> None:
    out.mkdir(parents=True, exist_ok=True)
    folder = out / "statements"
    folder.mkdir(exist_ok=True)
    q = result.quarter
    stamp = datetime(q.end.year, q.end.month, q.end.day, 23, 59, 59)
    book = _pdf(stamp)
    widths = [22, 70, 24, 20, 20, 20, 20, 0]
    pdf_header = ["section", "item", "status", "requested", "eligible", "approved", "paid"]
    for s in tqdm(result.statements, desc="statements", unit="agency", disable=not progress, mininterval=0.5):
        rows = statement_rows(s)
        _write_if_changed(folder / f"{s.agency_id}.csv", _csv(rows, HEADER).encode())
        _page(
            book,
            f"{s.name} ({s.state})",
            f"Statement for fiscal quarter {q} ({q.start} to {q.end}). Agency {s.agency_id}. Amounts in dollars.",
            pdf_header,
            [r[:7] for r in rows],
            widths[:7],
        )
    _write_if_changed(out / "statements.pdf", bytes(book.output()))
    rows = summary_rows(result)
    _write_if_changed(out / "summary.csv", _csv(rows, SUMMARY_HEADER).encode())
    summary = _pdf(stamp)
    _page(
        summary,
        f"287(g) funding: national summary, fiscal quarter {q}",
        f"{len(result.statements)} agencies. Reimbursements approved, awards and payments in dollars; "
        f"national paid {dollars(sum(s.paid_cents for s in result.statements))}.",
        SUMMARY_HEADER,
        rows,
        [25, 25, 45, 40, 40],
    )
    _write_if_changed(out / "summary.pdf", bytes(summary.output()))
