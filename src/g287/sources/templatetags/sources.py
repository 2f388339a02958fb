"""For the portal's pages: which snapshots' files are in the archive, and how fresh ICE's lists are."""

from typing import Any

from django import template

from g287.sources.models import ArchivedFile
from g287.sources.status import ListStatus, list_status

register = template.Library()


@register.simple_tag
def archived_shas() -> set[str]:
    return set(ArchivedFile.objects.values_list("sha256", flat=True))


@register.simple_tag
def ice_list_status() -> list[ListStatus]:
    return list_status()


@register.inclusion_tag("sources/_list_status.html")
def list_freshness() -> dict[str, Any]:
    return {"status": list_status()}


@register.inclusion_tag("sources/_moa_archived.html")
def moa_archived(url: str) -> dict[str, Any]:
    """ "MOA archived on … (PDF, N pages)", linking g287's copy, when g287 holds the PDF at `url`."""
    from g287.sources.models import MoaDocument

    return {
        "doc": MoaDocument.objects.filter(url=url)
        .select_related("file")
        .order_by("-archived_at", "-id")
        .first()
    }
