"""A minimal PDF writer for text tables: letter pages, the Helvetica core fonts, no compression.

A settlement prints a page per agency, 10,000 pages. fpdf2 builds each page through a general layout
engine (about 0.5 ms a page: 5 s for the book); statements need text at given places only, which is a
few string operations per line here. The bytes depend on the content alone (the creation date is
given), so writing the same settlement twice gives the same file."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

PAGE_WIDTH, PAGE_HEIGHT = 612, 792  # US letter, in points
MARGIN = 42
FONTS = {"regular": "F1", "bold": "F2"}


def _text(value: str) -> str:
    """A PDF string literal, still as str: a page is encoded once, to WinAnsiEncoding (cp1252), where
    anything outside it shows as '?'."""
    return "(" + value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def fit(value: str, width: float, size: float) -> str:
    """Cut `value` to about `width` points at `size` (Helvetica averages about half an em a glyph)."""
    room = int(width / (size * 0.5))
    return value if len(value) <= room else value[: max(1, room - 1)] + "~"


@dataclass
class Page:
    ops: list[str] = field(default_factory=list)

    def text(self, x: float, y: float, value: str, size: float = 9, weight: str = "regular") -> None:
        """Text with its baseline `y` points below the top of the page."""
        self.ops.append(f"BT /{FONTS[weight]} {size:g} Tf {x:g} {PAGE_HEIGHT - y:g} Td {_text(value)} Tj ET")

    def row(
        self, x: float, y: float, values: Sequence[str], widths: Sequence[float], size: float, weight: str
    ) -> None:
        """Table cells from `x` on, each cut to its width: one text object, each cell placed relative
        to the one before (Td moves from the start of the previous cell)."""
        parts = [f"BT /{FONTS[weight]} {size:g} Tf {x:g} {PAGE_HEIGHT - y:g} Td"]
        step = 0.0
        for value, width in zip(values, widths, strict=False):
            if value:
                parts.append(f"{step:g} 0 Td {_text(fit(value, width - 4, size))} Tj")
                step = 0.0
            step += width
        parts.append("ET")
        self.ops.append(" ".join(parts))


@dataclass
class Document:
    title: str
    created: datetime
    pages: list[Page] = field(default_factory=list)

    def add_page(self) -> Page:
        page = Page()
        self.pages.append(page)
        return page

    def table_pages(
        self,
        title: str,
        subtitle: str,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
    ) -> None:
        """A title, a subtitle and a table, continued on further pages when it is long."""
        page = self.add_page()
        page.text(MARGIN, 50, title, 12, "bold")
        page.text(MARGIN, 66, subtitle, 9)
        y = 92.0

        page.row(MARGIN, y, header, widths, 8, "bold")
        for row in rows:
            y += 14
            if y > PAGE_HEIGHT - MARGIN:
                page = self.add_page()
                y = 50.0
            page.row(MARGIN, y, row, widths, 8, "regular")

    def output(self) -> bytes:
        """The file. Objects: 1 catalog, 2 page tree, 3-4 fonts, 5 info, then a page and its content
        stream for each page."""
        stamp = self.created.strftime("D:%Y%m%d%H%M%SZ")
        count = len(self.pages)
        kids = b" ".join(b"%d 0 R" % (6 + 2 * i) for i in range(count))
        objects: list[bytes] = [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Count %d /Kids [%s] >>" % (count, kids),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
            b"<< /Title %s /Producer (g287) /CreationDate (%s) >>"
            % (_text(self.title).encode("cp1252", "replace"), stamp.encode()),
        ]
        resources = b"<< /Font << /F1 3 0 R /F2 4 0 R >> >>"
        for i, page in enumerate(self.pages):
            content = "\n".join(page.ops).encode("cp1252", "replace")
            objects.append(
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources %s /Contents %d 0 R >>"
                % (PAGE_WIDTH, PAGE_HEIGHT, resources, 7 + 2 * i)
            )
            objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
        chunks = [b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"]
        offsets: list[int] = []
        position = len(chunks[0])
        for number, body in enumerate(objects, start=1):
            chunk = b"%d 0 obj\n%s\nendobj\n" % (number, body)
            offsets.append(position)
            position += len(chunk)
            chunks.append(chunk)
        xref = [b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)]
        xref.extend(b"%010d 00000 n \n" % offset for offset in offsets)
        chunks.append(b"".join(xref))
        chunks.append(
            b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, position)
        )
        return b"".join(chunks)
