from datetime import date, datetime

import pytest

from g287.registry.ice.parse import ParseError, parse_workbook
from tests.registry.ice_files import HTML_ERA, PENDING, Agreement, rewrite, workbook

HARRIS = Agreement()
LEE = Agreement(
    state="FLORIDA",
    agency="Lee County Sheriff's Office",
    county="Lee County",
    model="Jail Enforcement Model",
    signed=date(2025, 2, 26),
    moa="pending",
)


def test_participating_list_rows_are_normalized() -> None:
    parsed = parse_workbook(workbook([HARRIS, LEE]), "participatingAgencies05182026am.xlsx")
    assert parsed.kind == "participating"
    assert parsed.published_at == datetime(2026, 5, 18, 9, 0)
    harris, lee = parsed.rows
    assert (harris.state, harris.model, harris.type, harris.county) == (
        "TX",
        "TFM",
        "county",
        "Harris County",
    )
    assert harris.signed == date(2025, 3, 1)
    assert (harris.moa, harris.moa_url) == (
        "posted",
        "https://www.ice.gov/doclib/287gMOA/HarrisCoTX_TFM_MOA.pdf",
    )
    assert (lee.state, lee.model, lee.moa, lee.moa_url) == ("FL", "JEM", "pending", "")


def test_columns_are_found_by_name_in_any_order_case_and_spacing() -> None:
    headers = ["  moa", "Support Type ", "county", "Signed", "law enforcement  agency", "type", " State "]
    parsed = parse_workbook(workbook([HARRIS], headers), "participatingAgencies05182026am.xlsx")
    row = parsed.rows[0]
    assert (row.state, row.name, row.model, row.signed, row.moa) == (
        "TX",
        HARRIS.agency,
        "TFM",
        date(2025, 3, 1),
        "posted",
    )


def test_html_era_layout() -> None:
    parsed = parse_workbook(
        workbook([Agreement(signed="2020-06-09", model="Warrant Service Officer")], HTML_ERA),
        "ParticipatingEntities-20210113002027.xlsx",
    )
    row = parsed.rows[0]
    assert (row.model, row.signed, row.type, row.county) == ("WSO", date(2020, 6, 9), "", "")
    assert parsed.published_at == datetime(2021, 1, 13, 0, 20, 27)


def test_kind_comes_from_content_not_name() -> None:
    """On 2025-09-22 ICE served the pending list under the participating list's name."""
    parsed = parse_workbook(workbook([HARRIS], PENDING), "participatingAgencies09222025pm.xlsx")
    assert parsed.kind == "pending"
    assert any("imported as pending" in w for w in parsed.warnings)
    swapped = parse_workbook(workbook([HARRIS]), "pendingAgencies09222025pm.xlsx")
    assert swapped.kind == "participating"


def test_year_typo_in_the_name_is_corrected_from_the_content() -> None:
    rows = [Agreement(agency=f"Agency {i}", signed=date(2025, 12, 1 + i)) for i in range(5)]
    parsed = parse_workbook(workbook(rows), "participatingAgencies01092025pm.xlsx")
    assert parsed.published_at == datetime(2026, 1, 9, 17, 0)
    assert any("typo in the name's year" in w for w in parsed.warnings)


def test_pending_year_typo_is_corrected_from_its_layout() -> None:
    parsed = parse_workbook(workbook([HARRIS], PENDING), "pendingAgencies01052025pm.xlsx")
    assert parsed.date == date(2026, 1, 5)


def test_a_single_late_signature_is_a_row_typo_not_a_date_typo() -> None:
    rows = [HARRIS, Agreement(agency="Other", signed=date(5025, 7, 7))]
    parsed = parse_workbook(workbook(rows), "participatingAgencies07092025pm.xlsx")
    assert parsed.date == date(2025, 7, 9)
    assert any("row 3: signed on 5025-07-07" in w for w in parsed.warnings)


def test_date_override_wins() -> None:
    parsed = parse_workbook(workbook([HARRIS]), "anything.xlsx", date_override=date(2025, 6, 1))
    assert parsed.date == date(2025, 6, 1)


def test_file_without_a_date_needs_one() -> None:
    """No date in the name and none in the workbook's properties (docProps/core.xml)."""
    undated = rewrite(workbook([HARRIS]), "docProps/core.xml", lambda _: None)
    with pytest.raises(ParseError, match=r"my list\.xlsx: the publication date cannot be read.*--date"):
        parse_workbook(undated, "my list.xlsx")


def test_bad_state_names_file_row_and_column() -> None:
    rows = [HARRIS, Agreement(state="ATLANTIS")]
    with pytest.raises(
        ParseError, match=r"participatingAgencies05182026am\.xlsx, row 3, column A: unknown state 'ATLANTIS'"
    ):
        parse_workbook(workbook(rows), "participatingAgencies05182026am.xlsx")


def test_bad_signed_date_names_its_column() -> None:
    rows = [Agreement(signed="someday")]
    with pytest.raises(ParseError, match=r"row 2, column F: SIGNED 'someday' is not a date"):
        parse_workbook(workbook(rows), "participatingAgencies05182026am.xlsx")


def test_foreign_workbook_is_refused() -> None:
    with pytest.raises(ParseError, match="not an ICE 287\\(g\\) list"):
        parse_workbook(workbook([HARRIS], ["NAME", "AGE"]), "participatingAgencies05182026am.xlsx")


def test_damaged_file_is_refused() -> None:
    with pytest.raises(ParseError, match=r"broken\.xlsx: not an \.xlsx workbook"):
        parse_workbook(b"PK\x03\x04 this is not a zip", "broken.xlsx")


def test_empty_participating_list_is_refused() -> None:
    with pytest.raises(ParseError, match="would end every agreement"):
        parse_workbook(workbook([]), "participatingAgencies05182026am.xlsx")


def test_empty_pending_list_is_accepted() -> None:
    parsed = parse_workbook(workbook([], PENDING), "pendingAgencies11062025pm.xlsx")
    assert parsed.rows == []


def test_the_same_agreement_twice_in_a_file_is_kept_once() -> None:
    rows = [Agreement(agency="St. Cloud Police Department"), Agreement(agency="St Cloud Police Department")]
    parsed = parse_workbook(workbook(rows), "participatingAgencies07152025am.xlsx")
    assert [r.name for r in parsed.rows] == ["St. Cloud Police Department"]
    assert any("repeats an agreement" in w for w in parsed.warnings)


def test_rows_without_a_model_are_skipped_with_a_warning() -> None:
    parsed = parse_workbook(
        workbook([HARRIS, Agreement(agency="X", model="")], PENDING), "pendingAgencies10062025pm.xlsx"
    )
    assert len(parsed.rows) == 1
    assert any("no SUPPORT TYPE" in w for w in parsed.warnings)


def test_wrapped_links_are_cleaned() -> None:
    wrapped = "https://web.archive.org/web/20250301/https://www.ice.gov/doclib/287gMOA/A.pdf"
    parsed = parse_workbook(workbook([Agreement(moa=wrapped)]), "participatingAgencies05182026am.xlsx")
    assert parsed.rows[0].moa_url == "https://www.ice.gov/doclib/287gMOA/A.pdf"
