"""The performance measures on a hand-built data set whose answers are worked out by hand."""

import json
from datetime import date, datetime
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from g287.accounts.field_offices import load_field_offices
from g287.accounts.models import FieldOffice
from g287.officers.courses import load_courses
from g287.officers.models import Certification, Course, Officer, OfficerStatus
from g287.oversight.models import Complaint, Meeting, RecordedMeasure, RecordsSince
from g287.oversight.performance import compute
from g287.registry.models import Agency, Agreement
from tests.oversight.helpers import NY, agreement, listing

AS_OF = date(2026, 6, 30)


def officer(agency: Agency, badge: str, model: str, authorized: date, expires: date | None = None) -> Officer:
    o = Officer.objects.create(
        agency=agency,
        given_name="Test",
        family_name=badge,
        badge_number=badge,
        sworn_since=date(2010, 1, 1),
        model_codes=model,
        citizenship_attested=True,
        status=OfficerStatus.APPROVED,
        nominated_on=date(2023, 1, 1),
        reviewed_on=date(2023, 1, 2),
    )
    Certification.objects.create(
        officer=o,
        model=model,
        authorized_on=authorized,
        trained_on=authorized,
        form_70006_number=f"F-{badge}",
        credential_number=f"C-{badge}",
        expires_on=expires,
    )
    return o


def case(receipt: str, agency: Agency, model: str, received: date, resolved: date | None = None) -> Complaint:
    return Complaint.objects.create(
        receipt=receipt,
        received_at=datetime(received.year, received.month, received.day, 12, tzinfo=NY),
        channel="opr",
        agency=agency,
        model=model,
        category="conduct",
        description="-",
        status="resolved" if resolved else "received",
        resolved_on=resolved,
        outcome="not_sustained" if resolved else "",
    )


@pytest.fixture
def dataset(empty_registry: None) -> None:
    load_field_offices(FieldOffice)
    load_courses(Course)
    a = Agency.objects.create(id="TX-a", state="TX", name="Alpha County")
    b = Agency.objects.create(id="TX-b", state="TX", name="Bravo City")
    c = Agency.objects.create(id="FL-c", state="FL", name="Charlie County")
    a_jem = agreement(a, "JEM", date(2024, 1, 1))
    a_tfm = agreement(a, "TFM", date(2025, 3, 1))
    b_wso = agreement(b, "WSO", date(2026, 1, 1))  # first review not yet due on AS_OF
    c_jem = agreement(c, "JEM", date(2023, 5, 1))
    c_wso = agreement(c, "WSO", date(2024, 6, 1))
    listing(
        date(2026, 6, 1),
        [(a_jem, "posted"), (a_tfm, "pending"), (b_wso, "posted"), (c_jem, ""), (c_wso, "posted")],
    )
    Meeting.objects.create(agreement=a_jem, scheduled_on=date(2026, 2, 1), held_on=date(2026, 2, 1))
    Meeting.objects.create(
        agreement=c_jem, scheduled_on=date(2025, 3, 1), held_on=date(2025, 3, 1)
    )  # too old
    Meeting.objects.create(agreement=c_wso, scheduled_on=date(2025, 7, 1), held_on=date(2025, 7, 1))
    Meeting.objects.create(agreement=c_wso, scheduled_on=date(2026, 9, 1))  # only scheduled
    officer(a, "1", "JEM", date(2025, 1, 1))
    officer(a, "2", "TFM", date(2024, 1, 1), expires=date(2026, 1, 1))  # lapsed: Alpha not current
    officer(b, "3", "WSO", date(2026, 2, 1))
    officer(c, "4", "JEM", date(2024, 1, 1))
    officer(c, "5", "WSO", date(2024, 7, 1))
    case("R1", a, "JEM", date(2026, 1, 10), date(2026, 1, 20))  # 10 days
    case("R2", a, "TFM", date(2026, 3, 1), date(2026, 4, 30))  # 60 days
    case("R3", c, "", date(2026, 5, 1))  # open, model unknown
    case("R4", c, "JEM", date(2025, 1, 1), date(2025, 8, 1))  # received before the window: 212 days
    case("R5", c, "JEM", date(2026, 7, 5))  # after AS_OF
    for measure in RecordedMeasure.values:  # every record kept here since long before the window
        RecordsSince.objects.create(measure=measure, since=date(2020, 1, 1))


def values(group: dict[str, Any]) -> dict[str, Any]:
    return {key: m["value"] for key, m in group.items()}


def test_program_and_models(dataset: None) -> None:
    data = compute(AS_OF)
    assert data["snapshot"]["date"] == "2026-06-01"
    assert values(data["program"]) == {
        "training_current": round(2 / 3, 4),
        "moa_published": 0.6,
        "annual_meeting": round(2 / 3, 4),
        "complaints_per_100_officers": 75.0,  # 3 complaints, 4 officers certified on the day
        "median_days_to_resolution": 60,
        "paid_per_agreement": None,  # no payments recorded: not $0
    }
    assert data["program"]["paid_per_agreement"]["note"] == "no payments recorded"
    assert data["program"]["moa_published"]["numerator"] == 3
    jem = data["models"]["JEM"]
    assert jem["moa_published"]["value"] == 0.5
    assert jem["annual_meeting"]["value"] == 0.5
    assert jem["complaints_per_100_officers"]["value"] == 50.0  # R1 / officers 1 and 4
    assert jem["median_days_to_resolution"]["value"] == 111  # 10 and 212
    assert data["models"]["WSO"]["annual_meeting"]["value"] == 1.0  # Bravo's is not due yet
    assert data["models"]["TFM"]["annual_meeting"]["value"] is None
    assert data["models"]["TFM"]["paid_per_agreement"]["value"] is None
    for key, definition in data["definitions"].items():
        assert definition["how"], key


def test_states_and_agencies(dataset: None) -> None:
    data = compute(AS_OF)
    assert values(data["states"]["TX"]) == {
        "training_current": 0.5,
        "moa_published": round(2 / 3, 4),
        "annual_meeting": 1.0,
        "complaints_per_100_officers": 100.0,
        "median_days_to_resolution": 35,
        "paid_per_agreement": None,
    }
    assert values(data["states"]["FL"])["complaints_per_100_officers"] == 50.0
    assert values(data["states"]["FL"])["median_days_to_resolution"] == 212
    agencies = {a["agency"]: a["measures"] for a in data["agencies"]}
    assert agencies["TX-a"]["training_current"]["value"] == 0.0
    assert agencies["TX-b"]["training_current"]["value"] == 1.0
    assert agencies["TX-b"]["annual_meeting"]["value"] is None
    assert agencies["FL-c"]["annual_meeting"]["value"] == 0.5


def test_money_from_the_funding_totals(dataset: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        "g287.oversight.performance.paid_cents_by_agency", lambda as_of: {"TX-a": 100_000, "FL-c": 50_000}
    )
    data = compute(AS_OF)
    assert data["program"]["paid_per_agreement"] == {"value": 30_000, "paid_cents": 150_000, "agreements": 5}
    assert data["states"]["TX"]["paid_per_agreement"]["value"] == 33_333


def test_an_earlier_date_sees_less(dataset: None) -> None:
    data = compute(date(2026, 6, 1))
    assert data["program"]["median_days_to_resolution"]["value"] == 60
    assert compute(date(2020, 1, 1))["snapshot"] is None
    assert compute(date(2020, 1, 1))["program"]["moa_published"]["value"] is None


def test_command(dataset: None) -> None:
    out = StringIO()
    call_command("measures", "--json", "--as-of", "2026-06-30", "--state", "tx", stdout=out)
    data = json.loads(out.getvalue())
    assert list(data["states"]) == ["TX"]
    assert {a["agency"] for a in data["agencies"]} == {"TX-a", "TX-b"}
    assert data["program"]["moa_published"]["value"] == 0.6
    text = StringIO()
    call_command("measures", "--as-of", "2026-06-30", stdout=text)
    assert "60.0% (3/5)" in text.getvalue() and "how:" in text.getvalue()
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("measures", "--as-of", "June")
    with pytest.raises(CommandError, match="unknown state"):
        call_command("measures", "--state", "ZZ")


def test_page_and_api(dataset: None, client: Client, settings: Any) -> None:
    page = client.get("/measures/", {"as_of": "2026-06-30", "state": "TX"})
    body = page.content.decode()
    assert page.status_code == 200
    assert "60.0% (3/5)" in body and "Alpha County" in body and "How each measure is computed" in body
    assert client.get("/measures/", {"as_of": "tomorrow"}).status_code == 400
    assert client.get("/measures/", {"state": "ZZ"}).status_code == 400
    api = client.get("/api/oversight/measures", {"as_of": "2026-06-30"}).json()
    assert api["program"]["moa_published"]["value"] == 0.6
    assert client.get("/api/oversight/measures", {"state": "ZZ"}).status_code == 422
    assert client.get("/api/oversight/measures", {"as_of": "nope"}).status_code == 422


def test_a_new_list_moves_the_measures_at_once(dataset: None) -> None:
    """The agreements' part of the measures is kept per data version: the next list is counted the moment
    it is in, not when some cache expires."""
    assert compute(AS_OF)["program"]["moa_published"]["numerator"] == 3
    listed = {a.pk: a for a in Agreement.objects.all()}
    listing(
        date(2026, 6, 15),
        [(a, "posted") for a in listed.values()],
        key="2026-06-15T00:00:00",
    )
    after = compute(AS_OF)
    assert after["snapshot"]["date"] == "2026-06-15"
    assert after["program"]["moa_published"] == {"value": 1.0, "numerator": 5, "denominator": 5}
