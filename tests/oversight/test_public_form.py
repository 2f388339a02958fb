"""The public complaint form and status check: anonymous filing, receipts, field errors (never a
500), throttling, Spanish, and what is kept."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from g287.core.models import AuditEntry
from g287.oversight.models import Complaint, FormMark
from g287.oversight.receipts import normalize
from tests.accounts.fixtures import World

pytestmark = pytest.mark.django_db
NEW = "/complaints/new/"
STATUS = "/complaints/status/"


def post(client: Client, world: World, **overrides: Any) -> Any:
    data = {
        "agency": world.a.pk,
        "model": "",
        "category": "profiling",
        "incident_on": "",
        "description": "Stopped and questioned about status at a traffic stop.",
        "contact": "",
        "website": "",
    }
    data.update(overrides)
    return client.post(NEW, data)


def test_anonymous_complaint_gives_a_receipt_and_stores_only_the_case(client: Client, world: World) -> None:
    page = client.get(NEW)
    assert page.status_code == 200
    assert "What we keep" in page.content.decode()
    response = post(client, world)
    assert response.status_code == 302 and response["Location"] == reverse("oversight:complaint_received")
    receipt = client.get(response["Location"]).content.decode()
    case = Complaint.objects.get()
    assert case.receipt in receipt
    assert normalize(case.receipt) == case.receipt
    assert case.channel == "public_form" and case.contact == "" and case.officer is None
    # Alpha County holds TFM and JEM: "I don't know" leaves the model open, so every clock runs.
    assert case.model == ""
    entry = AuditEntry.objects.get(object_type="oversight.Complaint")
    assert entry.actor == "public:complaint-form"
    assert "description" not in entry.after and "contact" not in entry.after
    assert entry.after["description_given"] is True


def test_receipts_are_unguessable() -> None:
    from g287.oversight.receipts import new_receipt

    drawn = {new_receipt() for _ in range(2000)}
    assert len(drawn) == 2000
    assert all(len(r) == len("G287-XXXX-XXXX-XXXX-XXXX") for r in drawn)


def test_status_check(client: Client, world: World) -> None:
    post(client, world, contact="call 555-0100")
    case = Complaint.objects.get()
    lowered = case.receipt.lower().replace("-", " ")
    response = client.post(STATUS, {"receipt": lowered})
    body = response.content.decode()
    assert response.status_code == 200
    assert case.receipt in body and "Received" in body and 'data-clock="notify_ice"' in body
    # Never shown publicly: the words, the contact, the officer.
    assert "traffic stop" not in body and "555-0100" not in body


@pytest.mark.parametrize(
    ("receipt", "message"),
    [
        ("", "This field is required."),
        ("12345", "not a receipt number"),
        ("G287-0000-0000-0000-0000", "No complaint"),
    ],
)
def test_status_check_errors(client: Client, world: World, receipt: str, message: str) -> None:
    response = client.post(STATUS, {"receipt": receipt})
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"agency": "XX-nowhere"}, "agency", "Select a valid choice"),
        ({"agency": ""}, "agency", "This field is required"),
        ({"category": "bogus"}, "category", "Select a valid choice"),
        ({"description": "   "}, "description", "This field is required"),
        ({"description": "x" * 4001}, "description", "at most 4000"),
        ({"incident_on": "2999-01-01"}, "incident_on", "in the future"),
        ({"incident_on": "yesterday"}, "incident_on", "Enter a valid date"),
        ({"incident_on": "0202-02-02"}, "incident_on", "after 1990"),
        ({"contact": "y" * 201}, "contact", "at most 200"),
        ({"model": "XYZ"}, "model", "Select a valid choice"),
    ],
)
def test_bad_input_gives_field_errors(
    client: Client, world: World, overrides: dict[str, str], field: str, message: str
) -> None:
    response = post(client, world, **overrides)
    assert response.status_code == 400
    assert f'id="error-{field}"' in response.content.decode()
    assert message in response.content.decode()
    assert not Complaint.objects.exists()


def test_honeypot(client: Client, world: World) -> None:
    response = post(client, world, website="http://spam.example")
    assert response.status_code == 400
    assert "must be left empty" in response.content.decode()
    assert not Complaint.objects.exists()


def test_garbage_posts_never_500(client: Client, world: World) -> None:
    for data in ({}, {"agency": ["a", "b"]}, {"description": "\x00"}, {"incident_on": "9" * 50}):
        assert client.post(NEW, data).status_code == 400
    assert client.post(STATUS, {}).status_code == 400
    assert client.put(NEW).status_code == 405


def test_submissions_are_throttled(client: Client, world: World, settings: Any) -> None:
    settings.G287_COMPLAINT_LIMIT = 3
    for _ in range(3):
        assert post(client, world).status_code == 302
    blocked = post(client, world)
    assert blocked.status_code == 429
    assert "Too many complaints" in blocked.content.decode()
    assert Complaint.objects.count() == 3
    # Another address is not blocked; addresses are kept only as keyed hashes.
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert post(other, world).status_code == 302
    assert not FormMark.objects.filter(key__contains="127.0.0.1").exists()
    assert all(len(m.key) == 64 for m in FormMark.objects.all())


def test_status_checks_are_throttled(client: Client, world: World, settings: Any) -> None:
    settings.G287_STATUS_LIMIT = 2
    for _ in range(2):
        assert client.post(STATUS, {"receipt": "G287-0000-0000-0000-0000"}).status_code == 400
    assert client.post(STATUS, {"receipt": "G287-0000-0000-0000-0000"}).status_code == 429


def test_spanish(client: Client, world: World) -> None:
    client.post("/i18n/setlang/", {"language": "es", "next": NEW})
    page = client.get(NEW).content.decode()
    assert "Presentar una queja" in page
    assert "Lo que guardamos" in page
    response = post(client, world, category="")
    assert "Este campo es obligatorio" in response.content.decode()
    post(client, world)
    assert Complaint.objects.get().language == "es"
    assert "Su número de recibo" in client.get(reverse("oversight:complaint_received")).content.decode()


def test_received_page_without_a_filing_goes_to_the_form(client: Client) -> None:
    assert client.get(reverse("oversight:complaint_received"))["Location"] == NEW


@pytest.mark.parametrize(
    ("language", "asked"),
    [("en", "Please describe in a few words what happened"), ("es", "Describa en pocas palabras qué pasó")],
)
def test_a_one_character_complaint_asks_for_a_few_words(
    client: Client, world: World, language: str, asked: str
) -> None:
    client.post("/i18n/setlang/", {"language": language, "next": NEW})
    try:
        response = post(client, world, description="x")
    finally:
        translation.activate("en")  # the request leaves its language active in this thread
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="error-description"' in body and asked in body
    assert not Complaint.objects.exists()
