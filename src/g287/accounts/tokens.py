"""API tokens: made, shown once, stored as a hash, checked, revoked."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from g287.accounts.actor import actor_of
from g287.accounts.models import ApiToken, TokenScope
from g287.accounts.roles import only_reads
from g287.core.changes import record_change

TOKEN_PREFIX = "g287_"
MAX_DAYS = 365


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    raw: str  # shown to the user once, never stored


def create_token(user: Any, name: str, scope: str, days: int) -> NewToken:
    name = name.strip()
    if not name:
        raise ValueError("name: give the token a name, so you can tell it apart later.")
    if scope not in TokenScope.values:
        raise ValueError(f"scope: must be one of {', '.join(TokenScope.values)}.")
    if scope == TokenScope.WRITE and only_reads(user):
        # An auditor changes nothing: a write token would be a credential for writes the role refuses.
        raise ValueError("scope: your role only reads; make a read token.")
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"days: a token lives between 1 and {MAX_DAYS} days.")
    secret = secrets.token_urlsafe(32)
    raw = f"{TOKEN_PREFIX}{secret}"
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name[:100],
            prefix=secret[:8],
            digest=_digest(raw),
            scope=scope,
            expires_at=timezone.now() + timedelta(days=days),
        )
        record_change("create", token, None, _public(token), actor=actor_of(user))
    return NewToken(token, raw)


def revoke_token(user: Any, token_id: int) -> ApiToken:
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token_id, user=user)
        if token.revoked_at is None:
            before = _public(token)
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            record_change("revoke", token, before, _public(token), actor=actor_of(user))
    return token


def check_token(raw: str) -> ApiToken | None:
    """The active token matching `raw`, or None."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = ApiToken.objects.select_related("user").filter(digest=_digest(raw)).first()
    if token is None or not token.is_active or not token.user.is_active:
        return None
    now = timezone.now()
    # One write per minute at most: the last-use time is for people, not for accounting.
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def _public(token: ApiToken) -> dict[str, Any]:
    return {
        "user": token.user.get_username(),
        "name": token.name,
        "prefix": token.prefix,
        "scope": token.scope,
        "expires_at": token.expires_at.isoformat(),
        "revoked_at": token.revoked_at.isoformat() if token.revoked_at else None,
    }
