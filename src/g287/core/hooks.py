"""Explicit registration between apps: the one way a lower app uses what a higher app offers.

An app never imports an app above it (tests/test_layers.py). When a lower app needs something only a
higher app has (the registry's `agencies` command offers geo's matching subcommands, oversight's
measures count funding's payments, the staff header lists every app's area), the lower app reads a
hook here and the higher app registers into it from its `AppConfig.ready()`:

    # g287/funding/apps.py
    def ready(self) -> None:
        from g287.core import hooks
        hooks.paid_by_agency.register("funding", paid_cents_by_agency)

A deployment without the higher app simply has nothing registered. Registering a key again replaces
the entry (ready() may run twice in tests). Entries keep registration order unless they say otherwise
(staff links carry their header position)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Hook(Generic[T]):
    """A named registration point: entries by key, in registration order."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._entries: dict[str, T] = {}

    def register(self, key: str, entry: T) -> None:
        self._entries[key] = entry

    def unregister(self, key: str) -> None:
        self._entries.pop(key, None)

    def entries(self) -> list[T]:
        return list(self._entries.values())

    def __iter__(self) -> Iterator[T]:
        return iter(self.entries())

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __repr__(self) -> str:
        return f"Hook({self.name!r}, {list(self._entries)})"


@dataclass(frozen=True)
class StaffLink:
    """One area in the staff header. `allowed(user)` is the same check the area's pages make, so the
    header never offers a page that answers 403; `order` is the header position (smaller first)."""

    key: str
    label: str
    url_name: str
    order: int
    allowed: Callable[[Any], bool]


# Subcommands of `g287 agencies`: each entry is called with the command's argparse subparsers.
agency_commands: Hook[Callable[[Any], None]] = Hook("agency_commands")

# Cents paid per agency for the fiscal quarters ended by a date (None when nothing was paid).
paid_by_agency: Hook[Callable[[date], dict[str, int] | None]] = Hook("paid_by_agency")

# The staff header's areas ({% staff_nav %} in core/templatetags/staffnav.py).
staff_links: Hook[StaffLink] = Hook("staff_links")
