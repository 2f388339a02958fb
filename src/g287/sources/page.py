"""Finding the links to ICE's two workbooks on its 287(g) page, by address and by text."""

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit


@dataclass
class Link:
    href: str  # absolute
    text: str


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[Link] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._href = dict(attrs).get("href") or None
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append(Link(self._href.strip(), " ".join("".join(self._text).split())))
            self._href = None


def links(html: str, base: str) -> list[Link]:
    parser = _Anchors()
    parser.feed(html)
    parser.close()
    return [Link(urljoin(base, link.href), link.text) for link in parser.links]


# ICE's file names: participatingAgencies.xlsx, participatingAgencies05182026am.xlsx, pendingAgencies…
_NAME = {
    "participating": re.compile(r"participating[a-z]*\w*\.xlsx$", re.I),
    "pending": re.compile(r"pending[a-z]*\w*\.xlsx$", re.I),
}
_TEXT = {
    "participating": re.compile(r"\bparticipating\b", re.I),
    "pending": re.compile(r"\bpending\b", re.I),
}


def find_workbooks(html: str, base: str) -> dict[str, str]:
    """The address of each list the page links, by kind. An address that names the list wins over a
    link whose text names it (ICE's link texts change more often than its file names)."""
    found: dict[str, str] = {}
    anchors = links(html, base)
    for kind in ("participating", "pending"):
        by_name = [a for a in anchors if _NAME[kind].search(urlsplit(a.href).path)]
        by_text = [a for a in anchors if _TEXT[kind].search(a.text) and _is_workbook_link(a.href)]
        for candidate in by_name + by_text:
            found[kind] = candidate.href
            break
    return found


def _is_workbook_link(href: str) -> bool:
    return urlsplit(href).path.lower().endswith((".xlsx", ".xls"))
