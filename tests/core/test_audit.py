"""The hash-chained audit log (g287.core.audit): every alteration, removal or splice of entries is named by
`verify_chain`. The page, API and `g287 audit` command over it are tested in tests/accounts/test_audit.py."""

from itertools import pairwise
from typing import Any

import pytest

from g287.core.audit import GENESIS, entry_hash, head, record, record_many, verify_chain
from g287.core.models import AuditEntry


@pytest.fixture
def chain(db: Any) -> list[AuditEntry]:
    """Eight new entries, oldest first, after whatever the test database's log holds."""
    for n in range(5):
        record("create", "test.thing", n, after={"n": n}, actor="user:a")
    record_many([("update", "test.thing", str(n), {"n": n}, {"n": n + 10}) for n in range(3)], actor="user:b")
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
    record("create", "test.thing", "new", after={"x": 1})
    _, newest = head()
    AuditEntry.objects.filter(hash=newest).delete()
    assert verify_chain() is None  # nothing left to show the break ...
    tail = verify_chain(newest)  # ... unless the head was noted
    assert tail is not None and tail.reason.startswith(f"the entry with hash {newest[:12]}")
    assert verify_chain(noted) is None
