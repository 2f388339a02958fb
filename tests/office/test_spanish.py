"""The office pages speak Spanish like the public site: by the browser's Accept-Language or the
language switch (Django's set_language, the public header's form), headings, the staff header, the
work queue's labels, forms, confirmations and messages."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from g287.accounts.tokens import create_token
from g287.funding.models import Claim
from tests.accounts.fixtures import World

pytestmark = pytest.mark.django_db


def _html(client: Client, url: str, **headers: str) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def _h1(html: str) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert found, html[:500]
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


def test_office_pages_in_spanish_by_accept_language(world: World, client: Client) -> None:
    Claim.objects.create(agency=world.a, fiscal_year=2026, quarter=2, status="submitted")
    admin = world.users["program_admin"]
    create_token(admin, "export", "read", 30)
    client.force_login(admin)
    home = _html(client, "/office/", accept_language="es")
    assert '<html lang="es">' in home
    assert _h1(home) == "Oficina"
    assert "Trabajo pendiente" in home and "Solicitudes presentadas, en espera de un revisor" in home
    assert 'data-area="officers">Agentes</a>' in home and "Cerrar sesión" in home
    assert "Administrador de la oficina del programa" in home  # the role's name
    expected = {
        "/office/users/": "Usuarios",
        "/office/users/new/": "Crear un usuario",
        "/office/tokens/": "Tokens de la API",
        "/office/officers/": "Agentes",
        "/office/funding/": "Solicitudes de reembolso",
        "/office/oversight/complaints/": "Casos de queja",
        "/office/audit/": "Registro de auditoría",
        f"/office/officers/{world.officer_a.pk}/": "Ann Inscope",
    }
    for url, heading in expected.items():
        html = _html(client, url, accept_language="es")
        assert _h1(html).startswith(heading), (url, _h1(html))
    officer = _html(client, f"/office/officers/{world.officer_a.pk}/", accept_language="es")
    assert "<h2>Certificaciones</h2>" in officer
    assert "¿Revocar la certificación TFM de Ann Inscope?" in officer
    tokens = _html(client, "/office/tokens/", accept_language="es")
    assert "¿Revocar el token export" in tokens
    api = client.get("/api/office/queue", headers={"accept-language": "es"}).json()
    assert "Solicitudes presentadas, en espera de un revisor" in {item["label"] for item in api["results"]}
    # Without a preference the office stays in English.
    assert _h1(_html(client, "/office/")) == "Office"


def test_office_language_switch(world: World, client: Client) -> None:
    client.force_login(world.users["program_admin"])
    home = _html(client, "/office/")
    assert 'id="language-switch"' in home  # the public site's switch, in the staff header
    response = client.post(reverse("set_language"), {"language": "es", "next": "/office/users/"})
    assert response.status_code == 302 and response["Location"] == "/office/users/"
    assert _h1(_html(client, "/office/users/")) == "Usuarios"
    messages = client.post(f"/office/users/{world.users['auditor'].pk}/reset/", follow=True).content.decode()
    assert "Se envió a auditor@example.org un enlace para restablecer la contraseña." in messages


def test_service_errors_in_spanish(world: World, client: Client) -> None:
    """The errors the services raise (API and office pages) follow the request's language."""
    import json
    from datetime import date, timedelta

    from g287.funding.fiscal import Quarter
    from g287.funding.services import claims as svc
    from tests.funding.conftest import fy2026_rules, make_officer

    fy2026_rules()
    officer = make_officer(world.a, "ES-1")
    aa = world.users["aa_in"]
    claim = svc.open_claim(aa, world.a.pk, Quarter(2026, 2))
    svc.set_line(aa, claim.pk, svc.LineInput(officer.pk, 1_000_000, 0, 0, 4_000_000))
    svc.submit(aa, claim.pk)
    es = {"accept-language": "es"}

    def api(path: str, data: object) -> str:
        response = client.post(path, json.dumps(data), content_type="application/json", headers=es)
        assert response.status_code == 422, (path, response.status_code, response.content)
        return " ".join(error["msg"] for error in response.json()["detail"])

    client.force_login(world.users["program_reviewer"])
    rejected = api(f"/api/funding/claims/{claim.pk}/reject", {"reason": "   "})
    assert "Indique el motivo; la agencia lo necesita para corregir la solicitud." in rejected
    svc.start_review(world.users["program_reviewer"], claim.pk)
    svc.approve(world.users["program_reviewer"], claim.pk)
    admin = world.users["program_admin"]
    client.force_login(admin)
    paid = api(f"/api/funding/claims/{claim.pk}/pay", {"reference": " ", "paid_on": "2026-05-01"})
    assert "Indique la referencia del pago (número de tesorería o del libro mayor)." in paid
    # Office pages: one's own account, a records-since date in the future.
    page = client.post(f"/office/users/{admin.pk}/deactivate/", headers=es, follow=True).content.decode()
    assert "No puede desactivar su propia cuenta." in page
    future = (date.today() + timedelta(days=5)).isoformat()
    response = client.post(
        "/office/oversight/records-since/", {"measure": "training", "since": future}, headers=es
    )
    assert "La fecha está en el futuro: los registros no pueden empezar después de hoy." in (
        response.content.decode()
    )
