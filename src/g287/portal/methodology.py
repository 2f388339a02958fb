"""The figures the methodology page quotes, computed from the registry as it is: how many lists were
read, what each status counts, and how well agencies match the FBI roster (measured, not claimed).
Cached per newest lists and link state, like every other aggregate of the portal."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max, Min

from g287.geo.coverage import active_agency_ids
from g287.geo.models import AgencyLink, MatchStatus, OriRecord
from g287.geo.report import TARGET, report
from g287.portal.coverage import links_stamp
from g287.portal.queries import source
from g287.registry.models import Agreement, Snapshot
from g287.registry.queries import latest_snapshot


def figures() -> dict[str, Any]:
    latest = latest_snapshot()
    key = f"portal:methodology:{latest.order_key if latest else '-'}:{links_stamp()}"
    cached = cache.get(key)
    if cached is not None:
        result: dict[str, Any] = cached
        return result
    lists = {
        row["kind"]: row
        for row in Snapshot.objects.values("kind").annotate(
            n=Count("id"), first=Min("date"), last=Max("date")
        )
    }
    statuses = dict(Agreement.objects.values_list("status").annotate(n=Count("id")).order_by())
    matching: dict[str, Any] | None = None
    if latest is not None:
        active = active_agency_ids(latest.date)
        quality = report(active).quality
        links = AgencyLink.objects.filter(agency_id__in=active)
        by_status = dict(links.values_list("status").annotate(n=Count("agency_id")).order_by())
        if quality is not None:
            matching = {
                "agencies": quality.agencies,
                "automatic": quality.automatic,
                "matched": quality.matched,
                "share": quality.share,
                "target": TARGET,
                "review": by_status.get(MatchStatus.REVIEW, 0),
                "unmatched": quality.agencies - quality.matched - by_status.get(MatchStatus.REVIEW, 0),
            }
    result = {
        "source": source(latest),
        "participating": lists.get("participating"),
        "pending": lists.get("pending"),
        "statuses": statuses,
        "agreements": sum(statuses.values()),
        "matching": matching,
        "roster_year": OriRecord.objects.aggregate(y=Max("data_year"))["y"],
        "roster_size": OriRecord.objects.count(),
    }
    cache.set(key, result)
    return result
