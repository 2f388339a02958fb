"""`g287 fetch --moas`: only the PDFs the lists link, one at a time, archived, text and pages read,
a changed PDF noticed; agency pages show the archived copy and /moas/?q= searches the text."""

import itertools
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from fpdf import FPDF
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from g287.registry.models import Agreement
from g287.sources import archive
from g287.sources.moas import fetch_moas, linked_urls
from g287.sources.models import MoaDocument

pytestmark = pytest.mark.usefixtures("small_registry")


def _pdf(*pages: str) -> bytes:
    doc = FPDF()
    doc.set_font("helvetica", size=12)
    for text in pages:
        doc.add_page()
        doc.multi_cell(0, 10, text)
    return bytes(doc.output())


def _local_links(server: HTTPServer) -> dict[str, str]:
    """Points the hand-made lists' MOA links at the local server; returns agreement -> address."""
    out = {}
    # The small lists link one MOA; give Houston an addendum link too, so there are two to fetch.
    Agreement.objects.filter(pk__startswith="TX-houston").update(
        addendum_url=server.url_for("/doclib/287gMOA/HoustonAddendum.pdf")
    )
    out["TX-houston-police-department#WSO"] = server.url_for("/doclib/287gMOA/HoustonAddendum.pdf")
    for agreement in Agreement.objects.exclude(moa_url=""):
        url = server.url_for("/doclib/287gMOA/" + agreement.moa_url.rsplit("/", 1)[-1])
        Agreement.objects.filter(pk=agreement.pk).update(moa_url=url)
        out[agreement.pk] = url
    return out


def test_moas_are_archived_with_their_pages_and_text_and_searchable(
    httpserver: HTTPServer, client: Client, settings: object, tmp_path: Path
) -> None:
    settings.G287_FETCH_MOA_DELAY = 0.3  # type: ignore[attr-defined]
    links = _local_links(httpserver)
    assert sorted(linked_urls()) == sorted(links.values())  # only the lists' links
    harris = next(a for a in links if a.startswith("TX-harris"))
    asked: list[float] = []
    for agreement, url in links.items():
        body = _pdf("Memorandum of Agreement", f"between ICE and {agreement}: the jail enforcement model.")

        def answer(request: Request, body: bytes = body) -> Response:
            asked.append(time.monotonic())
            return Response(body, content_type="application/pdf")

        httpserver.expect_request(url.replace(httpserver.url_for("/"), "/")).respond_with_handler(answer)

    call_command("fetch", "--moas")

    docs = {d.url: d for d in MoaDocument.objects.all()}
    assert set(docs) == set(links.values())
    doc = docs[links[harris]]
    assert doc.pages == 2 and f"between ICE and {harris}" in doc.text.replace("\n", " ")
    assert archive.read(doc.file_id)[:5] == b"%PDF-"
    assert len(asked) == len(links) >= 2
    assert all(b - a >= 0.3 for a, b in itertools.pairwise(asked))  # one at a time, paced
    page = client.get(f"/agencies/{harris.split('#')[0]}/").content.decode()
    # The page gives the day where the program runs (TIME_ZONE), not the UTC day.
    assert f"MOA archived on {timezone.localtime(doc.archived_at):%Y-%m-%d} (PDF, 2 pages)" in page
    assert f"/sources/files/{doc.file_id}/" in page
    found = client.get("/moas/", {"q": "jail enforcement harris-county"}).content.decode()
    assert "1 document matches." in found and "287gHarrisJEM.pdf" in found and "HoustonAddendum" not in found
    assert "2 documents match." in client.get("/moas/", {"q": "Memorandum"}).content.decode()
    assert "0 documents match." in client.get("/moas/", {"q": "no such words anywhere"}).content.decode()


def test_a_changed_pdf_is_noticed_and_an_unchanged_one_asked_for_conditionally(
    httpserver: HTTPServer, settings: object
) -> None:
    settings.G287_FETCH_MOA_DELAY = 0  # type: ignore[attr-defined]
    links = _local_links(httpserver)
    url = sorted(links.values())[0]
    path = url.replace(httpserver.url_for("/"), "/")
    versions = [_pdf("First version"), _pdf("Second version", "with an addendum page")]

    def answer(request: Request) -> Response:
        body = versions[0]
        etag = f'"{len(body)}"'
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304)
        return Response(body, content_type="application/pdf", headers={"ETag": etag})

    httpserver.expect_request(path).respond_with_handler(answer)
    with pytest.raises(CommandError, match="1 MOA download"):
        call_command("fetch", "--moas")  # the other link is a 404: reported, this one archived
    assert MoaDocument.objects.filter(url=url).count() == 1

    again = fetch_moas([url])
    assert again.lines == [f"unchanged (304): {url}"]
    versions.pop(0)
    changed = fetch_moas([url])
    assert changed.lines == [f"CHANGED: the PDF at {url} is new (2 pages)"]
    newest = MoaDocument.objects.filter(url=url).order_by("-id").first()
    assert newest is not None and newest.replaces is not None and "Second version" in newest.text


def test_a_page_where_a_pdf_should_be_fails_the_run(httpserver: HTTPServer) -> None:
    links = _local_links(httpserver)
    for url in links.values():
        httpserver.expect_request(url.replace(httpserver.url_for("/"), "/")).respond_with_data(
            "<html>moved</html>", content_type="text/html"
        )
    started = time.monotonic()
    with pytest.raises(CommandError, match="MOA download"):
        call_command("fetch", "--moas")
    assert time.monotonic() - started < 30
    assert not MoaDocument.objects.exists()
