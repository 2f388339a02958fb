"""Every public page in Spanish (by the browser's Accept-Language and by the language switch's cookie),
with the same header on each: the navigation and a language switch that comes back to the same URL,
query string included. The staff header offers only the areas a role can open."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from g287.accounts.models import Role
from g287.core.templatetags.staffnav import staff_links
from g287.registry.models import Agency, Snapshot
from tests.accounts.fixtures import make_user

pytestmark = pytest.mark.usefixtures("registry", "db")

# (path, status, words of that page's own body in Spanish)
PAGES: list[tuple[str, int, list[str]]] = [
    ("/", 200, ["El programa 287(g) hoy", "Crecimiento", "A quiénes abarca", "Cambios más recientes"]),
    ("/?since=2025-02-01", 200, ["comparados con el", "Comparar", "Acuerdos el"]),
    ("/agreements/", 200, ["Filtros", "Nombre o condado", "Tipo de agencia", "Aplicar"]),
    ("/agreements/?state=TX&model=TFM", 200, ["coincide", "Modelo de Grupo de Trabajo"]),
    ("/agencies/TX-harris-county-sheriffs-office/", 200, ["Cronología", "Identificador del FBI (ORI)"]),
    ("/states/", 200, ["Estados y territorios", "Agencias"]),
    (
        "/states/TX/",
        200,
        [
            "Por tipo de agencia:",
            "Acuerdos a lo largo del tiempo, por modelo",
            "agencias con un acuerdo vigente",
            "Mostrar todas las agencias listadas alguna vez",
        ],
    ),
    ("/changes/", 200, ["Qué cambió", "agregados", "retirados"]),
    ("/snapshots/", 200, ["Fuentes", "listas de ICE importadas", "Participantes"]),
    ("/changes/?from=soon", 400, ["Algunos parámetros no son válidos", "no es una fecha"]),
    ("/agencies/no-such-agency/", 404, ["Página no encontrada"]),
    ("/funding/", 200, ["Adónde va el dinero del programa 287(g)", "Por estado", "Trimestre"]),
    ("/measures/", 200, []),
    ("/notices/", 200, []),
    ("/meetings/", 200, []),
    ("/complaints/new/", 200, ["Presentar una queja"]),
    ("/complaints/status/", 200, []),
]

NAV_ES = ["Resumen", "Acuerdos", "Estados", "Cambios", "Fuentes", "Fondos", "Indicadores", "Avisos",
          "Presentar una queja"]  # fmt: skip
NAV_EN = ["Overview", "Agreements", "States", "Changes", "Sources", "Funding", "Measures", "Notices",
          "File a complaint"]  # fmt: skip
NAV_HREFS = ["/", "/agreements/", "/states/", "/changes/", "/snapshots/", "/funding/", "/measures/", "/notices/",
             "/api/docs", "/complaints/new/"]  # fmt: skip


def _snapshot_page() -> tuple[str, int, list[str]]:
    key = Snapshot.objects.order_by("-order_key").values_list("order_key", flat=True)[0]
    return (f"/snapshots/{key}/", 200, ["Lo que mostraba esta lista", "Advertencias"])


def _pages() -> list[tuple[str, int, list[str]]]:
    return [*PAGES, _snapshot_page()]


def _header(html: str) -> str:
    match = re.search(r'<header class="site">(.*?)</header>', html, re.S)
    assert match, "no site header"
    return match.group(1)


def _nav_labels(html: str) -> list[str]:
    nav = re.search(r'<nav class="site-nav".*?</nav>', _header(html), re.S)
    assert nav
    return [unescape(t).strip() for t in re.findall(r"<a [^>]*>([^<]+)</a>", nav.group(0))]


def _get(client: Client, path: str, status: int, **headers: str) -> str:
    response = client.get(path, headers=headers)
    assert response.status_code == status, (path, response.status_code)
    return response.content.decode()


def test_every_public_page_in_spanish_by_accept_language(client: Client) -> None:
    for path, status, words in _pages():
        html = _get(client, path, status, accept_language="es-MX,es;q=0.9")
        assert '<html lang="es">' in html, path
        labels = _nav_labels(html)
        assert labels == [*NAV_ES[:8], "API", "Presentar una queja"], (path, labels)
        for english in NAV_EN:
            assert english not in labels, (path, english)
        for word in words:
            assert word in unescape(html), (path, word)
        # The page's own text is Spanish too: the footer and the skip link are always there.
        assert "Ir al contenido" in html and "reconstruye la historia del programa 287(g)" in html, path


def test_every_public_page_in_spanish_by_the_language_cookie(client: Client) -> None:
    response = client.post(reverse("set_language"), {"language": "es", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    for path, status, words in _pages():
        html = _get(client, path, status)  # no Accept-Language: the cookie decides
        assert '<html lang="es">' in html, path
        assert _nav_labels(html)[0] == "Resumen", path
        for word in words:
            assert word in unescape(html), path


def test_english_is_the_default_and_the_switch_comes_back(client: Client) -> None:
    html = _get(client, "/agreements/", 200)
    assert '<html lang="en">' in html and _nav_labels(html)[0] == "Overview"
    client.post(reverse("set_language"), {"language": "es", "next": "/"})
    assert _nav_labels(_get(client, "/", 200))[0] == "Resumen"
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert _nav_labels(_get(client, "/", 200))[0] == "Overview"


def test_every_public_page_has_the_header_and_the_switch(client: Client) -> None:
    for path, status, _words in _pages():
        html = _get(client, path, status)
        header = _header(html)
        assert header.count('id="language-switch"') == 1, path
        assert html.count('id="language-switch"') == 1, path  # oversight's pages no longer add their own
        assert f'action="{reverse("set_language")}"' in header
        assert 'name="csrfmiddlewaretoken"' in header, path
        assert 'value="es" lang="es"' in header and 'value="en" lang="en"' in header, path
        nav = re.search(r'<nav class="site-nav".*?</nav>', header, re.S)
        assert nav
        hrefs = re.findall(r'<a href="([^"]+)"', nav.group(0))
        assert hrefs == NAV_HREFS, (path, hrefs)
        assert _nav_labels(html) == [*NAV_EN[:8], "API", "File a complaint"], path


@pytest.mark.parametrize(
    "path",
    ["/agreements/?state=TX&model=TFM&sort=-signed", "/?since=2025-02-01", "/changes/?from=2025-07-01"],
)
def test_the_switch_keeps_the_url_and_query_string(client: Client, path: str) -> None:
    html = _get(client, path, 200)
    nexts = re.findall(r'<input name="next" type="hidden" value="([^"]*)">', _header(html))
    assert [unescape(n) for n in nexts] == [path]
    response = client.post(reverse("set_language"), {"language": "es", "next": unescape(nexts[0])})
    assert response.status_code == 302 and response["Location"] == path
    followed = _get(client, response["Location"], 200)
    assert '<html lang="es">' in followed


def test_the_cached_dashboard_gets_each_requests_switch(client: Client) -> None:
    """The dashboard's HTML is cached; the switch (this URL, this visitor's CSRF token) is not."""
    first = _get(client, "/?since=2025-02-01", 200)
    other = Client()
    second = _get(other, "/?since=2025-02-01&utm=x", 200)
    assert 'value="/?since=2025-02-01"' in first
    assert 'value="/?since=2025-02-01&amp;utm=x"' in second
    assert "g287:language-switch" not in first + second
    assert other.cookies.get(settings.CSRF_COOKIE_NAME) is not None
    response = other.post(reverse("set_language"), {"language": "es", "next": "/"})
    assert response.status_code == 302


def test_chart_and_map_labels_are_translated(client: Client) -> None:
    html = _get(client, "/", 200, accept_language="es")
    assert 'data-label-jem="Modelo de Control de Cárceles"' in html
    assert "Modelo de Control de Cárceles (JEM)" in html
    assert "<title>Acuerdos por estado</title>" in html or "Acuerdos por estado" in html
    assert ": 0 acuerdos" in html or " acuerdos</title>" in html
    assert "lang=es" in html  # the county map's URL is per language
    svg = _get(client, "/maps/counties.svg?lang=es", 200, accept_language="es")
    assert "Acuerdos por condado" in svg
    assert "Agreements by county" in _get(client, "/maps/counties.svg", 200)


def test_staff_header_links_follow_the_role(client: Client) -> None:
    admin = make_user("i18n-admin", Role.PROGRAM_ADMIN)
    auditor = make_user("i18n-auditor", Role.AUDITOR)
    agency_admin = make_user("i18n-agency", Role.AGENCY_ADMIN, agency=Agency.objects.order_by("pk").first())
    nobody = make_user("i18n-nobody", None)

    def keys(user: object) -> list[str]:
        return [key for key, _label, _url in staff_links(user)]

    assert keys(admin) == ["officers", "compliance", "courses", "oversight", "funding", "agencies", "duplicates",
                           "sources", "webhooks", "audit", "tokens", "password"]  # fmt: skip
    assert keys(auditor) == ["officers", "compliance", "oversight", "funding", "sources", "audit", "tokens",
                             "password"]  # fmt: skip
    assert keys(agency_admin) == ["officers", "compliance", "oversight", "funding", "tokens", "password"]
    assert keys(nobody) == ["tokens", "password"]

    # Each offered link opens for that user; the header marks the current area.
    for user in (admin, auditor, agency_admin):
        client.force_login(user)
        for key, _label, url in staff_links(user):
            response = client.get(url)
            assert response.status_code == 200, (user.username, key, response.status_code)
        html = client.get(reverse("officers:compliance")).content.decode()
        nav = re.search(r'<nav aria-label="Staff areas" id="staff-nav">(.*?)</nav>', html, re.S)
        assert nav
        assert re.findall(r'data-area="(\w+)" aria-current="page"', nav.group(1)) == ["compliance"]
        assert ('data-area="audit"' in nav.group(1)) == (user is not agency_admin)
        assert ('data-area="agencies"' in nav.group(1)) == (user is admin)
