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
