"""The public, read-only JSON API: the JSON twin of every portal page, with the same filters.

Bad parameters are answered 422 with `{"detail": [{"loc": [...], "msg": ...}]}` (the shape django-ninja
uses for its own validation), unknown objects and pages past the end 404 `{"detail": "..."}`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

from django.core.cache import cache
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError

from g287.accounts.decorators import Access, api_perm
from g287.core.api_lists import IsoDate, ListParams, choice, choices, enum_schema, invalid, page
from g287.core.models import AuditEntry
from g287.core.states import NAME_BY_CODE
from g287.portal import changes as change_lists
from g287.portal import coverage, queries, schemas
from g287.portal.coverage import agency_geo
from g287.portal.exports import dumps
from g287.portal.filters import (
    STATUS_CHOICES,
    STATUS_DEFAULT_TEXT,
    TYPES,
    AgencyFilters,
    AgreementFilters,
    FilterError,
    StatusAnnotation,
)
from g287.portal.geo_views import agency_identity
from g287.portal.records import agreement_record, agreement_records, event_record, snapshot_record
from g287.portal.views import snapshot_rows
from g287.registry import queries as registry_queries
from g287.registry.models import Agency, Agreement, Event, EventKind, Snapshot
from g287.registry.reconcile import current_id

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

router = Router(tags=["registry"])


def _json(payload: Any) -> HttpResponse:
    """The payload as JSON, bypassing ninja's re-validation of the response: the records are built in
    the documented shapes already (the tests check every endpoint against its schema), and validating
    a hundred rows again costs more than the query."""
    return HttpResponse(dumps(payload), content_type="application/json; charset=utf-8")


def _cached_json(request: HttpRequest, build: Callable[[], Any]) -> HttpResponse:
    """_json(build()), kept in the cache under the exact URL (host, path and query: the page links hold
    them), the language, and the newest audit entry's hash: every change to the registry or to an
    agency's links is audited (as coverage.links_stamp relies on), and a hash, unlike an id, is never
    given again to another entry (after a rolled-back import or a restore), so a cached answer is never
    one of another registry. A repeated query costs one indexed lookup instead of the rows, their
    records and the encoding."""
    newest = AuditEntry.objects.order_by("-id").values_list("hash", flat=True).first() or ""
    key = (
        "portal:api:"
        + hashlib.sha256(f"{newest} {get_language()} {request.build_absolute_uri()}".encode()).hexdigest()
    )
    body = cache.get(key)
    if body is None:
        body = dumps(build())
        cache.set(key, body)
    return HttpResponse(body, content_type="application/json; charset=utf-8")


def _state(code: str) -> str:
    """A state in the path: unknown is 404."""
    code = code.upper()
    if code not in NAME_BY_CODE:
        raise HttpError(404, f"no state or territory has the code {code!r}")
    return code


def _state_param(code: str) -> str:
    """A state in the query string: unknown is a bad parameter (422)."""
    if code.upper() not in NAME_BY_CODE:
        raise invalid({"state": f"unknown state {code!r}"})
    return code.upper()


StateCode = Annotated[str, enum_schema(NAME_BY_CODE)]


# --- agreements -----------------------------------------------------------------------------------------


@router.get("/agreements", response=schemas.AgreementPage, url_name="portal_agreements")
@api_perm(Access.PUBLIC)
def list_agreements(request: HttpRequest, query: Query[schemas.AgreementQuery]) -> HttpResponse:
    """Agreements as the registry knows them today, filtered like /agreements/ on the portal, with the same
    defaults: with no `status`, the active agreements (those on ICE's newest participating list, the
    dashboard's figure); `status=all` for every status. The same query string gives the same count here,
    on the page and in its downloads."""
    params: dict[str, list[str]] = {
        "state": query.state, "model": query.model, "type": query.type, "status": query.status,
        "signed_from": [query.signed_from.isoformat()] if query.signed_from else [],
        "signed_to": [query.signed_to.isoformat()] if query.signed_to else [],
        "q": [query.q] if query.q else [], "sort": [query.sort],
    }  # fmt: skip
    try:
        filters = AgreementFilters.parse(params)
    except FilterError as exc:
        raise invalid(exc.errors) from exc
    return _cached_json(
        request,
        lambda: {
            **page(request, filters.queryset(), query, agreement_records),
            "source": queries.source(registry_queries.latest_snapshot()),
            "filters": filters.params(),
        },
    )


@router.get("/agreements/{agreement_id}", response=schemas.AgreementDetail, url_name="portal_agreement")
@api_perm(Access.PUBLIC)
def get_agreement(request: HttpRequest, agreement_id: Path[str]) -> HttpResponse:
    """One agreement and its events (its id holds a `#`: send it as `%23`)."""
    agreement = get_object_or_404(Agreement, pk=agreement_id)
    events = agreement.events.select_related("agreement").order_by("-order_key", "-id")
    return _json({**agreement_record(agreement), "events": [event_record(e) for e in events]})


# --- agencies -------------------------------------------------------------------------------------------


class AgencyQuery(ListParams):
    state: str = choice(NAME_BY_CODE, "postal code")
    type: str = choice(TYPES, "county, municipality, state or unknown")
    status: list[str] = choices(
        STATUS_CHOICES,
        "the agency's status, the most current of its agreements' (active, else pending, else ended, else"
        f" withdrawn), or all; {STATUS_DEFAULT_TEXT}",
    )
    q: str = Field("", description="words in the agency name or county")


@router.get("/agencies", response=schemas.AgencyPage, url_name="portal_agencies")
@api_perm(Access.PUBLIC)
def list_agencies(request: HttpRequest, query: Query[AgencyQuery]) -> HttpResponse:
    """Agencies with their agreements, filtered like a state's page (/states/XX/) and its downloads, with
    the same default: with no `status`, the agencies with an active agreement (the dashboard's and the
    state pages' figure); `status=all` for every agency that ever had an agreement or a request."""
    params = {"state": [query.state], "type": [query.type], "status": query.status, "q": [query.q]}
    try:
        filters = AgencyFilters.parse(params)
    except FilterError as exc:
        raise invalid(exc.errors) from exc

    def rows(found: QuerySet[WithAnnotations[Agency, StatusAnnotation]]) -> list[dict[str, Any]]:
        agencies = list(found)
        geo = agency_geo([a.id for a in agencies])
        return [
            {
                "id": a.id, "state": a.state, "name": a.name, "type": a.type, "county": a.county,
                "ori": geo.get(a.id, {}).get("ori"), "county_fips": geo.get(a.id, {}).get("county_fips", []),
                "agreements": [{"id": x.id, "model": x.model, "status": x.status} for x in a.agreements.all()],
                "status": a.agency_status,
            }
            for a in agencies
        ]  # fmt: skip

    return _json(page(request, filters.queryset().prefetch_related("agreements"), query, rows))


@router.get("/agencies/{agency_id}", response=schemas.AgencyDetail, url_name="portal_agency")
@api_perm(Access.PUBLIC)
def get_agency(request: HttpRequest, agency_id: Path[str]) -> HttpResponse:
    """An agency, its agreements and every event of its history (the JSON twin of its page)."""
    agency = Agency.objects.filter(pk=agency_id).first()
    if agency is None:
        now = current_id(agency_id)  # an id from before a spelling fix or a merge
        if now is None:
            raise Http404("No such agency.")
        return HttpResponsePermanentRedirect(reverse("api:portal_agency", args=[now]))
    identity = agency_identity(agency)
    geo = {"ori": identity.get("ori"), "county_fips": identity.get("county_fips", [])}
    return _json({
        "id": agency.id, "state": agency.state, "name": agency.name, "type": agency.type,
        "county": agency.county, **geo,
        "identity": {
            "status": identity["status"] or "unmatched", "reason": identity.get("reason", ""),
            "decision": identity.get("decision", ""), "ori": geo["ori"], "ori_name": identity.get("ori_name", ""),
            "population": identity.get("population"), "officers": identity.get("officers"),
            "data_year": identity.get("data_year"), "county_fips": geo["county_fips"],
            "counties": identity["counties"], "county_source": identity.get("county_source", ""),
        },
        "agreements": [agreement_record(a, geo) for a in queries.agency_agreements(agency)],
        "events": [event_record(e) for e in queries.agency_events(agency)],
        "source": queries.source(registry_queries.latest_snapshot()),
    })  # fmt: skip


# --- events ---------------------------------------------------------------------------------------------


class EventQuery(ListParams):
    state: str = choice(NAME_BY_CODE, "postal code")
    agency: str = Field("", description="an agency id")
    agreement: str = Field("", description="an agreement id")
    kind: list[str] = choices(EventKind.values, "kinds of event")
    from_: IsoDate | None = Field(None, alias="from", description="on or after (YYYY-MM-DD)")
    to: IsoDate | None = Field(None, description="on or before (YYYY-MM-DD)")


@router.get("/events", response=schemas.EventPage, url_name="portal_events")
@api_perm(Access.PUBLIC)
def list_events(request: HttpRequest, query: Query[EventQuery]) -> HttpResponse:
    """Events (listed, signed, removed, MOA posted, …) newest first, each with the list that showed it."""
    qs = Event.objects.select_related("agreement").order_by("-order_key", "agreement_id", "-id")
    errors: dict[str, str] = {}
    if query.state:
        if query.state.upper() not in NAME_BY_CODE:
            errors["state"] = f"unknown state {query.state!r}"
        qs = qs.filter(agreement__state=query.state.upper())
    if query.agency:
        qs = qs.filter(agreement__agency_id=query.agency)
    if query.agreement:
        qs = qs.filter(agreement_id=query.agreement)
    kinds = [k for v in query.kind for k in v.split(",") if k]
    bad = [k for k in kinds if k not in EventKind.values]
    if bad:
        errors["kind"] = f"unknown kind {', '.join(bad)}; expected one of {', '.join(EventKind.values)}"
    if kinds:
        qs = qs.filter(kind__in=kinds)
    if query.from_ and query.to and query.from_ > query.to:
        errors["to"] = "the end date is before the start date"
    if query.from_:
        qs = qs.filter(date__gte=query.from_)
    if query.to:
        qs = qs.filter(date__lte=query.to)
    if errors:
        raise invalid(errors)
    return _json(page(request, qs, query, lambda found: [event_record(e) for e in found]))


# --- snapshots ------------------------------------------------------------------------------------------


class SnapshotQuery(ListParams):
    kind: str = choice(["participating", "pending"], "the kind of list")


@router.get("/snapshots", response=schemas.SnapshotPage, url_name="portal_snapshots")
@api_perm(Access.PUBLIC)
def list_snapshots(request: HttpRequest, query: Query[SnapshotQuery]) -> HttpResponse:
    """Every ICE list imported, newest first, with its checksum and the importer's warnings."""
    if query.kind not in {"", "participating", "pending"}:
        raise invalid({"kind": "expected participating or pending"})
    qs = Snapshot.objects.order_by("-order_key")
    if query.kind:
        qs = qs.filter(kind=query.kind)
    return _json(page(request, qs, query, lambda found: [snapshot_record(s) for s in found]))


@router.get("/snapshots/{key}", response=schemas.SnapshotDetail, url_name="portal_snapshot")
@api_perm(Access.PUBLIC)
def get_snapshot(request: HttpRequest, key: Path[str]) -> HttpResponse:
    """One list and the agreements it showed, as normalized rows."""
    snapshot = get_object_or_404(Snapshot, order_key=key)
    return _json({**snapshot_record(snapshot), "rows": snapshot_rows(snapshot)})


# --- figures --------------------------------------------------------------------------------------------


@router.get("/stats", response=schemas.Stats, url_name="portal_stats")
@api_perm(Access.PUBLIC)
def get_stats(request: HttpRequest, as_of: IsoDate | None = None) -> HttpResponse:
    """The program as of the end of a date (default today), from the lists ICE had published by then."""
    return _json(registry_queries.stats(as_of or timezone.localdate()))


@router.get("/timeseries", response=list[schemas.SeriesPoint], url_name="portal_timeseries")
@api_perm(Access.PUBLIC)
def get_timeseries(request: HttpRequest, state: StateCode = "") -> HttpResponse:
    """Agreements listed on each publication date, by model (the day's last list): a series for a chart,
    not a list of records, so it is not paged."""
    return _json(registry_queries.timeseries(_state_param(state) if state else None))


@router.get("/changes", response=schemas.Changes, by_alias=True, url_name="portal_changes")
@api_perm(Access.PUBLIC)
def get_changes(
    request: HttpRequest,
    start: IsoDate | None = Query(None, alias="from", description="YYYY-MM-DD; default a week before `to`"),  # noqa: B008
    end: IsoDate | None = Query(None, alias="to", description="YYYY-MM-DD; default the newest list's date"),  # noqa: B008
) -> HttpResponse:
    """Agreements added, removed and changed between the lists in force at two dates."""
    default_start, default_end = queries.default_change_range()
    start, end = start or default_start, end or default_end
    if start > end:
        raise invalid({"to": "the end date is before the start date"})
    return _json(change_lists.between(start, end))


@router.get("/growth", response=schemas.Growth, by_alias=True, url_name="portal_growth")
@api_perm(Access.PUBLIC)
def get_growth(
    request: HttpRequest,
    start: IsoDate = Query(  # noqa: B008
        queries.DEFAULT_BASELINE, alias="from", description="YYYY-MM-DD; default 2025-01-20"
    ),
    end: IsoDate | None = Query(None, alias="to", description="YYYY-MM-DD; default the newest list's date"),  # noqa: B008
) -> HttpResponse:
    """Agreements on the participating lists in force at two dates, the change and the percent change
    (None when there were none at the start), each figure with the list it comes from."""
    latest = registry_queries.latest_snapshot()
    end = end or (latest.date if latest else timezone.localdate())
    if start > end:
        raise invalid({"to": "the end date is before the start date"})
    return _json(queries.growth(start, end))


@router.get("/states", response=schemas.StatePage, url_name="portal_states")
@api_perm(Access.PUBLIC)
def list_states(request: HttpRequest, query: Query[ListParams]) -> HttpResponse:
    """Every state and territory with agreements on the newest list."""
    return _json(page(request, list(queries.state_summaries().values()), query))


class StateQuery(Schema):
    status: list[str] = choices(
        STATUS_CHOICES,
        f"the statuses of the agencies in `agency_list`, as /api/agencies; {STATUS_DEFAULT_TEXT}",
    )


@router.get("/states/{code}", response=schemas.StateDetail, url_name="portal_state")
@api_perm(Access.PUBLIC)
def get_state(request: HttpRequest, code: Path[str], query: Query[StateQuery]) -> HttpResponse:
    """A state's figures, its series over time and its agencies (the JSON twin of its page, with the same
    `status`): `agency_list` holds the agencies with an active agreement unless `status` says otherwise,
    as many as `agencies` counts; `agencies_listed` counts every agency ever listed (`status=all`)."""
    code = _state(code)
    try:
        filters = AgencyFilters.parse({"status": query.status})
    except FilterError as exc:
        raise invalid(exc.errors) from exc
    detail = queries.state_detail(code)
    return _json({
        **detail,
        "agencies_listed": queries.agencies_listed(code),
        "agency_list": queries.state_agencies(detail, filters),
    })  # fmt: skip


@router.get("/measures", response=schemas.Measures, url_name="portal_measures")
@api_perm(Access.PUBLIC)
def get_measures(
    request: HttpRequest,
    as_of: IsoDate | None = None,
    state: StateCode = "",
) -> HttpResponse:
    """Coverage of the agencies on the participating list in force at the end of `as_of` (default: the
    newest list): population they serve, their share of sworn officers, the counties with an agreement
    (FIPS -> agreements there), nationally and per state (`state` keeps one)."""
    data = coverage.coverage(as_of)
    if state:
        code = _state_param(state)
        empty = {"state": code, "name": NAME_BY_CODE[code], "agencies": 0, "agencies_with_ori": 0,
                 "population_served": 0, "officers": 0, "state_officers": 0, "officer_share": None, "counties": 0}  # fmt: skip
        data = {
            **data,
            "states": {code: data["states"].get(code, empty)},
            "county_agreements": coverage.state_counties(data, code),
        }
    return _json(data)


@router.get("/dashboard", response=schemas.Dashboard, url_name="portal_dashboard")
@api_perm(Access.PUBLIC)
def get_dashboard(request: HttpRequest, since: IsoDate = queries.DEFAULT_BASELINE) -> HttpResponse:
    """The dashboard's figures: totals, growth since `since`, the series, states and latest events."""
    return _json(queries.dashboard(since))
