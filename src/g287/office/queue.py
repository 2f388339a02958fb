"""The office work queue: what waits for the signed-in user, each kind with a count and a link to the
filtered list. One service feeds the office home and `GET /api/office/queue`.

Providers are registered explicitly, by name, in registration order: a provider is a callable
`(user, now) -> iterable of QueueItem` that applies the user's role and scope itself (through the
apps' own `for_user` and capability checks) and returns nothing the user may not act on or see.
Apps register theirs from AppConfig.ready:

    from g287.office.queue import register
    register("possible_duplicate_agencies", duplicates_waiting)

Registering the same name again replaces the provider (ready() may run twice in tests)."""

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone


@dataclass(frozen=True)
class QueueItem:
    kind: str  # stable machine name, e.g. "claims_submitted"
    label: str  # what a person reads
    count: int
    url: str  # the filtered list where the work is done

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


Provider = Callable[[Any, datetime], Iterable[QueueItem]]
_providers: dict[str, Provider] = {}


def register(name: str, provider: Provider) -> None:
    _providers[name] = provider


def registered() -> list[str]:
    return list(_providers)


def queue_for(user: Any, now: datetime | None = None) -> list[QueueItem]:
    """The waiting work for `user`: every provider's items with a count above zero."""
    now = now or timezone.now()
    items: list[QueueItem] = []
    for provider in _providers.values():
        items.extend(item for item in provider(user, now) if item.count > 0)
    return items
