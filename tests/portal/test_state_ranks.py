"""/states/ ranks by agreements and by the share of sworn officers in participating agencies, on the
shipped registry linked to the FBI roster: the share is a lower bound where agencies are unmatched and
unknown (ranked last, never zero) where none is matched; each ranking says how it is computed."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("linked")]


def rows(html: str) -> list[tuple[str, list[str]]]:
    out = []
    for code, body in re.findall(r'<tr data-state="([A-Z]+)">(.*?)</tr>', html, re.S):
        cells = [
            " ".join(re.sub(r"<[^>]+>", " ", c).split())
            for c in re.findall(r"<td[^>]*>(.*?)</td>", body, re.S)
        ]
        out.append((code, cells))
    return out


def test_ranked_by_agreements_by_default() -> None:
    html = Client().get("/states/").content.decode()
    ranked = rows(html)
    assert [code for code, _ in ranked[:2]] == ["TX", "FL"]  # 387 and 348 agreements on 2026-05-18
    assert [cells[0] for _, cells in ranked[:3]] == ["1", "2", "3"]
    assert 'id="rank-how"' in html and "lower bound" in html and "unknown, not zero" in html


def test_ranked_by_share_of_sworn_officers_with_unknowns_last() -> None:
    ranked = rows(Client().get("/states/?sort=officer_share").content.decode())
    shares = [cells[-2] for _, cells in ranked]
    unknown = [i for i, share in enumerate(shares) if share == "unknown"]
    assert unknown and unknown == list(range(len(shares) - len(unknown), len(shares)))  # all at the end
    assert all(not share.startswith("0.0%") for share in shares)
    numbers = [float(re.search(r"([\d.]+)%", s).group(1)) for s in shares if s != "unknown"]
    assert numbers == sorted(numbers, reverse=True)
    florida = dict(ranked)["FL"]
    assert florida[-2].startswith("at least ") and int(florida[-1]) > 0  # some agencies unmatched
    guam = dict(ranked)["GU"]
    assert guam[-2] == "unknown" and guam[-1] == "1"


def test_bad_sort_is_400_and_the_download_has_the_share() -> None:
    assert Client().get("/states/?sort=color").status_code == 400
    response = Client().get("/states/?format=csv&sort=officer_share")
    records = list(csv.DictReader(io.StringIO(response.content.decode())))
    by_state = {r["state"]: r for r in records}
    assert by_state["GU"]["officer_share"] == "" and by_state["GU"]["agencies_unmatched"] == "1"
    assert float(by_state["TX"]["officer_share"]) > 0
    for record in records:  # the types, untyped agreements included, add up to the agreements
        types = ("type_county", "type_municipality", "type_state", "type_unknown")
        assert sum(int(record[t]) for t in types) == int(record["agreements"])


def test_the_same_lower_bound_says_so_on_every_page() -> None:
    """Florida's share is "at least" on /states/; its own page, and the dashboard's coverage cards and
    table, show the same lower bound the same way (some participating agencies are not matched)."""
    share = dict(rows(Client().get("/states/").content.decode()))["FL"][-2]
    assert share.startswith("at least ")
    state = Client().get("/states/FL/").content.decode()
    # The cards keep the figure alone in its <strong> (it must fit a phone) with "at least" above it.
    card = re.search(r'<small class="bound">at least</small><strong id="reach-share">(.*?)</strong>', state)
    assert card and f"at least {card.group(1)}" == share
    dashboard = Client().get("/").content.decode()
    assert re.search(r'<small class="bound">at least</small><strong id="reach-share">', dashboard)
    assert re.search(r'<small class="bound">at least</small><strong id="reach-population">', dashboard)
