"""/methodology/ in English and Spanish: every section, the measured matching figures of the registry as
it is, the statuses in the continuity helper's words, and a link to it from every source line."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from g287.geo import services
from tests.conftest import ICE_DIR

pytestmark = pytest.mark.django_db

SECTIONS = ("source", "reading", "defects", "identity", "statuses", "fbi", "limits")


def test_methodology_in_english_with_measured_matching() -> None:
    services.match_all()
    html = Client().get("/methodology/").content.decode()
    for section in SECTIONS:
        assert f'id="{section}"' in html, section
    # Measured from the registry: the newest list's 1,549 agencies, 87.4% matched automatically.
    quality = re.search(r'<p id="match-quality">(.*?)</p>', html, re.S)
    assert quality is not None
    assert "of 1,549</strong> agencies" in quality.group(1) and "87.4%" in quality.group(1)
    for words in (
        "Left the pending list",
        "renamed",
        "2025-09-22",
        "safelinks",
        "unknown</strong>, never as zero",
    ):
        assert words in html, words


def test_methodology_in_spanish() -> None:
    client = Client()
    client.cookies["django_language"] = "es"
    html = client.get("/methodology/").content.decode()
    assert '<html lang="es">' in html and "<h1>Cómo se construye el registro</h1>" in html
    for section in SECTIONS:
        assert f'id="{section}"' in html, section
    assert "Salió de la lista de pendientes" in html and "desconocidas" in html


@pytest.mark.parametrize("path", ["/", "/agreements/", "/states/", "/states/TX/", "/snapshots/",
                                  "/agencies/TX-harrison-county-sheriffs-office/", "/changes/"])  # fmt: skip
def test_every_source_line_links_to_the_methodology(path: str) -> None:
    html = Client().get(path).content.decode()
    sources = re.findall(r'<p class="source">.*?</p>', html, re.S)
    if path != "/snapshots/":
        assert sources and all('href="/methodology/"' in s for s in sources), sources
    assert 'class="method-link"' in html


@pytest.mark.shared
def test_methodology_names_only_files_in_the_archive() -> None:
    archive = {p.name for p in ICE_DIR.rglob("*.xlsx")}
    for language in ("en", "es"):
        client = Client()
        client.cookies["django_language"] = language
        html = client.get("/methodology/").content.decode()
        named = set(re.findall(r"<code>([^<]*\.xlsx)</code>", html))
        assert named, language
        for name in named:
            if not name.startswith("…"):
                assert name in archive, (language, name)
        assert "04212025" not in html
    html = Client().get("/methodology/").content.decode()
    assert "2025-04-10" in html and "2025-04-29" in html
