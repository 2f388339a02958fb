"""No cold pages: the dashboard's and the state pages' figures are computed when the data changes (an
import, load-history) and kept in the database, so a server process that has computed nothing yet (just
started, or its cache holding older data) reads them instead of computing them."""

import re
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from g287.core import audit
from g287.core.models import Figure
from g287.portal.precompute import precompute, series_by_state
from g287.registry.merge import merge_agencies
from g287.registry.models import Agency, AgreementVersion, Snapshot
from g287.registry.queries import rows_at, timeseries
from g287.registry.version import data_version
from tests.portal import figures_check

pytestmark = pytest.mark.usefixtures("history_db")
HEAVY_TABLE = AgreementVersion._meta.db_table  # what computing the figures reads, row by row


@pytest.fixture(autouse=True)
def _fresh_process_cache() -> None:
    # Each test rolls the database back to the same data version, so figures an earlier test left in
    # this process's cache would look current while their rows in the database are gone.
    cache.clear()


def _new_list(folder: Path) -> Path:
    """The newest participating list plus one agreement, dated the day after, as ICE would publish it."""
    latest = Snapshot.objects.filter(kind="participating").order_by("-order_key").first()
    assert latest is not None
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["STATE", "LAW ENFORCEMENT AGENCY", "TYPE", "COUNTY", "SUPPORT TYPE", "SIGNED", "MOA"])
    for ident, values in rows_at(latest).items():
        state, model = ident.split("-", 1)[0], ident.rsplit("#", 1)[1]
        sheet.append([state, values.name, values.type, values.county, model, values.signed, values.moa_url])
    sheet.append(["TX", "Testfigure County Sheriff's Office", "County", "Testfigure", "TFM", latest.date, ""])
    path = folder / f"participatingAgencies{latest.date + timedelta(days=1):%m%d%Y}am.xlsx"
    book.save(path)
    return path


def _page(client: Client, path: str, **headers: str) -> str:
    """The page without its CSRF tokens (new in every response)."""
    return re.sub(r'value="[A-Za-z0-9]{64}"', "", client.get(path, **headers).content.decode())  # type: ignore[arg-type]


def _computes(client: Client, path: str) -> bool:
    """Whether answering `path` in a process with nothing cached computed figures from the registry."""
    cache.clear()  # a worker just started, or one whose cache holds figures of older data
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return any(HEAVY_TABLE in q["sql"] for q in queries.captured_queries)


def test_precomputed_figures_equal_the_live_ones_on_the_shipped_history() -> None:
    precompute()
    stored = figures_check.stored()
    assert len(stored) >= 60  # the dashboard, coverage, the states, and every state's page
    assert stored == figures_check.live()


def test_every_states_series_computed_at_once_equals_its_own() -> None:
    series = series_by_state()
    for code in ("TX", "FL", "GU", "VT"):
        assert series[code] == timeseries(code)


def test_after_precompute_a_fresh_process_reads_the_figures_instead_of_computing_them(client: Client) -> None:
    assert _computes(client, "/states/TX/")  # nothing precomputed: the first reader computes
    Figure.objects.all().delete()
    precompute()
    assert not _computes(client, "/")
    assert not _computes(client, "/states/TX/")
    assert not _computes(client, "/states/")


def test_an_import_refreshes_the_figures(client: Client, tmp_path: Path) -> None:
    precompute()
    before = client.get("/states/TX/").content.decode()
    assert "Testfigure County Sheriff" not in before
    old_version = data_version()
    call_command("import", str(_new_list(tmp_path)), "--quiet", stdout=StringIO())
    assert data_version() != old_version
    assert not Figure.objects.exclude(version=data_version()).exists()  # older figures are gone
    assert not _computes(client, "/states/TX/")  # the import computed the new ones
    assert "Testfigure County Sheriff" in client.get("/states/TX/").content.decode()
    assert figures_check.stored() == figures_check.live()


def test_load_history_refreshes_the_figures() -> None:
    call_command("load-history", "--replace", stdout=StringIO())
    assert figures_check.stored() == figures_check.live()


def test_a_merge_of_agencies_shows_at_once_though_the_figures_were_precomputed(client: Client) -> None:
    precompute()
    keep, fold = Agency.objects.filter(state="TX").order_by("id").values_list("id", flat=True)[:2]
    agencies = client.get("/api/states/TX").json()["agencies"]
    merge_agencies(keep, fold)
    assert client.get("/api/states/TX").json()["agencies"] == agencies - 1


def test_a_merge_moves_the_dashboard_counts_in_a_process_that_showed_them(client: Client) -> None:
    """A merge changes no list, only the data version: the dashboard computed again for the new version
    must not read this process's earlier counts (and then keep them for every process)."""
    listed: dict[str, set[str]] = {}
    for agreement in rows_at(Snapshot.objects.filter(kind="participating").order_by("-order_key").first()):
        listed.setdefault(agreement[:2], set()).add(agreement.split("#")[0])
    keep, fold = sorted(listed["TX"])[:2]
    before = client.get("/api/stats").json()
    dashboard = client.get("/").content.decode()
    assert f"{before['agencies']:,}" in dashboard
    merge_agencies(keep, fold)
    after = client.get("/api/stats").json()
    assert after["agencies"] == before["agencies"] - 1
    assert f"{after['agencies']:,}" in client.get("/").content.decode()
    assert (
        sum(s["agencies"] for s in client.get("/api/states?limit=100").json()["results"]) == after["agencies"]
    )


def test_writes_that_change_no_figure_keep_them() -> None:
    """A fetch that found nothing, a claim, an oversight case: audited, but the pages' data is the same,
    so the figures stay (the pages stay warm)."""
    version = data_version()
    audit.record("core.auditentry.verify", "core.AuditEntry", "1", after={"why": "a test"})
    assert data_version() == version


def test_a_state_pages_tables_rendered_once_are_the_ones_every_process_shows(client: Client) -> None:
    """The agency table and the series table are rendered once per data version and language and shared:
    a process with nothing cached shows the same page, in its reader's language."""
    first = _page(client, "/states/FL/")
    cache.clear()
    assert _page(client, "/states/FL/") == first
    spanish = _page(client, "/states/FL/", HTTP_ACCEPT_LANGUAGE="es")
    assert spanish != first
    assert Figure.objects.filter(name__startswith="html:state-agencies:FL:").count() == 2


def test_the_dashboard_rendered_once_is_the_one_every_process_shows(client: Client) -> None:
    first = _page(client, "/")
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert _page(client, "/") == first
    assert not any(HEAVY_TABLE in q["sql"] for q in queries.captured_queries)
    assert Figure.objects.filter(name__startswith="html:dashboard:").count() == 1
