"""A comparable picture of the whole registry, without database ids or import times."""

from typing import Any

from g287.registry.history_file import dump
from g287.registry.models import Agency, Agreement, Event


def registry_dump() -> dict[str, Any]:
    data = dump()
    return {
        **data,
        "agencies": list(Agency.objects.order_by("id").values_list("id", "state", "name", "type", "county")),
        "agreements": [
            tuple(row)
            for row in Agreement.objects.order_by("id").values_list(
                "id",
                "status",
                "name",
                "type",
                "county",
                "signed",
                "moa",
                "moa_url",
                "addendum",
                "addendum_url",
                "first_requested",
                "first_listed",
                "last_listed",
                "ended",
            )
        ],
        "events": sorted(
            Event.objects.values_list("agreement_id", "order_key", "date", "kind", "old", "new"),
            key=lambda e: (e[0], e[1], e[3], e[4], e[5]),
        ),
    }
