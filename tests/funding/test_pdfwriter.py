"""The statement PDF writer: a well-formed file (every cross-reference points at its object), text
escaped, long tables continued on new pages, the same bytes for the same content."""

import re
from datetime import datetime

from g287.funding.pdfwriter import Document, fit

STAMP = datetime(2026, 3, 31, 23, 59, 59)


def objects_at_offsets(data: bytes) -> None:
    start = int(re.search(rb"startxref\n(\d+)\n%%EOF\n$", data).group(1))  # type: ignore[union-attr]
    assert data[start:].startswith(b"xref\n0 ")
    entries = re.findall(rb"(\d{10}) 00000 n \n", data[start:])
    assert entries
    for number, offset in enumerate(entries, start=1):
        assert data[int(offset) :].startswith(b"%d 0 obj\n" % number)
    size = int(re.search(rb"/Size (\d+)", data).group(1))  # type: ignore[union-attr]
    assert size == len(entries) + 1


def test_well_formed_and_deterministic() -> None:
    def build() -> bytes:
        doc = Document("Statements (test)", STAMP)
        doc.table_pages("Agency (TX)", "Sub \\ title", ["a", "b"], [["x(1)", "café €5"]] * 3, [100, 100])
        doc.table_pages("Other", "", ["a"], [["y"]], [100])
        return doc.output()

    data = build()
    assert data.startswith(b"%PDF-1.4") and data == build()
    objects_at_offsets(data)
    assert b"/Count 2" in data
    assert b"(x\\(1\\))" in data and b"(Sub \\\\ title)" in data
    assert "(café €5)".encode("cp1252") in data  # WinAnsi, not UTF-8
    assert b"/CreationDate (D:20260331235959Z)" in data


def test_long_table_continues_and_unmappable_text() -> None:
    doc = Document("Long", STAMP)
    doc.table_pages("Many rows", "", ["n"], [[str(i)] for i in range(120)], [100])
    doc.table_pages("日本", "", ["n"], [["✓"]], [100])
    data = doc.output()
    objects_at_offsets(data)
    assert len(doc.pages) == 4  # 120 rows take three pages
    assert b"(??)" in data and b"(?)" in data


def test_fit() -> None:
    assert fit("short", 100, 8) == "short"
    assert fit("x" * 100, 40, 8) == "x" * 9 + "~"
