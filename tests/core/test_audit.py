"""The hash-chained audit log (g287.core.audit): every alteration, removal or splice of entries is named by
`verify_chain`. The page, API and `g287 audit` command over it are tested in tests/accounts/test_audit.py."""

import getpass
from datetime import date
from itertools import pairwise
from typing import Any

import pytest

from g287.core.audit import GENESIS, current_actor, entry_hash, head, record, record_many, verify_chain
from g287.core.middleware import current_request_id
from g287.core.models import AuditEntry


@pytest.fixture
def chain(db: Any) -> list[AuditEntry]:
    """Eight new entries, oldest first, after whatever the test database's log holds."""
    for n in range(5):
        record("registry.agency.create", "registry.Agency", n, after={"n": n}, actor="user:a")
    record_many(
        [("registry.agency.update", "registry.Agency", str(n), {"n": n}, {"n": n + 10}) for n in range(3)],
        actor="user:b",
    )
    entries = list(AuditEntry.objects.order_by("-id")[:8])[::-1]
    assert verify_chain() is None
    return entries


def test_entries_are_chained_from_genesis(chain: list[AuditEntry]) -> None:
    assert AuditEntry.objects.order_by("id")[0].prev_hash == GENESIS
    for before, after in pairwise(chain):
        assert after.prev_hash == before.hash
    assert head() == (chain[-1].pk, chain[-1].hash)


def test_tampered_entry_is_named(chain: list[AuditEntry]) -> None:
    victim = chain[3]
    AuditEntry.objects.filter(pk=victim.pk).update(after={"n": 999})
    problem = verify_chain()
    assert problem is not None and problem.entry_id == victim.pk
    assert problem.reason == f"entry #{victim.pk} was altered: its content no longer matches its hash"


def test_tampered_entry_with_recomputed_hash_is_named(chain: list[AuditEntry]) -> None:
    victim = chain[2]
    victim.actor = "user:someone-else"
    victim.hash = entry_hash(victim)
    AuditEntry.objects.filter(pk=victim.pk).update(actor=victim.actor, hash=victim.hash)
    problem = verify_chain()
    assert problem is not None and problem.entry_id == victim.pk
    assert "altered and its hash recomputed" in problem.reason


def test_removed_entry_is_named(chain: list[AuditEntry]) -> None:
    AuditEntry.objects.filter(pk=chain[4].pk).delete()
    problem = verify_chain()
    assert problem is not None and problem.entry_id == chain[4].pk
    assert problem.reason == (
        f"entry #{chain[4].pk} was removed: entry #{chain[5].pk} does not follow #{chain[3].pk}"
    )


def test_removed_entries_are_named_as_a_range(chain: list[AuditEntry]) -> None:
    AuditEntry.objects.filter(pk__in=[chain[2].pk, chain[3].pk]).delete()
    problem = verify_chain()
    assert problem is not None and problem.entry_id == chain[2].pk
    assert f"#{chain[2].pk} to #{chain[3].pk} was removed" in problem.reason


def test_removed_first_entry_is_named(chain: list[AuditEntry]) -> None:
    first_id = AuditEntry.objects.order_by("id")[0].pk
    AuditEntry.objects.filter(pk=first_id).delete()
    problem = verify_chain()
    assert problem is not None and problem.entry_id == first_id
    assert "removed" in problem.reason


def test_spliced_chain_is_caught(chain: list[AuditEntry]) -> None:
    """Entry k removed and k+1 re-pointed at k-1: the links all agree again, so only the hash of k+1,
    which covers its prev_hash, shows the splice."""
    k = 4
    AuditEntry.objects.filter(pk=chain[k].pk).delete()
    AuditEntry.objects.filter(pk=chain[k + 1].pk).update(prev_hash=chain[k - 1].hash)
    problem = verify_chain()
    assert problem is not None and problem.entry_id == chain[k + 1].pk
    assert "altered" in problem.reason


def test_spliced_chain_with_recomputed_hash_is_caught(chain: list[AuditEntry]) -> None:
    """The same splice with k+1's hash recomputed breaks the link from k+2 instead."""
    k = 4
    AuditEntry.objects.filter(pk=chain[k].pk).delete()
    spliced = AuditEntry.objects.get(pk=chain[k + 1].pk)
    spliced.prev_hash = chain[k - 1].hash
    spliced.hash = entry_hash(spliced)
    spliced.save()
    problem = verify_chain()
    assert problem is not None and problem.entry_id == spliced.pk
    assert "altered and its hash recomputed" in problem.reason


def test_removed_tail_is_caught_with_the_head(chain: list[AuditEntry]) -> None:
    _, noted = head()
    record("registry.agency.create", "registry.Agency", "new", after={"x": 1})
    _, newest = head()
    AuditEntry.objects.filter(hash=newest).delete()
    assert verify_chain() is None  # nothing left to show the break ...
    tail = verify_chain(newest)  # ... unless the head was noted
    assert tail is not None and tail.reason.startswith(f"the entry with hash {newest[:12]}")
    assert verify_chain(noted) is None


def test_tail_removal_names_the_first_missing_id(chain: list[AuditEntry]) -> None:
    _, newest = head()
    AuditEntry.objects.filter(pk=chain[-1].pk).delete()
    tail = verify_chain(newest)
    assert tail is not None and tail.entry_id == chain[-1].pk
    assert tail.reason == f"the entry with hash {newest[:12]}… (and any after it) was removed"


def test_record_many_keeps_each_entry_as_given(db: Any) -> None:
    token = current_request_id.set("req-9")
    try:
        record_many(
            [
                ("registry.agency.create", "registry.Agency", "7", None, {"on": date(2026, 5, 12)}),
                ("registry.snapshot.update", "registry.Snapshot", "8", {"n": 1}, None),
            ],
            actor="user:b",
        )
    finally:
        current_request_id.reset(token)
    first, second = AuditEntry.objects.order_by("-id")[:2][::-1]
    assert (first.actor, first.action, first.object_type, first.object_id) == (
        "user:b",
        "registry.agency.create",
        "registry.Agency",
        "7",
    )
    assert (first.before, first.after) == (None, {"on": "2026-05-12"})  # dates kept as ISO text
    assert (second.actor, second.action, second.object_type, second.object_id) == (
        "user:b",
        "registry.snapshot.update",
        "registry.Snapshot",
        "8",
    )
    assert (second.before, second.after) == ({"n": 1}, None)
    assert first.request_id == second.request_id == "req-9"
    assert second.prev_hash == first.hash and verify_chain() is None
    count = AuditEntry.objects.count()
    record_many([])
    assert AuditEntry.objects.count() == count


def test_record_keeps_dates_as_text(db: Any) -> None:
    entry = record(
        "registry.agency.create",
        "registry.Agency",
        1,
        before={"on": date(2026, 1, 2)},
        after=None,
        actor="user:a",
    )
    entry.refresh_from_db()
    assert (entry.before, entry.after) == ({"on": "2026-01-02"}, None)


def test_who_is_recorded(db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The actor given, else the signed-in user of the request, else the command line's login name."""
    assert record("registry.agency.x", "registry.Agency", 1).actor == f"cli:{getpass.getuser()}"
    token = current_actor.set("user:web")
    try:
        assert record("registry.agency.x", "registry.Agency", 2).actor == "user:web"
        assert record("registry.agency.x", "registry.Agency", 3, actor="user:given").actor == "user:given"
        record_many([("registry.agency.x", "registry.Agency", "4", None, None)])
        assert AuditEntry.objects.order_by("-id")[0].actor == "user:web"
    finally:
        current_actor.reset(token)
    record_many([("registry.agency.x", "registry.Agency", "5", None, None)])
    assert AuditEntry.objects.order_by("-id")[0].actor == f"cli:{getpass.getuser()}"

    def no_login_name() -> str:
        raise OSError("no login name in this container")

    monkeypatch.setattr(getpass, "getuser", no_login_name)
    assert record("registry.agency.x", "registry.Agency", 6).actor == "cli"


def test_an_empty_log_starts_from_genesis(db: Any) -> None:
    AuditEntry.objects.all().delete()
    assert head() == (0, GENESIS) and verify_chain() is None
    first = record("registry.agency.create", "registry.Agency", 1, after={})
    assert first.prev_hash == GENESIS
    AuditEntry.objects.all().delete()
    record_many([("registry.agency.create", "registry.Agency", "2", None, {})])
    assert AuditEntry.objects.get().prev_hash == GENESIS
