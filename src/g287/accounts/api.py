"""JSON API for accounts and the audit log: /api/accounts/me, /api/audit/ (auditors and the program
office administrator)."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from g287.accounts.api_auth import API_AUTH
from g287.accounts.auditlog import AuditFilter, entries
from g287.accounts.decorators import Access, api_perm
from g287.accounts.roles import Perm, perms_of, role_of
from g287.accounts.scoping import scope_of
from g287.core.api_lists import IsoDate, ListPage, ListParams, invalid, page
from g287.core.audit import verify_chain
from g287.core.audit_head import head_info
from g287.core.filters import FilterError

accounts_router = Router(auth=API_AUTH, tags=["accounts"])
audit_router = Router(auth=API_AUTH, tags=["audit"])


class MeOut(Schema):
    username: str
    role: str | None
    capabilities: list[str]
    scope: dict[str, Any]


@accounts_router.get("/me", response=MeOut, summary="Who you are, your role and your scope")
@api_perm(Access.SIGNED_IN)
def me(request: HttpRequest) -> dict[str, Any]:
    scope = scope_of(request.user)
    return {
        "username": request.user.get_username(),
        "role": role_of(request.user),
        "capabilities": sorted(perm.value for perm in perms_of(request.user)),
        "scope": {
            "everything": scope.everything,
            "states": sorted(scope.states) if scope.states is not None else None,
            "agency_id": scope.agency_id,
        },
    }


class EntryOut(Schema):
    id: int
    at: datetime
    actor: str
    request_id: str
    action: str
    object_type: str
    object_id: str
    before: Any
    after: Any
    prev_hash: str
    hash: str


class AuditQuery(ListParams):
    actor: str = Field("", description="part of the actor's name")
    action: str = Field("", description="an action, like funding.claim.submit")
    object_type: str = Field("", description="a model label, like funding.Claim")
    object_id: str = ""
    request_id: str = ""
    since: IsoDate | None = Field(None, description="on or after (YYYY-MM-DD)")
    until: IsoDate | None = Field(None, description="on or before (YYYY-MM-DD)")


@audit_router.get("/", response=ListPage[EntryOut], summary="Audit log entries, newest first")
@api_perm(Perm.AUDIT_VIEW)
def audit_entries(request: HttpRequest, query: Query[AuditQuery]) -> dict[str, Any]:
    """Filtered like the audit log page and its CSV export."""
    try:
        flt = AuditFilter.parse(request.GET)
    except FilterError as exc:
        raise invalid(exc.errors) from exc
    return page(request, entries(flt), query)


class VerifyOut(Schema):
    ok: bool
    entry_id: int | None
    reason: str | None


@audit_router.get("/verify", response=VerifyOut, summary="Recompute the hash chain")
@api_perm(Perm.AUDIT_VIEW)
def audit_verify(request: HttpRequest) -> dict[str, Any]:
    problem = verify_chain()
    return {
        "ok": problem is None,
        "entry_id": problem.entry_id if problem else None,
        "reason": problem.reason if problem else None,
    }


class HeadOut(Schema):
    count: int
    hash: str
    at: str | None  # ISO 8601, exactly as `g287 audit head --json` prints it


@audit_router.get(
    "/head",
    response=HeadOut,
    auth=None,
    summary="The audit log's head (public): keep a copy, check it later with `g287 audit verify --head`",
)
@api_perm(Access.PUBLIC)
def audit_head(request: HttpRequest) -> dict[str, Any]:
    return head_info()
