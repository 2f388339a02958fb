"""`g287 fetch`: one pass over ICE's 287(g) page and the two lists it links.

Everything is downloaded first; then, in one transaction, every file is archived and each new content is
imported through the registry's importer. A pass where the page or any list cannot be had, or a list is
not a workbook the importer accepts, changes nothing in the registry and is logged as a failure.
"""

import logging
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

import httpx
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from g287.core import audit
from g287.registry.importer import import_paths
from g287.registry.models import Snapshot
from g287.sources import archive, lock, page
from g287.sources.http import FetchError, Response, client, get
from g287.sources.models import FetchRun, Outcome, Resource, Role
from g287.sources.signals import lists_imported  # re-exported: sent after a pass that imported lists

log = logging.getLogger(__name__)

KINDS = ("participating", "pending")


@dataclass
class FetchResult:
    run: FetchRun
    lines: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.run.ok)

    @property
    def imported(self) -> list[str]:
        return list(self.run.imported)


@dataclass
class _Download:
    role: str
    url: str
    response: Response
    resource: Resource | None


def fetch_lists(
    page_url: str | None = None,
    participating_url: str | None = None,
    pending_url: str | None = None,
    trigger: str = "fetch",
    lock_wait: float = 900.0,
) -> FetchResult:
    """One pass. Waits up to `lock_wait` seconds for another pass (another watcher) to finish first;
    raises lock.LockBusy when it does not."""
    with lock.held(lock.FETCH, wait=lock_wait):
        return _fetch(page_url, participating_url, pending_url, trigger)


def _fetch(
    page_url: str | None, participating_url: str | None, pending_url: str | None, trigger: str
) -> FetchResult:
    run = FetchRun.objects.create(trigger=trigger, started_at=timezone.now())
    result = FetchResult(run)
    failed_url = ""
    failed_status: int | None = None
    try:
        with client() as http:
            targets = _targets(http, page_url, participating_url, pending_url)
            downloads = []
            for role, url in targets.items():
                failed_url = url
                resource = Resource.objects.filter(url=url).first()
                known = resource is not None and resource.file_id is not None
                response = get(
                    http,
                    url,
                    etag=resource.etag if known and resource else "",
                    last_modified=resource.last_modified if known and resource else "",
                )
                failed_status = response.status
                if not response.not_modified:
                    _check_workbook(url, response)
                downloads.append(_Download(role, url, response, resource))
        with transaction.atomic():
            for item in downloads:
                failed_url, failed_status = item.url, item.response.status
                result.lines.append(_take(run, item))
            run.ok = True
            run.finished_at = timezone.now()
            run.message = "; ".join(result.lines)
            run.save()
            audit.record(
                "sources.fetchrun.fetch",
                "sources.FetchRun",
                run.pk,
                after={"imported": run.imported, "files": result.lines, "trigger": trigger},
            )
    except FetchError as exc:
        _fail(run, exc, failed_url or exc.url, failed_status, result)
        return result
    if run.imported:
        # The lists are in; telling people must not turn a good fetch into a failed one.
        for receiver, outcome in lists_imported.send_robust(
            sender=FetchRun, order_keys=list(run.imported), run=run
        ):
            if isinstance(outcome, Exception):
                log.error("after the fetch, %s failed: %s", getattr(receiver, "__name__", receiver), outcome)
    return result


def _targets(
    http: httpx.Client, page_url: str | None, participating_url: str | None, pending_url: str | None
) -> dict[str, str]:
    """The addresses to fetch: given ones, the rest found on ICE's page."""
    given = {"participating": participating_url, "pending": pending_url}
    if all(given.values()):
        return {k: v for k, v in given.items() if v}
    url = page_url or settings.G287_ICE_PAGE
    response = get(http, url, max_bytes=5 * 1024 * 1024)
    charset = "utf-8"
    content_type = response.headers.get("content-type", "")
    if "charset=" in content_type:
        charset = content_type.split("charset=", 1)[1].split(";")[0].strip() or "utf-8"
    html = response.content.decode(charset, "replace")
    found = page.find_workbooks(html, response.url)
    targets = {}
    for kind in KINDS:
        address = given[kind] or found.get(kind)
        if not address:
            raise FetchError(
                url,
                f"the page has no link to the {kind} list (looked for an .xlsx link named or titled '{kind}')",
            )
        targets[kind] = address
    return targets


def _check_workbook(url: str, response: Response) -> None:
    if response.content.startswith(b"PK\x03\x04"):
        return
    kind = response.headers.get("content-type", "unknown type")
    start = response.content[:40].decode("latin-1").strip()
    raise FetchError(
        url, f"not a workbook: the server sent {kind} ({len(response.content):,} bytes, starting {start!r})"
    )


def _local(when: datetime) -> datetime:
    """A publication time as the importer keeps it: naive, in the project's time zone."""
    return timezone.localtime(when).replace(tzinfo=None)


def _take(run: FetchRun, item: _Download) -> str:
    """Archives and, when new, imports one downloaded list; records the retrieval; returns a line."""
    response, now = item.response, timezone.now()
    resource = item.resource or Resource(url=item.url, role=item.role)
    headers = response.headers
    if response.not_modified:
        file = resource.file
        outcome, dated = Outcome.NOT_MODIFIED, None
        line = f"{item.role}: not modified since the last check ({item.url})"
    else:
        name = _file_name(item.url, item.role)
        file = archive.put(response.content, name)
        dated = _local(response.last_modified or response.fetched_at)
        if Snapshot.objects.filter(sha256=file.sha256).exists():
            outcome = Outcome.KNOWN
            line = f"{item.role}: unchanged, already imported ({item.url})"
        else:
            outcome = Outcome.IMPORTED
            key = _import(item.url, name, response.content, file.sha256, dated)
            run.imported = [*run.imported, key]
            line = f"{item.role}: new list imported as of {dated:%Y-%m-%d %H:%M} ({item.url})"
        resource.etag = headers.get("etag", "")[:300]
        resource.last_modified = headers.get("last-modified", "")[:100]
    if file is not None and resource.file_id != file.sha256:
        if resource.file_id is not None:
            resource.changed_count += 1
        resource.file = file
        resource.content_since = now
    resource.role = item.role
    resource.last_checked_at = now
    resource.save()
    archive.record_retrieval(
        url=item.url,
        role=item.role,
        outcome=outcome,
        fetched_at=now,
        file=file,
        status=response.status,
        headers=headers,
        dated=timezone.make_aware(dated) if dated else None,
        run=run,
    )
    return line


def _file_name(url: str, role: str) -> str:
    name = unquote(urlsplit(url).path.rsplit("/", 1)[-1])
    return name if name.lower().endswith(".xlsx") else f"{role}Agencies.xlsx"


def _import(url: str, name: str, content: bytes, sha256: str, dated: datetime) -> str:
    """Imports one new list through the registry's importer, dated by the server; returns its order key."""
    with tempfile.TemporaryDirectory(prefix="g287-fetch-") as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        # A datetime, not a date: lists ICE publishes twice a day keep their order.
        report = import_paths([path], dated)
    outcome = report.files[0]
    if outcome.status == "failed":
        raise FetchError(url, outcome.message.replace(str(path), name))
    return Snapshot.objects.get(sha256=sha256).order_key


def _fail(run: FetchRun, exc: FetchError, url: str, status: int | None, result: FetchResult) -> None:
    now = timezone.now()
    with transaction.atomic():
        run.ok = False
        run.imported = []
        run.finished_at = now
        run.message = str(exc)
        run.save()
        archive.record_retrieval(
            url=url,
            role=_role_of(url),
            outcome=Outcome.FAILED,
            fetched_at=now,
            status=status,
            error=exc.reason,
            run=run,
        )
        audit.record(
            "sources.fetchrun.fail", "sources.FetchRun", run.pk, after={"url": url, "reason": exc.reason}
        )
    result.lines.append(str(exc))


def _role_of(url: str) -> str:
    path = urlsplit(url).path.lower()
    for kind in KINDS:
        if kind in path:
            return kind
    return Role.PAGE
