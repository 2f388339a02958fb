"""After `g287 fetch` imports new lists: queue the webhooks, mail the subscribers, send what is due."""

from typing import Any

from g287.alerts import changesets, subscriptions, webhooks


def announce(order_keys: list[str]) -> dict[str, int]:
    counts = {"change_sets": 0, "queued": 0, "mailed": 0}
    for key in order_keys:
        change_set = changesets.for_snapshot(key)
        if change_set is None or not change_set.events:
            continue  # a list that changed nothing tells nobody anything
        counts["change_sets"] += 1
        counts["queued"] += webhooks.queue(change_set)
        counts["mailed"] += subscriptions.notify(change_set)
    webhooks.deliver_due()
    return counts


def on_lists_imported(sender: Any, order_keys: list[str], **kwargs: Any) -> None:
    announce(order_keys)
