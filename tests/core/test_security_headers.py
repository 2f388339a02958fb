"""Content-Security-Policy on every page, no inline script or style for it to block, and G287_HTTPS=1
turning on Secure cookies, HSTS and the redirect to HTTPS (issue 17.6)."""

import re
from pathlib import Path

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import path
from django.views.decorators.clickjacking import xframe_options_exempt

from tests.core.test_secret_key import g287

PAGES = [
    "/",
    "/agreements/",
    "/states/",
    "/states/TX/",
    "/changes/",
    "/snapshots/",
    "/funding/",
    "/measures/",
    "/notices/",
    "/meetings/",
    "/complaints/new/",
    "/complaints/status/",
    "/office/login/",
    "/admin/login/",
    "/api/docs",
]
SCRIPT = re.compile(r"<script\b([^>]*)>", re.I)


def csp(response: HttpResponse) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {d.split()[0]: d.partition(" ")[2] for d in (p.strip() for p in header.split(";")) if d}


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_a_policy_and_nothing_inline(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    policy = csp(response)
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"  # the page sends X-Frame-Options: DENY
    html = response.content.decode()
    # Only data blocks (json_script) may be inline; they are never run.
    for attrs in SCRIPT.findall(html):
        assert "src=" in attrs or 'type="application/json"' in attrs, f"inline script on {url}"
    assert "<style" not in html, f"inline stylesheet on {url}"
    assert not re.search(r"\sstyle=", html), f"inline style attribute on {url}"
    assert not re.search(r"\son[a-z]+=", html), f"inline event handler on {url}"


@pytest.mark.django_db
def test_the_county_map_svg_has_no_inline_style(client: Client) -> None:
    response = client.get("/maps/counties.svg")
    assert response.status_code == 200
    svg = response.content.decode()
    assert "<style" not in svg and " style=" not in svg


@xframe_options_exempt
def _embeddable(request: HttpRequest) -> HttpResponse:
    return HttpResponse("<p>embed</p>")


def _framed(request: HttpRequest) -> HttpResponse:
    return HttpResponse("<p>page</p>")


urlpatterns = [path("embed/", _embeddable), path("page/", _framed)]


@override_settings(ROOT_URLCONF=__name__)
def test_frame_ancestors_only_where_x_frame_options_is_set(client: Client) -> None:
    assert "frame-ancestors" not in csp(client.get("/embed/"))
    assert "X-Frame-Options" not in client.get("/embed/")
    assert csp(client.get("/page/"))["frame-ancestors"] == "'none'"


HTTPS_PROBE = """
import django; django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
plain = Client().get("/office/login/")
print("redirect", plain.status_code, plain.get("Location"))
secure = Client().get("/office/login/", secure=True)
print("hsts", secure.get("Strict-Transport-Security"))
print("csrf-secure", bool(secure.cookies["csrftoken"]["secure"]))
from django.conf import settings
print("session-secure", settings.SESSION_COOKIE_SECURE)
"""
STRONG = "x7Jq2-" + "k9vB3mZp0Lr5TtYw8Nc1Hd4Gf6Se2Ua7Qi0Oj3Xl5Rb9Vn1Ky4Mh8Wz6Cs2Pe0"


def test_https_turns_on_secure_cookies_hsts_and_redirect(tmp_path: Path) -> None:
    env = {"G287_SECRET_KEY": STRONG, "G287_ALLOWED_HOSTS": "testserver"}
    on = g287(tmp_path, "-c", HTTPS_PROBE, G287_HTTPS="1", **env)
    assert on.returncode == 0, on.stderr
    lines = dict(line.split(" ", 1) for line in on.stdout.splitlines())
    assert lines["redirect"] == "301 https://testserver/office/login/"
    assert lines["hsts"].startswith("max-age=31536000") and "includeSubDomains" in lines["hsts"]
    assert lines["csrf-secure"] == "True" and lines["session-secure"] == "True"
    off = g287(tmp_path, "-c", HTTPS_PROBE, **env)
    assert off.stdout.startswith("redirect 200")


def test_check_deploy_is_clean_with_https(tmp_path: Path) -> None:
    env = {"G287_SECRET_KEY": STRONG, "G287_ALLOWED_HOSTS": "g287.example.org"}
    result = g287(tmp_path, "check", "--deploy", "--fail-level", "WARNING", G287_HTTPS="1", **env)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.django_db
def test_api_docs_assets_are_served_by_the_app(client: Client) -> None:
    """/api/docs works offline (issue 17.7): Swagger UI's script and styles come from the app."""
    html = client.get("/api/docs").content.decode()
    assets = re.findall(r'<(?:script|link)\b[^>]*?(?:src|href)="([^"]+)"', html)
    assert any("swagger-ui-bundle" in a for a in assets) and any("swagger-ui.css" in a for a in assets)
    for asset in assets:
        assert asset.startswith("/static/"), asset
        response = client.get(asset)
        assert response.status_code == 200, asset
        body = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[arg-type]
        assert len(body) > 1000, asset
