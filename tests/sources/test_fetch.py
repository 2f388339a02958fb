"""`g287 fetch` against a local server on 127.0.0.1: new lists, the same list again, and every way a
download goes wrong, each leaving the registry as it was."""

import time
from datetime import datetime
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from g287.registry.models import Snapshot
from g287.registry.queries import changes, stats
from g287.sources import archive
from g287.sources.attention import failed_fetches_needing_attention
from g287.sources.http import USER_AGENT
from g287.sources.models import FetchRun, Outcome, Resource, Retrieval
from tests.sources.conftest import LAST_MODIFIED, ice_page, serve

pytestmark = pytest.mark.usefixtures("small_registry")


def _serve_lists(server: HTTPServer, lists: dict[str, bytes], latest: bytes | None = None) -> None:
    serve(server, "/287g", ice_page())
    serve(
        server,
        "/doclib/participatingAgencies.xlsx",
        latest or lists["latest"],
        **{"Last-Modified": LAST_MODIFIED, "ETag": '"v2"'},
    )
    serve(
        server,
        "/doclib/pendingAgencies.xlsx",
        lists["pending"],
        **{"Last-Modified": "Sun, 20 Jul 2025 13:00:00 GMT"},
    )


def _registry_state() -> tuple[int, int]:
    from g287.registry.models import AgreementVersion

    return Snapshot.objects.count(), AgreementVersion.objects.count()


def test_a_new_list_is_found_on_the_page_downloaded_archived_and_imported(
    httpserver: HTTPServer, lists: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    _serve_lists(httpserver, lists)
    call_command("fetch", "--page", httpserver.url_for("/287g"))

    latest = Snapshot.objects.get(kind="participating", date="2025-08-01")
    assert latest.source_name == "participatingAgencies.xlsx"
    # Dated by the server's Last-Modified, to the minute, in the program's time zone.
    assert timezone.localtime(latest.published_at).replace(tzinfo=None) == datetime(2025, 8, 1, 9, 30)
    assert stats(latest.date)["agreements"] == 4
    week = changes(datetime(2025, 7, 20).date(), latest.date)
    assert week["counts"] == {"added": 2, "removed": 1, "changed": 1}
    # The exact bytes are kept, with the response that brought them.
    assert archive.read(latest.sha256) == lists["latest"]
    got = Retrieval.objects.get(url=httpserver.url_for("/doclib/participatingAgencies.xlsx"))
    assert (got.status, got.outcome, got.headers["etag"]) == (200, Outcome.IMPORTED, '"v2"')
    pending = Retrieval.objects.get(url=httpserver.url_for("/doclib/pendingAgencies.xlsx"))
    assert pending.outcome == Outcome.KNOWN
    request = httpserver.log[1][0]
    assert request.headers["User-Agent"] == USER_AGENT
    assert "1 new list(s) imported" in capsys.readouterr().out


def _conditional(body: bytes, etag: str) -> "callable":  # type: ignore[valid-type]
    def handler(request: Request) -> Response:
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(body, headers={"ETag": etag, "Last-Modified": LAST_MODIFIED})

    return handler


def test_the_same_list_again_is_asked_for_conditionally_and_adds_nothing(
    httpserver: HTTPServer, lists: dict[str, bytes]
) -> None:
    serve(httpserver, "/287g", ice_page())
    httpserver.expect_request("/doclib/participatingAgencies.xlsx").respond_with_handler(
        _conditional(lists["latest"], '"v2"')
    )
    httpserver.expect_request("/doclib/pendingAgencies.xlsx").respond_with_handler(
        _conditional(lists["pending"], '"p1"')
    )
    call_command("fetch", "--page", httpserver.url_for("/287g"))
    before = _registry_state()

    call_command("fetch", "--page", httpserver.url_for("/287g"))

    assert _registry_state() == before
    second = [r for r, _ in httpserver.log if r.path.endswith("participatingAgencies.xlsx")][-1]
    assert second.headers["If-None-Match"] == '"v2"'
    assert second.headers["If-Modified-Since"] == LAST_MODIFIED
    last = Retrieval.objects.filter(url__endswith="participatingAgencies.xlsx").first()
    assert last is not None and (last.status, last.outcome) == (304, Outcome.NOT_MODIFIED)
    resource = Resource.objects.get(url__endswith="participatingAgencies.xlsx")
    assert resource.file_id == Snapshot.objects.get(date="2025-08-01").sha256
    assert resource.last_checked_at == last.fetched_at


def test_a_server_that_ignores_validators_sends_the_same_bytes_and_nothing_is_added(
    httpserver: HTTPServer, lists: dict[str, bytes]
) -> None:
    _serve_lists(httpserver, lists)
    call_command("fetch", "--page", httpserver.url_for("/287g"))
    before = _registry_state()

    call_command("fetch", "--page", httpserver.url_for("/287g"))

    assert _registry_state() == before
    last = Retrieval.objects.filter(url__endswith="participatingAgencies.xlsx").first()
    assert last is not None and (last.status, last.outcome) == (200, Outcome.KNOWN)
    assert Resource.objects.get(url__endswith="participatingAgencies.xlsx").changed_count == 0


def test_without_last_modified_a_list_is_dated_by_the_fetch(
    httpserver: HTTPServer, lists: dict[str, bytes]
) -> None:
    serve(httpserver, "/287g", ice_page())
    serve(httpserver, "/doclib/participatingAgencies.xlsx", lists["latest"])
    # A Last-Modified in the future is not believed either.
    serve(
        httpserver,
        "/doclib/pendingAgencies.xlsx",
        lists["pending"],
        **{"Last-Modified": "Wed, 01 Jan 2099 00:00:00 GMT"},
    )
    started = timezone.now().replace(microsecond=0)
    call_command("fetch", "--page", httpserver.url_for("/287g"))

    new = Snapshot.objects.order_by("-imported_at", "-order_key").first()
    assert new is not None and new.source_name == "participatingAgencies.xlsx"
    assert started <= new.published_at <= timezone.now()


def _assert_failed(before: tuple[int, int], url: str, reason: str, error: CommandError) -> None:
    assert url in str(error) and reason in str(error)
    assert _registry_state() == before
    run = FetchRun.objects.first()
    assert run is not None and run.ok is False and url in run.message
    assert failed_fetches_needing_attention() == 1


def test_a_500_is_retried_then_fails_naming_the_address(
    httpserver: HTTPServer, lists: dict[str, bytes]
) -> None:
    serve(httpserver, "/287g", ice_page())
    httpserver.expect_request("/doclib/participatingAgencies.xlsx").respond_with_data("oops", status=500)
    serve(httpserver, "/doclib/pendingAgencies.xlsx", lists["pending"])
    before = _registry_state()
    url = httpserver.url_for("/doclib/participatingAgencies.xlsx")
    with pytest.raises(CommandError) as caught:
        call_command("fetch", "--page", httpserver.url_for("/287g"))
    _assert_failed(before, url, "500", caught.value)
    assert len([r for r, _ in httpserver.log if r.path.endswith("participatingAgencies.xlsx")]) == 3


def test_a_500_that_passes_is_retried_and_the_list_imported(
    httpserver: HTTPServer, lists: dict[str, bytes]
) -> None:
    serve(httpserver, "/287g", ice_page())
    answers = [
        Response("busy", status=503),
        Response(lists["latest"], headers={"Last-Modified": LAST_MODIFIED}),
    ]
    httpserver.expect_request("/doclib/participatingAgencies.xlsx").respond_with_handler(
        lambda request: answers.pop(0)
    )
    serve(httpserver, "/doclib/pendingAgencies.xlsx", lists["pending"])
    call_command("fetch", "--page", httpserver.url_for("/287g"))
    assert Snapshot.objects.filter(date="2025-08-01").exists()


def test_a_timeout_fails_naming_the_address(
    httpserver: HTTPServer, lists: dict[str, bytes], settings: object
) -> None:
    def slow(request: Request) -> Response:
        time.sleep(0.8)
        return Response(lists["latest"])

    settings.G287_FETCH_TIMEOUT = 0.2  # type: ignore[attr-defined]
    settings.G287_FETCH_RETRIES = 2  # type: ignore[attr-defined]
    serve(httpserver, "/287g", ice_page())
    httpserver.expect_request("/doclib/participatingAgencies.xlsx").respond_with_handler(slow)
    before = _registry_state()
    url = httpserver.url_for("/doclib/participatingAgencies.xlsx")
    with pytest.raises(CommandError) as caught:
        call_command("fetch", "--page", httpserver.url_for("/287g"))
    _assert_failed(before, url, "timed out", caught.value)


def test_an_html_page_where_a_workbook_should_be_is_refused(
    httpserver: HTTPServer, lists: dict[str, bytes]
) -> None:
    serve(httpserver, "/287g", ice_page())
    serve(httpserver, "/doclib/participatingAgencies.xlsx", "<html><body>Access denied</body></html>")
    serve(httpserver, "/doclib/pendingAgencies.xlsx", lists["pending"])
    before = _registry_state()
    url = httpserver.url_for("/doclib/participatingAgencies.xlsx")
    with pytest.raises(CommandError) as caught:
        call_command("fetch", "--page", httpserver.url_for("/287g"))
    _assert_failed(before, url, "not a workbook", caught.value)


def test_a_truncated_download_is_retried_then_refused(
    httpserver: HTTPServer, lists: dict[str, bytes]
) -> None:
    body = lists["latest"]

    def truncated(request: Request) -> Response:
        # Announces the whole file, sends half of it and closes the connection.
        return Response(
            iter([body[: len(body) // 2]]),
            headers={"Content-Length": str(len(body))},
            direct_passthrough=True,
        )

    serve(httpserver, "/287g", ice_page())
    httpserver.expect_request("/doclib/participatingAgencies.xlsx").respond_with_handler(truncated)
    serve(httpserver, "/doclib/pendingAgencies.xlsx", lists["pending"])
    before = _registry_state()
    url = httpserver.url_for("/doclib/participatingAgencies.xlsx")
    with pytest.raises(CommandError) as caught:
        call_command("fetch", "--page", httpserver.url_for("/287g"))
    _assert_failed(before, url, "truncated", caught.value)


def test_a_workbook_the_importer_refuses_changes_nothing(
    httpserver: HTTPServer, lists: dict[str, bytes], tmp_path: Path
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["NOT", "ICE'S", "HEADER"])
    book.save(tmp_path / "bad.xlsx")
    _serve_lists(httpserver, lists, latest=(tmp_path / "bad.xlsx").read_bytes())
    before = _registry_state()
    url = httpserver.url_for("/doclib/participatingAgencies.xlsx")
    with pytest.raises(CommandError) as caught:
        call_command("fetch", "--page", httpserver.url_for("/287g"))
    _assert_failed(before, url, "participatingAgencies.xlsx", caught.value)


def test_a_list_over_the_size_limit_is_refused(
    httpserver: HTTPServer, lists: dict[str, bytes], settings: object
) -> None:
    settings.G287_FETCH_MAX_BYTES = 1000  # type: ignore[attr-defined]
    _serve_lists(httpserver, lists)
    before = _registry_state()
    with pytest.raises(CommandError) as caught:
        call_command("fetch", "--page", httpserver.url_for("/287g"))
    _assert_failed(
        before, httpserver.url_for("/doclib/participatingAgencies.xlsx"), "over the limit", caught.value
    )


def test_a_broken_link_fails_and_the_good_list_is_not_imported_either(
    httpserver: HTTPServer, lists: dict[str, bytes]
) -> None:
    serve(httpserver, "/287g", ice_page(pending="/doclib/gone/pendingAgencies.xlsx"))
    serve(
        httpserver, "/doclib/participatingAgencies.xlsx", lists["latest"], **{"Last-Modified": LAST_MODIFIED}
    )
    before = _registry_state()
    url = httpserver.url_for("/doclib/gone/pendingAgencies.xlsx")
    with pytest.raises(CommandError) as caught:
        call_command("fetch", "--page", httpserver.url_for("/287g"))
    _assert_failed(before, url, "404", caught.value)


def test_a_page_without_the_links_fails_naming_the_page(httpserver: HTTPServer) -> None:
    serve(httpserver, "/287g", "<html><body><a href='/news'>News</a></body></html>")
    before = _registry_state()
    with pytest.raises(CommandError) as caught:
        call_command("fetch", "--page", httpserver.url_for("/287g"))
    _assert_failed(before, httpserver.url_for("/287g"), "no link to the participating list", caught.value)


def test_links_that_moved_are_followed_by_name_or_text_relative_to_the_page(
    httpserver: HTTPServer, lists: dict[str, bytes]
) -> None:
    _serve_lists(httpserver, lists)
    call_command("fetch", "--page", httpserver.url_for("/287g"))
    before = _registry_state()
    # The page moved, its links are relative and the pending one no longer carries ICE's file name.
    page = """<html><body><ul>
      <li><a href="../files/participatingAgencies05182026am.xlsx">Agencies with agreements</a></li>
      <li><a href="lists/current.xlsx">Pending requests (Excel)</a></li></ul></body></html>"""
    serve(httpserver, "/en/ero/287g/index.html", page)
    serve(httpserver, "/en/ero/files/participatingAgencies05182026am.xlsx", lists["latest"])
    serve(httpserver, "/en/ero/287g/lists/current.xlsx", lists["pending"])

    call_command("fetch", "--page", httpserver.url_for("/en/ero/287g/index.html"))

    assert _registry_state() == before
    moved = Retrieval.objects.filter(
        url=httpserver.url_for("/en/ero/files/participatingAgencies05182026am.xlsx")
    ).get()
    assert moved.outcome == Outcome.KNOWN
    assert Retrieval.objects.filter(
        url=httpserver.url_for("/en/ero/287g/lists/current.xlsx"), outcome=Outcome.KNOWN
    ).exists()


def test_a_failure_needs_attention_until_a_later_fetch_succeeds(
    httpserver: HTTPServer, lists: dict[str, bytes]
) -> None:
    serve(httpserver, "/broken", "<html></html>")
    with pytest.raises(CommandError):
        call_command("fetch", "--page", httpserver.url_for("/broken"))
    assert failed_fetches_needing_attention() == 1
    _serve_lists(httpserver, lists)
    call_command("fetch", "--page", httpserver.url_for("/287g"))
    assert failed_fetches_needing_attention() == 0
