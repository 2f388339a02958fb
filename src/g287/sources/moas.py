"""`g287 fetch --moas`: the signed agreements behind the MOA and addendum links on ICE's lists.

Only the addresses the lists link are fetched, one at a time with a pause between them (G287_FETCH_MOA_DELAY),
with the same archive and conditional requests as the lists. Each PDF's text and page count are read
with pypdf; a changed PDF at a known address becomes a new MoaDocument that replaces the old one.
"""

import io
import logging
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from g287.core import audit
from g287.registry.models import Agreement
from g287.sources import archive, lock
from g287.sources.http import FetchError, client, get
from g287.sources.models import FetchRun, MoaDocument, Outcome, Resource, Role

log = logging.getLogger(__name__)


@dataclass
class MoaResult:
    run: FetchRun
    lines: list[str] = field(default_factory=list)
    failed: int = 0

    @property
    def ok(self) -> bool:
        return self.failed == 0


def linked_urls() -> list[str]:
    """Every MOA and addendum address on the current lists."""
    urls: set[str] = set()
    for moa, addendum in Agreement.objects.filter(~Q(moa_url="") | ~Q(addendum_url="")).values_list(
        "moa_url", "addendum_url"
    ):
        urls.update(u for u in (moa, addendum) if u.startswith(("http://", "https://")))
    return sorted(urls)


def read_pdf(content: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(content))
    pages = len(reader.pages)
    text = "\n".join((page.extract_text() or "") for page in reader.pages)
    return pages, text


def fetch_moas(urls: list[str] | None = None, lock_wait: float = 900.0) -> MoaResult:
    with lock.held(lock.FETCH, wait=lock_wait):
        run = FetchRun.objects.create(trigger="moas", started_at=timezone.now())
        result = MoaResult(run)
        with client() as http:
            for i, url in enumerate(urls if urls is not None else linked_urls()):
                if i:
                    time.sleep(settings.G287_FETCH_MOA_DELAY)  # one request at a time, gently
                try:
                    result.lines.append(_one(http, run, url))
                except FetchError as exc:
                    result.failed += 1
                    result.lines.append(f"error: {exc}")
                    archive.record_retrieval(
                        url=url,
                        role=Role.MOA,
                        outcome=Outcome.FAILED,
                        fetched_at=timezone.now(),
                        error=exc.reason,
                        run=run,
                    )
        run.ok = result.ok
        run.finished_at = timezone.now()
        run.message = f"{len(result.lines) - result.failed} MOA address(es) checked, {result.failed} failed"
        run.save()
        audit.record(
            "sources.fetchrun.fetch_moas", "sources.FetchRun", run.pk, after={"message": run.message}
        )
        return result


def _one(http: object, run: FetchRun, url: str) -> str:
    import httpx

    assert isinstance(http, httpx.Client)
    resource = Resource.objects.filter(url=url).first()
    known = resource is not None and resource.file_id is not None
    response = get(
        http,
        url,
        etag=resource.etag if known and resource else "",
        last_modified=resource.last_modified if known and resource else "",
    )
    now = timezone.now()
    resource = resource or Resource(url=url, role=Role.MOA)
    if response.not_modified:
        resource.last_checked_at = now
        resource.save()
        archive.record_retrieval(
            url=url,
            role=Role.MOA,
            outcome=Outcome.NOT_MODIFIED,
            fetched_at=now,
            file=resource.file,
            status=304,
            headers=response.headers,
            run=run,
        )
        return f"unchanged (304): {url}"
    if not response.content.startswith(b"%PDF-"):
        raise FetchError(
            url, f"not a PDF: the server sent {response.headers.get('content-type', 'unknown type')}"
        )
    try:
        pages, text = read_pdf(response.content)
    except (PdfReadError, ValueError, KeyError) as exc:
        raise FetchError(url, f"not a readable PDF ({exc})") from None
    with transaction.atomic():
        name = url.rsplit("/", 1)[-1] or "moa.pdf"
        file = archive.put(response.content, name)
        previous = MoaDocument.objects.filter(url=url).order_by("-archived_at", "-id").first()
        changed = previous is not None and previous.file_id != file.sha256
        if previous is None or changed:
            doc = MoaDocument.objects.create(
                url=url, file=file, pages=pages, text=text, archived_at=now, replaces=previous
            )
            audit.record(
                "sources.moadocument.archive",
                "sources.MoaDocument",
                doc.pk,
                after={"url": url, "sha256": file.sha256, "pages": pages, "changed": changed},
            )
        if resource.file_id is not None and resource.file_id != file.sha256:
            resource.changed_count += 1
        if resource.file_id != file.sha256:
            resource.content_since = now
        resource.file = file
        resource.etag = response.headers.get("etag", "")[:300]
        resource.last_modified = response.headers.get("last-modified", "")[:100]
        resource.last_checked_at = now
        resource.save()
        outcome = Outcome.ARCHIVED if previous is None or changed else Outcome.KNOWN
        archive.record_retrieval(
            url=url,
            role=Role.MOA,
            outcome=outcome,
            fetched_at=now,
            file=file,
            status=response.status,
            headers=response.headers,
            run=run,
        )
    if changed:
        return f"CHANGED: the PDF at {url} is new ({pages} pages)"
    return f"archived ({pages} pages): {url}" if previous is None else f"unchanged: {url}"
