"""The issue's acceptance check on ICE's real files: a registry holding ICE's lists up to 2026-05-14
fetches the 2026-05-18 list from a local copy of ICE's page, under ICE's stable file name."""

import gzip
import json
from datetime import date
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from pytest_httpserver import HTTPServer

from g287.registry.history_file import load_history, shipped_history
from g287.registry.models import AgreementVersion, Snapshot
from g287.registry.queries import changes, stats
from tests.conftest import ICE_DIR
from tests.sources.conftest import ice_page, serve

pytestmark = [pytest.mark.shared, pytest.mark.usefixtures("archive_dir", "quick")]

MAY_14, MAY_18 = date(2026, 5, 14), date(2026, 5, 18)


def _history_up_to(day: date, folder: Path) -> Path:
    """The shipped history cut after the lists of `day`: later lists dropped, their versions reopened."""
    with gzip.open(shipped_history(), "rt", encoding="utf-8") as handle:
        data = json.load(handle)
    keep = [s for s in data["snapshots"] if s[3] <= day.isoformat()]
    last = max(s[1] for s in keep)
    versions = []
    for row in data["versions"]:
        if row[2] > last:
            continue
        if row[3] is not None and row[3] > last:
            row = [*row[:3], None, *row[4:]]
        versions.append(row)
    path = folder / "history-to-0514.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        json.dump({**data, "snapshots": keep, "versions": versions}, out)
    return path


@pytest.fixture
def registry_to_may_14(history_db: None, tmp_path: Path) -> dict[str, object]:
    cache.clear()
    week = changes(MAY_14, MAY_18)  # what the full history says changed that week
    load_history(_history_up_to(MAY_14, tmp_path), replace=True)
    cache.clear()
    assert not Snapshot.objects.filter(date__gt=MAY_14, kind="participating").exists()
    return week


def _serve_ice(server: HTTPServer, participating: str = "/doclib/participatingAgencies.xlsx") -> None:
    serve(server, "/287g", ice_page(participating=participating))
    serve(
        server,
        "/doclib/participatingAgencies.xlsx",
        (ICE_DIR / "participating" / "participatingAgencies05182026am.xlsx").read_bytes(),
        **{"Last-Modified": "Mon, 18 May 2026 13:00:00 GMT"},
    )
    serve(
        server,
        "/doclib/pendingAgencies.xlsx",
        (ICE_DIR / "pending" / "pendingAgencies02272026am.xlsx").read_bytes(),
        **{"Last-Modified": "Fri, 27 Feb 2026 14:00:00 GMT"},
    )


def test_fetch_brings_the_registry_to_may_18_once(
    httpserver: HTTPServer, registry_to_may_14: dict[str, object]
) -> None:
    _serve_ice(httpserver)
    call_command("fetch", "--page", httpserver.url_for("/287g"))
    cache.clear()

    assert stats(MAY_18)["agreements"] == 1843
    assert Snapshot.objects.get(kind="participating", date=MAY_18).source_name == "participatingAgencies.xlsx"
    week = changes(MAY_14, MAY_18)
    assert week["counts"] == registry_to_may_14["counts"]
    assert week["counts"]["added"] > 0
    snapshots, versions = Snapshot.objects.count(), AgreementVersion.objects.count()

    call_command("fetch", "--page", httpserver.url_for("/287g"))

    assert (Snapshot.objects.count(), AgreementVersion.objects.count()) == (snapshots, versions)


def test_a_page_with_a_broken_link_exits_non_zero_and_changes_nothing(
    httpserver: HTTPServer, registry_to_may_14: dict[str, object]
) -> None:
    _serve_ice(httpserver, participating="/doclib/participatingAgencies0518.xlsx")
    before = (Snapshot.objects.count(), AgreementVersion.objects.count())
    with pytest.raises(CommandError, match=r"participatingAgencies0518\.xlsx: the server answered 404"):
        call_command("fetch", "--page", httpserver.url_for("/287g"))
    assert (Snapshot.objects.count(), AgreementVersion.objects.count()) == before
    cache.clear()
    assert stats(MAY_18)["snapshot"]["date"] == MAY_14.isoformat()
