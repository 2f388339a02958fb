"""Workbooks built to hurt: cells far outside ICE's range, inflating parts, formulas without values,
values longer than the registry's columns, dates in the future. Each is refused alone, by name."""

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import time_machine

from g287.registry.ice import workbook as workbook_module
from g287.registry.ice.parse import MAX_LENGTHS, ParseError, parse_workbook
from g287.registry.importer import import_content, import_paths
from g287.registry.models import Agency, Agreement, AgreementVersion, Snapshot
from tests.registry.ice_files import SHEET, add_cells, rewrite, workbook
from tests.registry.ice_files import Agreement as Row

NAME = "participatingAgencies05182026am.xlsx"
FAR = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
# What `python -c` runs to parse one file in a fresh process and report its peak memory in MB. The peak is
# the process's own (VmHWM, reset by exec), not ru_maxrss, which a child inherits from a larger parent.
_MEASURE = """
import re, sys
from g287.registry.ice.parse import ParseError, parse_workbook
path = sys.argv[1]
try:
    parse_workbook(open(path, "rb").read(), path.rsplit("/", 1)[-1])
    outcome = "parsed"
except ParseError as exc:
    outcome = str(exc)
print(int(re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1)) // 1024)
print(outcome)
"""


def peak_memory(path: Path) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    megabytes, outcome = done.stdout.strip().split("\n", 1)
    return int(megabytes), outcome


def test_one_cell_at_the_last_address_is_refused_with_the_size_in_little_memory(tmp_path: Path) -> None:
    path = tmp_path / NAME
    path.write_bytes(add_cells(workbook([Row()]), FAR))
    assert path.stat().st_size < 20_000
    megabytes, outcome = peak_memory(path)
    assert outcome == (
        f"{NAME}: the sheet holds data as far as cell XFD1048576 (1,048,576 rows x 16,384 columns), "
        "more than the 100,000 rows x 50 columns g287 reads; not imported"
    )
    assert megabytes < 300


def test_a_sheet_at_the_limit_is_read_within_300_mb(tmp_path: Path) -> None:
    path = tmp_path / NAME
    path.write_bytes(add_cells(workbook([Row()]), '<row r="100000"><c r="AX100000"><v>1</v></c></row>'))
    megabytes, outcome = peak_memory(path)
    assert outcome == "parsed"
    assert megabytes < 300


@pytest.mark.parametrize(
    ("cell", "size"),
    [
        ("Z1048576", "1,048,576 rows x 26 columns"),
        ("AY2", "2 rows x 51 columns"),
        ("A100001", "100,001 rows x 1"),
    ],
)
def test_data_one_past_the_limits_is_refused(cell: str, size: str) -> None:
    row = cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    content = add_cells(workbook([Row()]), f'<row r="{row}"><c s="0" r="{cell}"><v>7</v></c></row>')
    with pytest.raises(ParseError, match=rf"as far as cell {cell} \({size}"):
        parse_workbook(content, NAME)


def test_formatted_cells_without_values_far_away_are_harmless() -> None:
    content = add_cells(workbook([Row()]), '<row r="1048576"><c r="XFD1048576" s="1"/></row>')
    assert len(parse_workbook(content, NAME).rows) == 1


def test_a_part_that_inflates_beyond_the_limit_is_refused() -> None:
    padding = b" " * (workbook_module.MAX_PART_BYTES + 1)
    content = rewrite(
        workbook([Row()]), SHEET, lambda data: data.replace(b"</worksheet>", padding + b"</worksheet>")
    )
    assert len(content) < 200_000
    with pytest.raises(ParseError, match=rf"{NAME}: the part {SHEET} inflates to more than 64 MB"):
        parse_workbook(content, NAME)


def test_formulas_without_a_computed_value_are_named() -> None:
    rows = [Row(agency=f"Agency {i}") for i in range(3)]

    def formulas(data: bytes) -> bytes:
        for ref in (b"B3", b"E4"):
            start = data.index(b'<c r="' + ref + b'"')
            end = data.index(b"</c>", start) + 4
            data = data[:start] + b'<c r="' + ref + b'" t="str"><f>CONCAT("a","b")</f></c>' + data[end:]
        return data

    with pytest.raises(ParseError, match=rf"{NAME}: formula cells without a computed value \(B3, E4\)"):
        parse_workbook(rewrite(workbook(rows), SHEET, formulas), NAME)


def test_formulas_with_their_value_are_read() -> None:
    def formula(data: bytes) -> bytes:
        start = data.index(b'<c r="B2"')
        end = data.index(b"</c>", start) + 4
        return (
            data[:start]
            + b'<c r="B2" t="str"><f>"Harris County Sheriff\'s Office"</f><v>Harris County Sheriff\'s Office</v></c>'
            + data[end:]
        )

    parsed = parse_workbook(rewrite(workbook([Row()]), SHEET, formula), NAME)
    assert parsed.rows[0].name == "Harris County Sheriff's Office"


def test_an_agency_name_longer_than_its_column_names_row_and_column() -> None:
    long_name = "A" * 32_767
    with pytest.raises(
        ParseError,
        match=rf"{NAME}, row 3, column B: the agency name is 32,767 characters long, more than the 300",
    ):
        parse_workbook(workbook([Row(), Row(agency=long_name)]), NAME)


def test_a_name_at_its_column_length_is_kept_whole() -> None:
    name = "Harris " + "x" * (MAX_LENGTHS["agency"] - 7)
    parsed = parse_workbook(workbook([Row(agency=name)]), NAME)
    assert parsed.rows[0].name == name


def test_a_county_or_link_longer_than_its_column_is_refused() -> None:
    with pytest.raises(ParseError, match=rf"{NAME}, row 2, column D: the COUNTY value is 201 characters"):
        parse_workbook(workbook([Row(county="C" * 201)]), NAME)
    with pytest.raises(ParseError, match=rf"{NAME}, row 2, column G: the MOA value is 501 characters"):
        parse_workbook(workbook([Row(moa="https://www.ice.gov/" + "m" * 481)]), NAME)


def test_column_lengths_are_the_registry_s() -> None:
    def length(model: type, name: str) -> int | None:
        return model._meta.get_field(name).max_length  # type: ignore[attr-defined, no-any-return]

    assert MAX_LENGTHS["agency"] == length(Agency, "name") == length(AgreementVersion, "name")
    assert MAX_LENGTHS["county"] == length(Agency, "county") == length(AgreementVersion, "county")
    assert MAX_LENGTHS["moa"] == length(AgreementVersion, "moa_url") == length(Agreement, "moa_url")
    assert MAX_LENGTHS["addendum"] == length(AgreementVersion, "addendum_url")
    assert MAX_LENGTHS["file name"] == length(Snapshot, "source_name")


@time_machine.travel("2026-05-18 08:00", tick=False)
def test_a_file_dated_after_today_is_refused_unless_dated_by_hand() -> None:
    content = workbook([Row()])
    assert parse_workbook(content, "participatingAgencies05182026am.xlsx").date == date(2026, 5, 18)
    with pytest.raises(
        ParseError, match=r"participatingAgencies05192026am\.xlsx: the file is dated 2026-05-19, after today"
    ):
        parse_workbook(content, "participatingAgencies05192026am.xlsx")
    with pytest.raises(ParseError, match="dated 2031-01-01, after today"):
        parse_workbook(content, "participatingAgencies01012031am.xlsx")
    assert parse_workbook(content, "participatingAgencies01012031am.xlsx", date(2026, 5, 18)).date == date(
        2026, 5, 18
    )


@pytest.mark.usefixtures("empty_registry")
@time_machine.travel("2026-11-30 12:00", tick=False)
def test_a_bad_file_fails_alone_and_the_others_are_imported(tmp_path: Path) -> None:
    good = tmp_path / "participatingAgencies05142026am.xlsx"
    good.write_bytes(workbook([Row()]))
    far = tmp_path / "participatingAgencies05152026am.xlsx"
    far.write_bytes(add_cells(workbook([Row()]), FAR))
    future = tmp_path / "participatingAgencies01012031am.xlsx"
    future.write_bytes(workbook([Row(agency="Nixon Police Department")]))
    later = tmp_path / "participatingAgencies05182026am.xlsx"
    later.write_bytes(workbook([Row(), Row(agency="Lee County Sheriff's Office", state="FLORIDA")]))
    report = import_paths([good, far, future, later])
    assert [(Path(f.path).name, f.status) for f in report.files] == [
        (good.name, "imported"),
        (far.name, "failed"),
        (future.name, "failed"),
        (later.name, "imported"),
    ]
    assert "XFD1048576" in report.files[1].message and far.name in report.files[1].message
    assert Snapshot.objects.count() == 2


@pytest.mark.usefixtures("empty_registry")
@time_machine.travel("2026-11-30 12:00", tick=False)
def test_one_downloaded_file_imports_from_its_bytes_with_an_explicit_date() -> None:
    content = workbook([Row()])
    first = import_content(content, "participatingAgencies.xlsx", date(2026, 5, 18))
    assert (first.status, first.day, first.rows) == ("imported", date(2026, 5, 18), 1)
    assert import_content(content, "participatingAgencies.xlsx", date(2026, 5, 19)).status == "known"
    bad = import_content(add_cells(content, FAR), "participatingAgencies.xlsx", date(2026, 5, 20))
    assert (bad.status, "XFD1048576" in bad.message) == ("failed", True)
    assert list(Snapshot.objects.values_list("date", flat=True)) == [date(2026, 5, 18)]
