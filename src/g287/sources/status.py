"""What the portal says about ICE's lists as g287 last saw them."""

from dataclasses import dataclass
from datetime import datetime

from g287.registry.models import Snapshot
from g287.sources.models import FetchRun, Resource, Role


@dataclass
class ListStatus:
    kind: str
    url: str
    unchanged_since: datetime | None  # the publication time of the content ICE still serves
    last_checked: datetime | None


def list_status() -> list[ListStatus]:
    """Per list, the address g287 fetched last: since when its content is unchanged, and when checked."""
    out = []
    for kind in (Role.PARTICIPATING, Role.PENDING):
        resource = Resource.objects.filter(role=kind).order_by("-last_checked_at").first()
        if resource is None or resource.file_id is None:
            continue
        snapshot = Snapshot.objects.filter(sha256=resource.file_id).first()
        since = snapshot.published_at if snapshot else resource.content_since
        out.append(ListStatus(str(kind), resource.url, since, resource.last_checked_at))
    return out


def last_runs() -> dict[str, FetchRun | None]:
    return {
        "last": FetchRun.objects.order_by("-started_at", "-id").first(),
        "success": FetchRun.objects.filter(ok=True).order_by("-started_at", "-id").first(),
        "failure": FetchRun.objects.filter(ok=False).order_by("-started_at", "-id").first(),
        "next": FetchRun.objects.filter(next_run_at__isnull=False).order_by("-started_at", "-id").first(),
    }
