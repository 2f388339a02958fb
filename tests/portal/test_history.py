"""The pages on the full shipped history: the dashboard's headline figures are the registry's."""

from __future__ import annotations

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma
from django.test import Client

from g287.registry.queries import latest_snapshot, stats_at

pytestmark = pytest.mark.usefixtures("history_db")


def test_dashboard_matches_the_registry(client: Client) -> None:
    latest = latest_snapshot()
    assert latest is not None
    figures = stats_at(latest, latest_snapshot("pending"))
    html = client.get("/").content.decode()
    assert f"<strong>{intcomma(figures['agreements'])}</strong>" in html
    assert f"<strong>{intcomma(figures['agencies'])}</strong>" in html
    assert f"As of {latest.date.isoformat()}" in html
    # ICE listed 135 agreements when the default baseline date came.
    assert "<strong>135</strong> agreements on 2025-01-20" in html


def test_api_totals_match_the_page_count(client: Client) -> None:
    data = client.get("/api/agreements?state=TX&model=TFM&status=active&limit=1").json()
    html = client.get("/agreements/?state=TX&model=TFM&status=active").content.decode()
    assert f'data-count="{data["count"]}"' in html and data["count"] > 100
