"""Publication dates from file names, ICE's own and other archivers' (no ../shared needed)."""

from datetime import date, datetime
from pathlib import Path

import pytest
import time_machine

from g287.registry.ice.filenames import parse_file_name
from g287.registry.ice.parse import ParseError, parse_workbook
from g287.registry.importer import import_paths
from g287.registry.models import Snapshot
from tests.registry.ice_files import PENDING, Agreement, rewrite, workbook


@pytest.mark.parametrize(
    ("name", "kind", "published"),
    [
        # ICE's own names, as in the archive.
        ("participatingAgencies05182026am.xlsx", "participating", datetime(2026, 5, 18, 9, 0)),
        ("pendingAgencies05182026pm.xlsx", "pending", datetime(2026, 5, 18, 17, 0)),
        ("participatingAgencies05142026mid.xlsx", "participating", datetime(2026, 5, 14, 12, 0)),
        ("participatingAgencies12042025pm2.xlsx", "participating", datetime(2025, 12, 4, 17, 1)),
        ("participatingAgencies06112025pm copy.xlsx", "participating", datetime(2025, 6, 11, 17, 1)),
        ("ParticipatingEntities-20210113002027.xlsx", "participating", datetime(2021, 1, 13, 0, 20, 27)),
        # Other archivers' names.
        ("participatingAgencies051826pm.xlsx", "participating", datetime(2026, 5, 18, 17, 0)),
        ("287gparticipatingAgencies05182026am.xlsx", "participating", datetime(2026, 5, 18, 9, 0)),
        ("287g_pendingAgencies05182026am.xlsx", "pending", datetime(2026, 5, 18, 9, 0)),
        ("ParticipatingAgencies05182026am.xlsx", "participating", datetime(2026, 5, 18, 9, 0)),
        ("participatingAgency05182026am.xlsx", "participating", datetime(2026, 5, 18, 9, 0)),
        ("pendingAgency051826.xlsx", "pending", datetime(2026, 5, 18, 12, 0)),
        ("participatingAgencies05182026.xlsx", "participating", datetime(2026, 5, 18, 12, 0)),
        ("participatingAgencies05182026am 12.15.07 AM.xlsx", "participating", datetime(2026, 5, 18, 9, 0)),
        ("participatingAgencies05182026 3.04.59 PM.xlsx", "participating", datetime(2026, 5, 18, 12, 0)),
    ],
)
def test_names_give_kind_and_time_without_warnings(name: str, kind: str, published: datetime) -> None:
    named = parse_file_name(name)
    assert (named.kind, named.published_at, named.warnings) == (kind, published, [])


def test_the_malformed_nine_digit_date_is_read_and_flagged() -> None:
    """ICE published `participatingAgencies090022025am.xlsx` for 2 September 2025."""
    named = parse_file_name("participatingAgencies090022025am.xlsx")
    assert named.published_at == datetime(2025, 9, 2, 9, 0)
    assert named.warnings == ["malformed date '090022025' in the file name, read as month 9, day 2"]


@pytest.mark.parametrize(
    "name",
    [
        "participatingAgencies.xlsx",
        "pendingAgencies (1).xlsx",
        "my list.xlsx",
        "participatingAgencies13402026am.xlsx",
    ],
)
def test_names_without_a_valid_date_give_none(name: str) -> None:
    assert parse_file_name(name).published_at is None


def test_a_file_parsed_under_its_name_gets_that_date_and_no_warning() -> None:
    parsed = parse_workbook(
        workbook([Agreement()]), "participatingAgencies051826pm.xlsx", today=date(2026, 11, 30)
    )
    assert parsed.published_at == datetime(2026, 5, 18, 17, 0)
    assert parsed.warnings == []


def test_an_undated_name_takes_the_workbook_s_modified_time_with_a_warning() -> None:
    def modified(core: bytes) -> bytes:
        start = core.index(b"<dcterms:modified")
        end = core.index(b"</dcterms:modified>") + len(b"</dcterms:modified>")
        stamp = b'<dcterms:modified xsi:type="dcterms:W3CDTF">2026-05-18T11:29:17Z</dcterms:modified>'
        return core[:start] + stamp + core[end:]

    content = rewrite(workbook([Agreement()], PENDING), "docProps/core.xml", modified)
    parsed = parse_workbook(content, "pendingAgencies.xlsx", today=date(2026, 11, 30))
    assert parsed.published_at == datetime(2026, 5, 18, 11, 29, 17)
    assert parsed.warnings == [
        "the file name carries no date: dated by the workbook's own modified time, 2026-05-18 11:29 UTC; "
        "pass --date to override"
    ]


def test_an_undated_name_and_no_modified_time_asks_for_date() -> None:
    content = rewrite(workbook([Agreement()]), "docProps/core.xml", lambda _: None)
    with pytest.raises(
        ParseError, match=r"participatingAgencies\.xlsx: the publication date cannot be read.*--date"
    ):
        parse_workbook(content, "participatingAgencies.xlsx")


@pytest.mark.usefixtures("empty_registry")
@time_machine.travel("2026-11-30 12:00", tick=False)
def test_archivers_names_import_with_the_right_dates(tmp_path: Path) -> None:
    names = [
        "participatingAgencies051426pm.xlsx",
        "287gparticipatingAgencies05152026am.xlsx",
        "ParticipatingAgencies05162026am.xlsx",
        "participatingAgency05172026am.xlsx",
        "participatingAgencies05182026am 12.15.07 AM.xlsx",
        "participatingAgencies05192026.xlsx",
    ]
    for n, name in enumerate(names):
        rows = [Agreement(agency=f"Agency {i}") for i in range(n + 1)]
        (tmp_path / name).write_bytes(workbook(rows))
    report = import_paths([tmp_path / name for name in names])
    assert report.ok, [f.message for f in report.files]
    assert [(s.source_name, s.date, s.warnings) for s in Snapshot.objects.order_by("order_key")] == [
        (name, date(2026, 5, 14 + n), []) for n, name in enumerate(names)
    ]


@pytest.mark.parametrize(
    ("name", "kind", "published", "scheme"),
    [
        # A path: only the last part is the name.
        (
            "archive/2026/05/participatingAgencies05182026am.xlsx",
            "participating",
            datetime(2026, 5, 18, 9),
            "ice",
        ),
        ("PENDINGAGENCIES05182026PM.xlsx", "pending", datetime(2026, 5, 18, 17), "ice"),
        ("pendingagencies-20260518093000.xlsx", "pending", datetime(2026, 5, 18, 9, 30), "capture"),
        (
            "web/participatingAgencies-20260518093000.xlsx",
            "participating",
            datetime(2026, 5, 18, 9, 30),
            "capture",
        ),
        # Blank before the extension is no second file: no extra minute.
        ("participatingAgencies05182026am .xlsx", "participating", datetime(2026, 5, 18, 9), "ice"),
        ("participatingAgencies05182026amB.xlsx", "participating", datetime(2026, 5, 18, 9, 1), "ice"),
        ("participatingAgencies123125.xlsx", "participating", datetime(2025, 12, 31, 12), "ice"),
        ("participatingAgencies.xlsx", "participating", None, "other"),
        ("pendingAgencies copy.xlsx", "pending", None, "other"),
        ("287g-PendingAgency.xlsx", "pending", None, "other"),
        ("my list.xlsx", None, None, "other"),
        ("participatingAgencies05182026am.csv", None, None, "other"),
    ],
)
def test_kind_time_and_scheme_of_each_name(
    name: str, kind: str | None, published: datetime | None, scheme: str
) -> None:
    named = parse_file_name(name)
    assert (named.kind, named.published_at, named.scheme, named.warnings) == (kind, published, scheme, [])


@pytest.mark.parametrize(
    ("name", "kind", "digits"),
    [
        ("participatingAgencies13402026am.xlsx", "participating", "13402026"),
        ("pendingAgencies02302026pm.xlsx", "pending", "02302026"),  # 30 February
        ("pendingAgencies000026.xlsx", "pending", "000026"),
    ],
)
def test_an_impossible_date_keeps_the_kind_and_says_why(name: str, kind: str, digits: str) -> None:
    named = parse_file_name(name)
    assert (named.kind, named.published_at, named.scheme) == (kind, None, "ice")
    assert named.warnings == [f"no valid date in the file name ({digits})"]
