from datetime import date, datetime

import pytest

from g287.core.states import state_code
from g287.registry.ice import values
from g287.registry.ice.filenames import parse_file_name


@pytest.mark.parametrize(
    ("text", "code", "exact"),
    [
        ("TEXAS", "TX", True),
        ("Texas ", "TX", True),
        ("GUAM", "GU", True),
        ("NORTHERN MARIANA ISLANDS", "MP", True),
        ("PENNSLYVANIA", "PA", False),
        ("WEST VIRIGINIA", "WV", False),
        ("UTAHJ", "UT", False),
        ("MCHIGAN", "MI", False),
    ],
)
def test_state_names_become_postal_codes(text: str, code: str, exact: bool) -> None:
    assert state_code(text) == (code, exact)


def test_unknown_state_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown state 'ATLANTIS'"):
        state_code("ATLANTIS")


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("Jail Enforcement Model", "JEM"),
        ("Jail Enforcment Model ", "JEM"),
        ("Task Force Model", "TFM"),
        ("Task Force Officer ", "TFM"),
        ("Warrant Service Officer", "WSO"),
        ("Warrant Services Officer", "WSO"),
        ("WSO", "WSO"),
    ],
)
def test_support_type_becomes_model(text: str, model: str) -> None:
    assert values.model(text) == model


def test_unknown_support_type_is_an_error() -> None:
    with pytest.raises(values.ValueProblem, match="unknown SUPPORT TYPE 'Bicycle Patrol'"):
        values.model("Bicycle Patrol")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("County ", "county"),
        ("Municipality", "municipality"),
        ("Muncipality ", "municipality"),
        ("State Agency", "state"),
        ("State", "state"),
        ("#NA", ""),
        ("", ""),
    ],
)
def test_agency_type(text: str, kind: str) -> None:
    assert values.agency_type(text) == kind


@pytest.mark.parametrize("text", ["#N/A", "#NA", "", "  ", None, "\u00a0"])
def test_empty_markers_become_empty(text: str | None) -> None:
    assert values.text(text) == ""


def test_county_spacing_and_case_are_normalized() -> None:
    assert values.county("  Bradley   County ") == "Bradley County"
    assert values.county("BRADLEY COUNTY") == "Bradley County"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (date(2025, 3, 4), date(2025, 3, 4)),
        (datetime(2025, 3, 4, 0, 0), date(2025, 3, 4)),
        ("2020-06-09", date(2020, 6, 9)),
        ("3/4/2025", date(2025, 3, 4)),
        (45720.0, date(2025, 3, 4)),
        ("", None),
        (None, None),
    ],
)
def test_signed_dates(raw: object, expected: date | None) -> None:
    assert values.signed(raw) == expected


def test_signed_date_with_the_year_glued_on_is_read_and_flagged() -> None:
    with pytest.raises(values.GluedYear) as caught:
        values.signed("7/72025")
    assert caught.value.day == date(2025, 7, 7)


def test_signed_garbage_is_an_error() -> None:
    with pytest.raises(values.ValueProblem, match="SIGNED 'soon' is not a date"):
        values.signed("soon")


def test_safelinks_are_unwrapped() -> None:
    wrapped = (
        "https://gcc02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.ice.gov%2Fdoclib%2F287gMOA"
        "%2FPalmSpringsPoliceDeptFL_TFM_MOA_06052025.pdf&data=05%7C02%7C&reserved=0"
    )
    assert (
        values.clean_url(wrapped)
        == "https://www.ice.gov/doclib/287gMOA/PalmSpringsPoliceDeptFL_TFM_MOA_06052025.pdf"
    )


def test_web_archive_prefix_is_removed() -> None:
    archived = "https://web.archive.org/web/20250301000000/https://www.ice.gov/doclib/287gMOA/x.pdf"
    assert values.clean_url(archived) == "https://www.ice.gov/doclib/287gMOA/x.pdf"


def test_links_posted_pending_and_absent() -> None:
    assert values.link("link", "https://www.ice.gov/a.pdf") == ("posted", "https://www.ice.gov/a.pdf")
    assert values.link("link pending ", None) == ("pending", "")
    assert values.link("Link Pending", None) == ("pending", "")
    assert values.link("\u00a0", None) == ("", "")


@pytest.mark.parametrize(
    ("name", "kind", "published"),
    [
        ("participatingAgencies05182026am.xlsx", "participating", datetime(2026, 5, 18, 9, 0)),
        ("pendingAgencies10152025mid.xlsx", "pending", datetime(2025, 10, 15, 12, 0)),
        ("participatingAgencies12042025pm2.xlsx", "participating", datetime(2025, 12, 4, 17, 1)),
        ("participatingAgencies06112025pm copy.xlsx", "participating", datetime(2025, 6, 11, 17, 1)),
        ("participatingAgencies04232026.xlsx", "participating", datetime(2026, 4, 23, 12, 0)),
        ("ParticipatingEntities-20210113002027.xlsx", "participating", datetime(2021, 1, 13, 0, 20, 27)),
        ("pendingAgencies-20250313172004.xlsx", "pending", datetime(2025, 3, 13, 17, 20, 4)),
    ],
)
def test_file_names(name: str, kind: str, published: datetime) -> None:
    named = parse_file_name(name)
    assert (named.kind, named.published_at) == (kind, published)


def test_malformed_file_name_date_is_read_with_a_warning() -> None:
    named = parse_file_name("participatingAgencies090022025am.xlsx")
    assert named.published_at == datetime(2025, 9, 2, 9, 0)
    assert "malformed date" in named.warnings[0]


def test_foreign_file_name_has_no_date() -> None:
    assert parse_file_name("my list.xlsx").published_at is None
