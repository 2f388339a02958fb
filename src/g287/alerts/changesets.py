"""Change sets: the events one ICE list brought, read from the registry's stored events (the registry
derives them; this only groups them by the list that showed them)."""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse

from g287.registry.models import Event, EventKind, Snapshot


@dataclass
class ChangeSet:
    snapshot: Snapshot
    previous: date | None  # the date of the list of the same kind before it
    events: list[Event]

    @property
    def key(self) -> str:
        return self.snapshot.order_key

    def counts(self) -> dict[str, int]:
        return dict(Counter(e.kind for e in self.events))

    def summary(self) -> str:
        labels = dict(EventKind.choices)
        parts = [f"{n} {labels.get(kind, kind).lower()}" for kind, n in sorted(self.counts().items())]
        return ", ".join(parts)

    def title(self) -> str:
        which = "pending list" if self.snapshot.kind == "pending" else "list"
        return f"ICE's {which} of {self.snapshot.date:%Y-%m-%d}: {self.summary()}"

    def changes_path(self) -> str:
        start = self.previous or self.snapshot.date
        return f"{reverse('portal:changes')}?from={start:%Y-%m-%d}&to={self.snapshot.date:%Y-%m-%d}"

    def changes_url(self) -> str:
        return settings.G287_SITE_URL.rstrip("/") + self.changes_path()

    def payload(self) -> dict[str, Any]:
        """The JSON webhooks receive."""
        s = self.snapshot
        return {
            "change_set": s.order_key,
            "list": {"kind": s.kind, "date": s.date.isoformat(), "file": s.source_name, "sha256": s.sha256},
            "counts": self.counts(),
            "changes_url": self.changes_url(),
            "events": [
                {
                    "agreement": e.agreement_id,
                    "agency": e.agreement.agency_id,
                    "state": e.agreement.state,
                    "kind": e.kind,
                    "old": e.old,
                    "new": e.new,
                    "date": e.date.isoformat(),
                }
                for e in self.events
            ],
        }


def _events(state: str | None = None, agency: str | None = None) -> QuerySet[Event]:
    qs = Event.objects.select_related("agreement", "snapshot")
    if state:
        qs = qs.filter(agreement__state=state)
    if agency:
        qs = qs.filter(agreement__agency_id=agency)
    return qs


def _previous(snapshot: Snapshot) -> date | None:
    before = (
        Snapshot.objects.filter(kind=snapshot.kind, order_key__lt=snapshot.order_key)
        .order_by("-order_key")
        .values_list("date", flat=True)
        .first()
    )
    return before


def recent(state: str | None = None, agency: str | None = None, limit: int = 30) -> list[ChangeSet]:
    """The newest lists that changed something (in a state, or for an agency), newest first."""
    keys = list(
        _events(state, agency)
        .order_by("-order_key")
        .values_list("order_key", flat=True)
        .distinct()[: limit * 50]
    )
    keys = sorted(set(keys), reverse=True)[:limit]
    grouped: dict[str, list[Event]] = {k: [] for k in keys}
    for event in (
        _events(state, agency).filter(order_key__in=keys).order_by("order_key", "agreement_id", "id")
    ):
        grouped[event.order_key].append(event)
    return [
        ChangeSet(events[0].snapshot, _previous(events[0].snapshot), events)
        for events in grouped.values()
        if events
    ]


def for_snapshot(order_key: str, state: str | None = None, agency: str | None = None) -> ChangeSet | None:
    snapshot = Snapshot.objects.filter(order_key=order_key).first()
    if snapshot is None:
        return None
    events = list(_events(state, agency).filter(snapshot=snapshot).order_by("agreement_id", "id"))
    return ChangeSet(snapshot, _previous(snapshot), events)
