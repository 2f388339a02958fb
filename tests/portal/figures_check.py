"""What the tests of precomputed figures compare: every figure g287.portal.precompute stores, against the
same figure computed live (no process cache, no stored figure)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder

from g287.core.models import Figure
from g287.core.states import NAME_BY_CODE
from g287.portal import coverage, queries
from g287.registry.queries import latest_snapshot, snapshot_as_of, stats_at
from g287.registry.version import data_version


def _json(value: Any) -> Any:
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def stored() -> dict[str, Any]:
    """The figures in the database for the data as it is now (not the pages' tables rendered from them)."""
    rows = Figure.objects.filter(version=data_version()).exclude(name__startswith="html:")
    return {f.name: json.loads(f.value) for f in rows}


def live() -> dict[str, Any]:
    """The same figures, computed from the registry without reading any stored or cached one."""
    Figure.objects.all().delete()
    cache.clear()
    latest = latest_snapshot()
    baseline = snapshot_as_of(queries.DEFAULT_BASELINE)
    figures: dict[str, Any] = {
        f"dashboard:{baseline.order_key if baseline else '-'}": queries._dashboard(
            baseline, queries.DEFAULT_BASELINE
        ),
        f"coverage:{latest.order_key if latest else '-'}": coverage._compute(latest),
        "states": queries._state_summaries(),
    }
    if latest_snapshot("pending"):
        figures["pending-series"] = queries._pending_series()
    newest = latest.date if latest else date.today()
    for day in (queries.DEFAULT_BASELINE, newest):
        snapshot = snapshot_as_of(day)
        if snapshot:
            figures[f"agreements:{snapshot.order_key}"] = stats_at(snapshot, None)["agreements"]
    for code in NAME_BY_CODE:
        figures[f"state:{code}"] = queries._state_detail(code, None, None)  # one state at a time
    return _json(figures)
