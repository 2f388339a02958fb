"""The Sources page links ICE's files byte for byte; the lists page says how fresh ICE's lists are; the
staff fetch log shows the last success, the last failure and why, and what needs attention."""

import hashlib

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from pytest_httpserver import HTTPServer

from g287.accounts.models import Role
from g287.core.models import AuditEntry
from g287.sources.attention import failed_fetches_needing_attention
from g287.sources.models import FetchRun, Resource
from tests.accounts.fixtures import PASSWORD, make_user
from tests.sources.conftest import LAST_MODIFIED, ice_page, serve

pytestmark = pytest.mark.usefixtures("small_registry")


@pytest.fixture
def fetched(httpserver: HTTPServer, lists: dict[str, bytes]) -> dict[str, bytes]:
    serve(httpserver, "/287g", ice_page())
    serve(
        httpserver, "/doclib/participatingAgencies.xlsx", lists["latest"], **{"Last-Modified": LAST_MODIFIED}
    )
    serve(httpserver, "/doclib/pendingAgencies.xlsx", lists["pending"])
    call_command("fetch", "--page", httpserver.url_for("/287g"))
    return lists


def test_the_sources_page_serves_the_exact_bytes_under_their_sha256(
    client: Client, fetched: dict[str, bytes]
) -> None:
    digest = hashlib.sha256(fetched["latest"]).hexdigest()
    page = client.get("/sources/").content.decode()
    assert digest in page and "participatingAgencies.xlsx" in page

    answer = client.get(f"/sources/files/{digest}/")
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content) == fetched["latest"]  # type: ignore[attr-defined]
    assert answer["Digest"] == f"sha-256={digest}"
    assert client.get(f"/sources/files/{'0' * 64}/").status_code == 404
    assert client.get("/sources/files/../../etc/").status_code == 404

    lists_page = client.get("/snapshots/").content.decode()
    assert f'href="/sources/files/{digest}/"' in lists_page


def test_the_lists_page_says_since_when_ices_list_is_unchanged(
    client: Client, fetched: dict[str, bytes], httpserver: HTTPServer
) -> None:
    call_command("fetch", "--page", httpserver.url_for("/287g"))  # seen again
    checked = Resource.objects.get(url__endswith="participatingAgencies.xlsx").last_checked_at
    assert checked is not None
    page = client.get("/snapshots/").content.decode()
    stamp = timezone.localtime(checked).strftime("%Y-%m-%d %H:%M")
    assert f"ICE's list unchanged since 2025-08-01 09:30, last checked {stamp}." in page


def test_the_fetch_log_shows_failures_and_the_administrator_acknowledges_them(
    client: Client, fetched: dict[str, bytes], httpserver: HTTPServer
) -> None:
    serve(httpserver, "/moved", "<html><body>Nothing here</body></html>")
    with pytest.raises(CommandError):
        call_command("fetch", "--page", httpserver.url_for("/moved"))
    admin = make_user("program-admin", Role.PROGRAM_ADMIN)
    make_user("no-role", None)

    client.login(username="no-role", password=PASSWORD)
    assert client.get("/office/sources/").status_code == 403
    client.login(username=admin.username, password=PASSWORD)
    page = client.get("/office/sources/").content.decode()
    assert "no link to the participating list" in page
    assert "1 new list" not in page and "Needing attention (1)" in page

    failed = FetchRun.objects.get(ok=False)
    assert client.post(f"/office/sources/{failed.pk}/acknowledge/").status_code == 302
    assert failed_fetches_needing_attention() == 0
    entry = AuditEntry.objects.filter(action="sources.fetchrun.acknowledge").get()
    assert entry.actor == "user:program-admin" and entry.object_id == str(failed.pk)
