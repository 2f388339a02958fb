"""The audit log's head, published so that anyone can keep a copy: `g287 audit verify --head HASH` later
fails if the chain no longer reaches that hash (the newest entries were removed or replaced)."""

from typing import Any

from g287.core.audit import GENESIS
from g287.core.models import AuditEntry


def head_info() -> dict[str, Any]:
    """{"count": entries, "hash": the newest entry's hash, "at": its time (ISO 8601)}; an empty log has
    the genesis hash and no time."""
    last = AuditEntry.objects.order_by("-id").only("hash", "at").first()
    return {
        "count": AuditEntry.objects.count(),
        "hash": last.hash if last else GENESIS,
        "at": last.at.isoformat() if last else None,
    }
