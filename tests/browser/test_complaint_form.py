"""In a real browser: the public complaint form end to end, in English and in Spanish, with the
language switch, field errors, the receipt, and the status check."""

import re
from typing import Any

import pytest
from tests.accounts.fixtures import make_agency

from g287.oversight.models import Complaint

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
]
RECEIPT = re.compile(r"^G287(-[0-9A-HJKMNP-TV-Z]{4}){4}$")


def fill_complaint(page: Any, agency_id: str, description: str) -> None:
    page.select_option("#id_agency", agency_id)
    page.select_option("#id_model", "JEM")
    page.select_option("#id_category", "detention")
    page.fill("#id_incident_on", "2026-01-15")
    page.fill("#id_description", description)


def check_status(page: Any, base: str, typed: str) -> None:
    page.goto(f"{base}/complaints/status/")
    page.fill("#id_receipt", typed)
    page.click("#status-form button[type=submit]")
    page.wait_for_selector("#status-result")


def test_complaint_in_english_then_spanish(live_server: Any, transactional_db: Any, tab: Any) -> None:
    agency = make_agency(
        "TX-form-county-sheriffs-office", "TX", "Form County Sheriff's Office", ["JEM", "TFM"]
    )
    base = live_server.url
    page = tab

    # English: the form says what is kept; an empty description is refused with a field error.
    page.goto(f"{base}/complaints/new/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "What we keep" in page.inner_text("#what-is-kept")
    fill_complaint(page, agency.pk, "")
    page.click("#complaint-form button[type=submit]")
    assert "This field is required." in page.inner_text("#error-description")
    assert page.input_value("#id_agency") == agency.pk  # what was typed is kept
    page.fill("#id_description", "Held past release time without explanation.")
    page.click("#complaint-form button[type=submit]")
    page.wait_for_url(f"{base}/complaints/received/")
    receipt = page.inner_text("#receipt").strip()
    assert RECEIPT.match(receipt)
    assert "Your complaint was received" in page.inner_text("h1")

    # The status check accepts the receipt however it is typed.
    check_status(page, base, receipt.lower().replace("-", " "))
    result = page.inner_text("#status-result")
    assert receipt in result and "Form County Sheriff's Office" in result
    assert page.inner_text("#case-status") == "Received"
    assert page.locator('tr[data-clock="notify_ice"]').count() == 1
    assert "Held past release" not in page.content()

    # Switch to Spanish with the language switch; the choice sticks for the next pages.
    page.goto(f"{base}/complaints/new/")
    page.click('#language-switch button[value="es"]')
    page.wait_for_selector('html[lang="es"]')
    assert "Presentar una queja" in page.inner_text("h1")
    assert "Lo que guardamos" in page.inner_text("#what-is-kept")
    fill_complaint(page, agency.pk, "")
    page.click("#complaint-form button[type=submit]")
    assert "Este campo es obligatorio." in page.inner_text("#error-description")
    page.fill("#id_description", "Me retuvieron después de la hora de salida sin explicación.")
    page.fill("#id_contact", "buzon@example.org")
    page.click("#complaint-form button[type=submit]")
    page.wait_for_url(f"{base}/complaints/received/")
    assert "Recibimos su queja" in page.inner_text("h1")
    receipt_es = page.inner_text("#receipt").strip()
    assert RECEIPT.match(receipt_es) and receipt_es != receipt

    page.goto(f"{base}/complaints/status/")
    page.fill("#id_receipt", "12345")
    page.click("#status-form button[type=submit]")
    assert "Ese no es un número de recibo" in page.inner_text("#error-receipt")
    check_status(page, base, receipt_es)
    assert page.inner_text("#case-status") == "Recibida"
    assert "Plazos del acuerdo" in page.inner_text("#status-result")
    assert "buzon@example.org" not in page.content()

    # Back to English.
    page.click('#language-switch button[value="en"]')
    page.wait_for_selector('html[lang="en"]')

    stored = {c.receipt: c for c in Complaint.objects.all()}
    assert set(stored) == {receipt, receipt_es}
    assert stored[receipt].language == "en" and stored[receipt_es].language == "es"
    assert stored[receipt].contact == "" and stored[receipt_es].contact == "buzon@example.org"
    assert stored[receipt].model == "JEM" and stored[receipt].category == "detention"
    assert page.errors == []
