"""Days far outside any record, and a search, on the staff pages and the API: each answered with the
reason (400 or 422), never a 500. Found by requesting every route with hostile parameters."""

from typing import Any

from django.test import Client

from tests.accounts.fixtures import World


def signed_in(world: World, role: str = "program_admin") -> Client:
    client = Client()
    client.raise_request_exception = False
    client.force_login(world.users[role])
    return client


def test_a_day_beyond_the_range_is_refused_with_the_reason(world: World) -> None:
    admin = signed_in(world)
    page = admin.get("/office/audit/?until=9999-12-31")
    assert page.status_code == 400 and "outside the days g287 answers for" in page.content.decode()
    assert admin.get("/api/audit/?until=9999-12-31").status_code == 422
    assert admin.get("/api/audit/?since=0001-01-01").status_code == 422
    compliance = admin.get("/office/officers/compliance/?as_of=9999-12-31")
    assert (
        compliance.status_code == 200 and "outside the days g287 answers for" in compliance.content.decode()
    )
    assert admin.get("/api/officers/compliance?as_of=9999-12-31").status_code == 422
    assert Client().get("/api/oversight/measures?as_of=0001-01-01").status_code == 422
    assert admin.get("/office/audit/?until=2026-01-31").status_code == 200


def test_a_renewal_in_the_future_is_refused(world: World) -> None:
    admin = signed_in(world)
    url = f"/office/officers/certifications/{world.cert_a.pk}/renew/"
    form: dict[str, Any] = {
        "renewed_on": "9999-12-31",
        "form_70006_number": "F-2",
        "credential_number": "C-2",
    }
    response = admin.post(url, form, follow=True)
    assert response.status_code in (200, 400)
    assert "The renewal date is in the future." in response.content.decode()
    api = admin.post(
        f"/api/officers/certifications/{world.cert_a.pk}/renew",
        {"renewed_on": "9999-12-30", "form_70006_number": "F-2", "credential_number": "C-2"},
        content_type="application/json",
    )
    assert api.status_code in (400, 422) and "in the future" in api.content.decode()


def test_the_link_queue_searches_by_name_or_id(world: World) -> None:
    admin = signed_in(world)
    for q in ("alpha", "TX-alpha", "nothing-like-it"):
        assert admin.get(f"/office/agencies/?q={q}&status=all").status_code == 200
