"""The public pages. Each reads its parameters, asks portal.queries, and either renders a template or,
with ?format=csv|xlsx|json, returns the same list as a download (the filters kept)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from django.core.cache import cache
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotFound,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy, pgettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from g287.core.audit_head import head_info
from g287.core.figures import shared
from g287.core.states import NAME_BY_CODE
from g287.portal import changes as change_lists
from g287.portal import coverage, public_db, queries
from g287.portal.exports import download, download_name
from g287.portal.filters import (
    ALL_STATUSES,
    MODELS,
    SCOPE_ALL,
    SCOPE_CHOSEN,
    STATUSES,
    TYPES,
    AgencyFilters,
    AgreementFilters,
    FilterError,
)
from g287.portal.geo_views import agency_identity, county_map_url
from g287.portal.maps import state_map_svg
from g287.portal.methodology import figures as methodology_figures
from g287.portal.params import MAX_PAGE, MAX_PER_PAGE, PER_PAGE, read_date, read_format, read_int
from g287.portal.records import (
    AGREEMENT_COLUMNS,
    EVENT_COLUMNS,
    SNAPSHOT_COLUMNS,
    agreement_record,
    agreement_records,
    event_record,
    snapshot_record,
)
from g287.portal.search import search
from g287.portal.statenames import local_state_name, local_states_sorted
from g287.registry.models import Agency, Snapshot
from g287.registry.queries import latest_snapshot, rows_at
from g287.registry.reconcile import current_id
from g287.registry.version import data_version, one_version

# Where base.html leaves the parts of a cached page that depend on the request, not on the lists: the
# language switch (this URL, a CSRF token) and the demo banner (demo data can come and go between imports).
LANGUAGE_SWITCH_MARK = "<!--g287:language-switch-->"
DEMO_BANNER_MARK = "<!--g287:demo-banner-->"


def _state_link(code: str) -> str:
    return reverse("portal:state", args=[code])


def _optional_date(request: HttpRequest, name: str, errors: dict[str, str]) -> date | None:
    """A date parameter that may be left out (None: the newest list)."""
    return read_date(request.GET, name, date.min, errors) if request.GET.get(name, "").strip() else None


def _day(source: dict[str, Any] | None) -> str | None:
    """The date of the list a download comes from, for its file name."""
    return source["date"] if source else None


def _bad_request(request: HttpRequest, errors: dict[str, str]) -> HttpResponse:
    return render(request, "portal/error.html", {"errors": errors}, status=400)


@require_safe
@one_version
def dashboard(request: HttpRequest) -> HttpResponse:
    errors: dict[str, str] = {}
    since = read_date(request.GET, "since", queries.DEFAULT_BASELINE, errors)
    as_of = _optional_date(request, "as_of", errors)
    until = _optional_date(request, "until", errors)
    fmt = read_format(request.GET, errors)
    if not errors and until is not None and until < since:
        errors["until"] = _("the end date is before the start date")
    if errors:
        return _bad_request(request, errors)
    data = queries.dashboard(since)
    reach = coverage.coverage(as_of)
    if fmt:
        rows = [
            {"state": c, "name": NAME_BY_CODE.get(c, c), "agreements": n} for c, n in data["by_state"].items()
        ]
        name = download_name("g287-states", (), _day(data["source"]))
        return download(fmt, rows, ("state", "name", "agreements"), name, {"dashboard": data})
    # The page only changes with the lists imported, so it is rendered once per (lists, baseline date,
    # language): rendering its chart table and map costs more than everything else in the request.
    refs = (data["source"], data["pending_source"], data["baseline"]["source"], reach["source"])
    html_key = ":".join(
        ["portal:dashboard-html4", *(r["key"] if r else "-" for r in refs), data["since"],
         reach["as_of"] or "-", data_version(), get_language(), str(until or "-")]
    )  # fmt: skip

    def render_page() -> str:
        title = _("Agreements by state")
        context = {
            "data": data,
            "map_svg": state_map_svg(
                data["by_state"], _state_link, title, unit=(_("agreement"), _("agreements"))
            ),
            "series": data["series"],
            "pending_series": queries.pending_series(),
            "milestones": _milestones(),
            "compare": queries.growth(since, until or _newest_date(data)),
            "until": until,
            "models": MODELS,
            "reach": reach,
            "reach_top": _top_reach(reach),
            "county_map_url": county_map_url(as_of),
            "defer_per_request": True,
        }
        return render_to_string("portal/dashboard.html", context, request)

    html = cache.get(html_key)
    if html is None and not request.GET:
        # The page everyone opens is shared by every server process, like its figures (other dates'
        # pages stay in this process's cache: there are as many of them as dates).
        html = shared(f"html:dashboard:{get_language()}", data_version(), render_page)
    elif html is None:
        html = render_page()
    cache.set(html_key, html)
    # The language switch (this request's URL and CSRF token) and the demo banner are never taken from
    # the cache: the cached page holds markers in their place.
    switch = render_to_string("portal/_language.html", {}, request)
    banner = render_to_string("core/_demo_banner.html", {}, request)
    return HttpResponse(html.replace(LANGUAGE_SWITCH_MARK, switch, 1).replace(DEMO_BANNER_MARK, banner, 1))


def _newest_date(data: dict[str, Any]) -> date:
    return date.fromisoformat(data["source"]["date"]) if data["source"] else date.today()


_MILESTONE_LABELS = {
    "inauguration": gettext_lazy("New administration"),
    "incentives": gettext_lazy("Incentives for agencies from"),
}


def _milestones() -> list[dict[str, str]]:
    return [{"date": day, "label": f"{_MILESTONE_LABELS[key]} {day}"} for day, key in queries.MILESTONES]


def _top_reach(reach: dict[str, Any], n: int = 10) -> list[dict[str, Any]]:
    """States by population served, largest first."""
    rows = sorted(reach["states"].values(), key=lambda s: (-s["population_served"], s["state"]))
    return rows[:n]


_FACET_TITLES = {"state": gettext_lazy("State"), "model": gettext_lazy("Model"), "type": gettext_lazy("Type"),
                 "status": pgettext_lazy("agreement", "Status")}  # fmt: skip


def _facet_links(filters: AgreementFilters) -> list[dict[str, Any]]:
    """Each facet's values with their counts and the URL that selects them (a selected value's URL
    clears it), so the template needs no logic per facet. Clearing the status shows every status:
    no status at all means the default, the active agreements."""
    out = []
    for name, counts in queries.facets(filters).items():
        chosen = () if (name == "status" and filters.scope == SCOPE_ALL) else getattr(filters, name)
        values = []
        for value, count in counts:
            selected = value in chosen
            cleared = ALL_STATUSES if name == "status" else None
            query = filters.querystring(**{name: cleared if selected else value, "page": None})
            values.append({"value": value, "count": count, "selected": selected, "url": f"?{query}"})
        out.append({"name": name, "title": _FACET_TITLES[name], "values": values})
    return out


def _with_query(path: str, query: str) -> str:
    return f"{path}?{query}" if query else path


def _agreement_file_parts(filters: AgreementFilters) -> list[str]:
    parts = [*filters.state, *filters.model, *filters.type]
    if filters.scope == SCOPE_ALL:
        parts.append("all-statuses")
    elif filters.scope == SCOPE_CHOSEN:
        parts.extend(filters.status)
    if filters.signed_from or filters.signed_to:
        parts.append(f"signed-{filters.signed_from or ''}-to-{filters.signed_to or ''}")
    if filters.q:
        parts.append(filters.q.lower())
    return parts


@require_safe
def agreements(request: HttpRequest) -> HttpResponse:
    errors: dict[str, str] = {}
    try:
        filters = AgreementFilters.parse(request.GET)
    except FilterError as exc:
        errors.update(exc.errors)
        filters = AgreementFilters()
    page_number = read_int(request.GET, "page", 1, 1, MAX_PAGE, errors)
    per_page = read_int(request.GET, "per_page", PER_PAGE, 1, MAX_PER_PAGE, errors)
    fmt = read_format(request.GET, errors)
    if errors:
        return _bad_request(request, errors)
    latest = latest_snapshot()
    qs = filters.queryset()
    if fmt:
        records = agreement_records(qs)
        meta = {"source": queries.source(latest), "filters": filters.params()}
        name = download_name("g287-agreements", _agreement_file_parts(filters), _day(meta["source"]))
        return download(fmt, records, AGREEMENT_COLUMNS, name, meta)
    try:
        page = queries.paginate(qs, page_number, per_page)
    except queries.PageError as exc:
        raise Http404(str(exc)) from exc
    context = {
        "filters": filters,
        "page": page,
        "facets": _facet_links(filters),
        "scope": filters.scope,
        "all_url": "?" + filters.querystring(status=ALL_STATUSES, page=None),
        "active_url": _with_query(reverse("portal:agreements"), filters.querystring(status=None, page=None)),
        "source": queries.source(latest),
        "states": local_states_sorted(),
        "models": MODELS,
        "types": TYPES,
        "statuses": STATUSES,
        "per_page": per_page,
        "per_page_param": per_page if per_page != PER_PAGE else None,
        "api_url": reverse("api:portal_agreements") + ("?" + filters.querystring() if filters.active else ""),
    }
    return render(request, "portal/agreements.html", context)


@require_safe
def agency(request: HttpRequest, agency_id: str) -> HttpResponse:
    errors: dict[str, str] = {}
    fmt = read_format(request.GET, errors)
    if errors:
        return _bad_request(request, errors)
    item = Agency.objects.filter(pk=agency_id).first()
    if item is None:
        # An id from before ICE fixed a spelling, or before two records were found to be one agency.
        now = current_id(agency_id)
        if now is None:
            raise Http404("No such agency.")
        target = reverse("portal:agency", args=[now])
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)
    agreements_ = queries.agency_agreements(item)
    events = list(queries.agency_events(item))
    if fmt:
        records = [event_record(e) for e in events]
        identity = agency_identity(item)
        meta = {
            "agency": {
                "id": item.id,
                "name": item.name,
                "state": item.state,
                "type": item.type,
                "ori": identity.get("ori"),
                "county_fips": identity.get("county_fips", []),
            },
            "agreements": [agreement_record(a) for a in agreements_],
        }
        name = download_name(f"g287-{item.id}-events", (), _day(queries.source(latest_snapshot())))
        return download(fmt, records, EVENT_COLUMNS, name, meta)
    context = {
        "agency": item,
        "identity": agency_identity(item),
        "agreements": agreements_,
        "event_records": [event_record(e) for e in events],
        "source": queries.source(latest_snapshot()),
        "api_url": reverse("api:portal_agency", args=[item.id]),
    }
    return render(request, "portal/agency.html", context)


@require_safe
@one_version
def states(request: HttpRequest) -> HttpResponse:
    errors: dict[str, str] = {}
    fmt = read_format(request.GET, errors)
    if errors:
        return _bad_request(request, errors)
    sort = request.GET.get("sort", "agreements")
    if sort not in STATE_SORTS:
        return _bad_request(
            request, {"sort": _("expected one of %(allowed)s") % {"allowed": ", ".join(STATE_SORTS)}}
        )
    summaries = _ranked_states(sort)
    if fmt:
        records = [
            {
                "state": s["state"], "name": s["name"], "agreements": s["agreements"], "agencies": s["agencies"],
                **{m: s["by_model"][m] for m in MODELS},
                # Agreements whose TYPE ICE left blank count too, so the types add up to the total.
                **{f"type_{t}": s["by_type"].get(t, 0) for t in ("county", "municipality", "state", "unknown")},
            }
            for s in summaries
        ]  # fmt: skip
        for record, summary in zip(records, summaries, strict=True):
            record["officer_share"] = summary["officer_share"]
            record["agencies_unmatched"] = summary["unmatched"]
        columns = ("state", "name", "agreements", "agencies", *MODELS, "type_county", "type_municipality",
                   "type_state", "type_unknown", "officer_share", "agencies_unmatched")  # fmt: skip
        source = queries.source(latest_snapshot())
        return download(
            fmt, records, columns, download_name("g287-states", (), _day(source)), {"source": source}
        )
    context = {
        "summaries": summaries,
        "sort": sort,
        "source": queries.source(latest_snapshot()),
        "models": MODELS,
        "reach": coverage.coverage(None),
    }
    return render(request, "portal/states.html", context)


STATE_SORTS: tuple[str, ...] = ("agreements", "officer_share")


def _ranked_states(sort: str) -> list[dict[str, Any]]:
    """States with agreements, ranked by agreements or by the share of the state's sworn officers who
    work in participating agencies. The share counts only agencies matched to the FBI roster: with some
    unmatched it is a lower bound, and with none matched it is unknown (ranked last), never zero."""
    reach = coverage.coverage(None)["states"]
    rows = []
    for summary in queries.state_summaries().values():
        measure = reach.get(summary["state"], {})
        matched = measure.get("agencies_with_ori", 0)
        rows.append(
            {
                **summary,
                "officer_share": measure.get("officer_share") if matched else None,
                "officers": measure.get("officers") if matched else None,
                "state_officers": measure.get("state_officers"),
                "unmatched": summary["agencies"] - matched,
            }
        )
    if sort == "officer_share":
        rows.sort(key=lambda r: (r["officer_share"] is None, -(r["officer_share"] or 0), r["name"]))
    else:
        rows.sort(key=lambda r: (-r["agreements"], r["name"]))
    for rank, row in enumerate(rows, 1):
        row["rank"] = rank
    return rows


@require_safe
@one_version
def state(request: HttpRequest, code: str) -> HttpResponse:
    code = code.upper()
    if code not in NAME_BY_CODE:
        raise Http404(_("No state or territory has the code %(code)s.") % {"code": code})
    errors: dict[str, str] = {}
    try:
        filters = replace(AgencyFilters.parse(request.GET), state=(code,))
    except FilterError as exc:
        errors.update(exc.errors)
        filters = AgencyFilters(state=(code,))
    fmt = read_format(request.GET, errors)
    if errors:
        return _bad_request(request, errors)
    detail = queries.state_detail(code)
    agencies = queries.state_agencies(detail, filters)
    listed = queries.agencies_listed(code)
    if fmt:
        records = [
            {
                "id": a["id"], "name": a["name"], "type": a["type"], "county": a["county"], "ori": a["ori"],
                "county_fips": a["county_fips"],
                "agreements": ", ".join(f"{x['model']} ({x['status']})" for x in a["agreements"]),
                "status": a["status"],
            }
            for a in agencies
        ]  # fmt: skip
        columns = ("id", "name", "type", "county", "ori", "county_fips", "agreements", "status")
        name = download_name(f"g287-{code}-agencies", _status_parts(filters), _day(detail["source"]))
        figures = {k: v for k, v in detail.items() if k != "agency_list"}
        meta = {"state": {**figures, "agencies_listed": listed}, "filters": filters.params()}
        return download(fmt, records, columns, name, meta)
    reach = coverage.coverage(None)
    context = {
        **_state_tables(detail, agencies, filters),
        "detail": detail,
        "agencies_listed": listed,
        "shown": len(agencies),
        "scope": filters.scope,
        "all_url": "?" + filters.querystring(state=None, status=ALL_STATUSES) + "#agencies-h",
        "active_url": _with_query(
            reverse("portal:state", args=[code]), filters.querystring(state=None, status=None)
        )
        + "#agencies-h",
        "reach": reach,
        "reach_state": reach["states"].get(code),
        "county_map_url": county_map_url(None, code),
        "source": detail["source"],
        "series": detail["series"],
        "models": MODELS,
        "api_url": reverse("api:portal_agencies") + "?" + filters.querystring(),
    }
    return render(request, "portal/state.html", context)


def _status_parts(filters: AgencyFilters) -> list[str]:
    """What a download's file name says of the statuses it holds (nothing for the default)."""
    if filters.scope == SCOPE_ALL:
        return ["all-statuses"]
    return list(filters.status) if filters.scope == SCOPE_CHOSEN else []


def _state_tables(
    detail: dict[str, Any], agencies: list[dict[str, Any]], filters: AgencyFilters
) -> dict[str, str]:
    """A state page's two long tables (its agencies, and its series as figures), rendered once per data
    version, language and status asked (the default and `all`; other filters are rendered each time) and
    shared by every server process like the figures: rendering them is most of the page's time (~300
    rows and ~450 rows for the largest states)."""
    code, language, version = detail["state"], get_language() or "en", data_version()

    def render_rows() -> str:
        return render_to_string("portal/_state_agencies.html", {"agencies": agencies})

    if filters.scope != SCOPE_CHOSEN and not filters.type and not filters.q:
        rows = shared(f"html:state-agencies:{code}:{language}:{filters.scope}", version, render_rows)
    else:
        rows = render_rows()
    series = shared(
        f"html:state-series:{code}:{language}",
        version,
        lambda: render_to_string("portal/_series_table.html", {"series": detail["series"]}),
    )
    # Rendered by Django's templates, which escaped every value: safe to place as they are.
    return {"agency_rows": mark_safe(rows), "series_table": mark_safe(series)}


CHANGES_SHOWN = 100


@require_safe
def changes(request: HttpRequest) -> HttpResponse:
    errors: dict[str, str] = {}
    default_start, default_end = queries.default_change_range()
    start = read_date(request.GET, "from", default_start, errors)
    end = read_date(request.GET, "to", default_end, errors)
    if not errors and start > end:
        errors["to"] = _("the end date is before the start date")
    fmt = read_format(request.GET, errors)
    if errors:
        return _bad_request(request, errors)
    result = change_lists.between(start, end)
    if fmt and result["counts"] is None:
        # No list in force at the end date: nothing was compared, so no file (an empty one would read as
        # "no changes").
        message = _("No list had been published by %(day)s: there is nothing to compare.") % {"day": end}
        return HttpResponseNotFound(message, content_type="text/plain; charset=utf-8")
    if fmt:
        rows = change_lists.flat_rows(result)
        meta = {key: value for key, value in result.items() if key not in {"added", "removed", "changed"}}
        name, sheet = f"g287-changes-{start}-{end}", change_lists.sheet_title(start, end)
        return download(fmt, rows, change_lists.COLUMNS, name, meta, sheet)
    api_url = reverse("api:portal_changes") + f"?from={start}&to={end}"
    # A year's changes are ~1,000 rows (~400 KB): each list shows its first CHANGES_SHOWN rows and a link to
    # all of them; the totals above are always the whole range's, and the downloads hold every row.
    everything = request.GET.get("all") == "1"
    shown = {
        kind: result[kind] if everything else result[kind][:CHANGES_SHOWN]
        for kind in ("added", "removed", "changed")
    }
    all_url = f"{reverse('portal:changes')}?from={start}&to={end}&all=1"
    context = {
        "result": result,
        "shown": shown,
        "start": start,
        "end": end,
        "api_url": api_url,
        "all_url": all_url,
    }
    return render(request, "portal/changes.html", context)


@require_safe
def snapshots(request: HttpRequest) -> HttpResponse:
    errors: dict[str, str] = {}
    fmt = read_format(request.GET, errors)
    kind = request.GET.get("kind", "")
    if kind not in {"", "participating", "pending"}:
        errors["kind"] = _("expected participating or pending")
    if errors:
        return _bad_request(request, errors)
    qs = Snapshot.objects.order_by("-order_key")
    if kind:
        qs = qs.filter(kind=kind)
    items = list(qs)
    if fmt:
        name = download_name("g287-snapshots", (kind,), items[0].date.isoformat() if items else None)
        return download(fmt, [snapshot_record(s) for s in items], SNAPSHOT_COLUMNS, name, {})
    return render(
        request, "portal/snapshots.html", {"snapshots": items, "kind": kind, "audit_head": head_info()}
    )


SNAPSHOT_ROW_COLUMNS: tuple[str, ...] = (
    "agreement", "state", "model", "name", "type", "county", "signed", "moa", "moa_url", "addendum",
    "addendum_url",
)  # fmt: skip


def snapshot_rows(snapshot: Snapshot) -> list[dict[str, Any]]:
    rows = []
    for agreement, values in sorted(rows_at(snapshot).items()):
        rows.append(
            {
                "agreement": agreement,
                "agency_id": agreement.rsplit("#", 1)[0],
                "state": agreement[:2],
                "model": agreement.rsplit("#", 1)[1],
                "name": values.name,
                "type": values.type,
                "county": values.county,
                "signed": values.signed.isoformat() if isinstance(values.signed, date) else None,
                "moa": values.moa,
                "moa_url": values.moa_url,
                "addendum": values.addendum,
                "addendum_url": values.addendum_url,
            }
        )
    return rows


@require_safe
def snapshot(request: HttpRequest, key: str) -> HttpResponse:
    errors: dict[str, str] = {}
    fmt = read_format(request.GET, errors)
    if errors:
        return _bad_request(request, errors)
    item = get_object_or_404(Snapshot, order_key=key)
    rows = snapshot_rows(item)
    if fmt:
        meta = {"snapshot": snapshot_record(item)}
        return download(fmt, rows, SNAPSHOT_ROW_COLUMNS, f"g287-list-{item.date}-{item.kind}", meta)
    siblings = Snapshot.objects.filter(kind=item.kind)
    context = {
        "snapshot": item,
        "rows": rows,
        "previous": siblings.filter(order_key__lt=key).order_by("-order_key").first(),
        "next": siblings.filter(order_key__gt=key).order_by("order_key").first(),
        "api_url": reverse("api:portal_snapshot", args=[key]),
    }
    return render(request, "portal/snapshot.html", context)


@require_safe
def methodology(request: HttpRequest) -> HttpResponse:
    """How the registry is built, its known problems and its limits; one template per language, since
    it is prose rather than labels."""
    language = (get_language() or "en").split("-")[0]
    template = "portal/methodology_es.html" if language == "es" else "portal/methodology_en.html"
    return render(
        request, template, {"figures": methodology_figures(), "source": queries.source(latest_snapshot())}
    )


@require_safe
def find(request: HttpRequest) -> HttpResponse:
    """Find my county or agency. htmx asks for the results alone as the reader types; without
    JavaScript the form submits here and gets the whole page."""
    results = search(request.GET.get("q", ""))
    if getattr(request, "htmx", False):
        return render(request, "portal/_search_results.html", {"results": results})
    return render(request, "portal/search.html", {"results": results})


def _embed_context(request: HttpRequest, title: str, figures: dict[str, Any], series: list[dict[str, Any]],
                   source: dict[str, Any] | None, page_url: str) -> dict[str, Any]:  # fmt: skip
    return {
        "title": title,
        "figures": figures,
        "series": series,
        "source": source,
        # Absolute links: the embed is read on another site, and every link opens g287 in a new tab.
        "page_url": request.build_absolute_uri(page_url),
        "source_url": request.build_absolute_uri(reverse("portal:snapshot", args=[source["key"]]))
        if source
        else "",
        "method_url": request.build_absolute_uri(reverse("portal:methodology")),
    }


@xframe_options_exempt
@require_safe
def embed_program(request: HttpRequest) -> HttpResponse:
    """The program's figures and growth chart, small enough for an iframe on any site (the only pages,
    with the state embeds, that may be framed)."""
    data = queries.dashboard()
    figures = {"agreements": data["agreements"], "agencies": data["agencies"], "states": data["states"],
               "by_model": data["by_model"]}  # fmt: skip
    context = _embed_context(
        request,
        _("The 287(g) program today"),
        figures,
        data["series"],
        data["source"],
        reverse("portal:dashboard"),
    )
    return render(request, "portal/embed.html", context)


@xframe_options_exempt
@require_safe
def embed_state(request: HttpRequest, code: str) -> HttpResponse:
    code = code.upper()
    if code not in NAME_BY_CODE:
        raise Http404(_("No state or territory has the code %(code)s.") % {"code": code})
    detail = queries.state_detail(code)
    figures = {
        "agreements": detail["agreements"],
        "agencies": detail["agencies"],
        "by_model": detail["by_model"],
    }
    title = _("287(g) agreements in %(state)s") % {"state": local_state_name(code)}
    context = _embed_context(
        request, title, figures, detail["series"], detail["source"], reverse("portal:state", args=[code])
    )
    return render(request, "portal/embed.html", context)


@require_safe
def public_sqlite(request: HttpRequest) -> FileResponse:
    """The whole public registry as one SQLite file (built once per registry state)."""
    path = public_db.current_file()
    response = FileResponse(path.open("rb"), as_attachment=True, filename=public_db.FILENAME,
                            content_type="application/vnd.sqlite3")  # fmt: skip
    return response


@require_safe
def datapackage(request: HttpRequest) -> JsonResponse:
    """A Frictionless Data Package describing the CSV downloads and the SQLite file."""
    base = request.build_absolute_uri("/").rstrip("/")
    return JsonResponse(public_db.datapackage(base), json_dumps_params={"ensure_ascii": False, "indent": 1})
