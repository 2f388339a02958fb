"""The audit log: who changed what, when, from which request, with the data before and after."""

import getpass
import hashlib
import json
import re
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from g287.core.middleware import current_request_id
from g287.core.models import AuditEntry

GENESIS = "0" * 64
current_actor: ContextVar[str] = ContextVar("current_actor", default="")


def cli_actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # no login name in some containers
        return "cli"


def _canonical(entry: dict[str, Any]) -> bytes:
    return json.dumps(entry, sort_keys=True, separators=(",", ":"), default=str).encode()


_ACTION = re.compile(r"[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*")


def check_names(action: str, object_type: str) -> None:
    """One naming scheme for every entry (see g287.core.changes): action `app.object.verb` whose
    `app.object` is the object type's model, object type a model label (`funding.Claim`). A wrong name
    is a programming error, refused before anything is written."""
    if not _ACTION.fullmatch(action):
        raise ValueError(f"audit action {action!r} is not of the form app.object.verb")
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError) as exc:
        raise ValueError(f"audit object type {object_type!r} is not a model label") from exc
    if model._meta.label != object_type or not action.startswith(
        f"{model._meta.app_label}.{model._meta.model_name}."
    ):
        raise ValueError(f"audit action {action!r} does not name the model {object_type}")


def entry_hash(entry: AuditEntry) -> str:
    payload = {
        "at": entry.at.isoformat(),
        "actor": entry.actor,
        "request_id": entry.request_id,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "before": entry.before,
        "after": entry.after,
        "prev_hash": entry.prev_hash,
    }
    return hashlib.sha256(_canonical(payload)).hexdigest()


def record(
    action: str,
    object_type: str,
    object_id: str | int,
    before: Any = None,
    after: Any = None,
    actor: str | None = None,
) -> AuditEntry:
    """Appends one entry. Must run inside the transaction that made the change, so both land or neither."""
    check_names(action, object_type)
    with transaction.atomic():
        last = AuditEntry.objects.select_for_update().order_by("-id").first()
        entry = AuditEntry(
            at=timezone.now(),
            actor=actor or current_actor.get() or cli_actor(),
            request_id=current_request_id.get(),
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            before=json.loads(_canonical(before)) if before is not None else None,
            after=json.loads(_canonical(after)) if after is not None else None,
            prev_hash=last.hash if last else GENESIS,
        )
        entry.hash = entry_hash(entry)
        entry.save()
    return entry


def record_many(entries: list[tuple[str, str, str, Any, Any]], actor: str | None = None) -> None:
    """Appends several (action, object_type, object_id, before, after) entries in one write, chained in
    order: an import of hundreds of files records one entry per file without a round trip each."""
    if not entries:
        return
    with transaction.atomic():
        last = AuditEntry.objects.select_for_update().order_by("-id").first()
        previous = last.hash if last else GENESIS
        now = timezone.now()
        who = actor or current_actor.get() or cli_actor()
        rows = []
        for action, object_type, object_id, before, after in entries:
            check_names(action, object_type)
            entry = AuditEntry(
                at=now,
                actor=who,
                request_id=current_request_id.get(),
                action=action,
                object_type=object_type,
                object_id=str(object_id),
                before=json.loads(_canonical(before)) if before is not None else None,
                after=json.loads(_canonical(after)) if after is not None else None,
                prev_hash=previous,
            )
            entry.hash = previous = entry_hash(entry)
            rows.append(entry)
        AuditEntry.objects.bulk_create(rows)


@dataclass
class ChainProblem:
    entry_id: int
    reason: str


def verify_chain(expected_head: str | None = None) -> ChainProblem | None:
    """Recomputes the chain; returns the first entry that was altered, or the place where one was removed.

    A removed entry shows as a break: the next entry's prev_hash no longer matches. When the ids on
    either side leave a gap, the missing ids are named (ids can also skip after a rolled-back
    transaction, so a gap alone is never reported). Removing the newest entries leaves no break;
    pass the head hash noted earlier (`g287 audit head`) as `expected_head` to catch that too."""
    prev = GENESIS
    prev_id = 0
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        if entry_hash(entry) != entry.hash:
            return ChainProblem(
                entry.id, f"entry #{entry.id} was altered: its content no longer matches its hash"
            )
        if entry.prev_hash != prev:
            if entry.id > prev_id + 1:
                missing = (
                    f"#{prev_id + 1}" if entry.id == prev_id + 2 else f"#{prev_id + 1} to #{entry.id - 1}"
                )
                return ChainProblem(
                    prev_id + 1, f"entry {missing} was removed: entry #{entry.id} does not follow #{prev_id}"
                )
            return ChainProblem(
                prev_id,
                f"entry #{prev_id} was altered and its hash recomputed: "
                f"entry #{entry.id} no longer follows it",
            )
        prev, prev_id = entry.hash, entry.id
    if expected_head and not AuditEntry.objects.filter(hash=expected_head).exists():
        return ChainProblem(
            prev_id + 1, f"the entry with hash {expected_head[:12]}… (and any after it) was removed"
        )
    return None


def head() -> tuple[int, str]:
    """(id, hash) of the newest entry: note it somewhere else to detect later removal of the tail."""
    last = AuditEntry.objects.order_by("-id").only("id", "hash").first()
    return (last.id, last.hash) if last else (0, GENESIS)
