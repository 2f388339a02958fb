"""The portal's geography: the county maps (served on their own URL, since the national one is ~700 KB
and pages load it lazily) and what an agency page shows of its FBI identity."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from g287.core.states import NAME_BY_CODE
from g287.geo.counties import county_name
from g287.geo.models import AgencyLink, MatchStatus
from g287.portal import coverage
from g287.portal.countymap import state_county_map_svg
from g287.portal.maps import county_map_svg
from g287.portal.matchwords import explain
from g287.portal.statenames import local_state_name
from g287.registry.models import Agency

MAP_MAX_AGE = 600  # seconds a browser may keep a county map; the URL names its list and link state


def _unit() -> tuple[str, str]:
    """The noun of the maps' tooltips and legend, in the request's language."""
    return (_("agreement"), _("agreements"))


def county_map_url(as_of: date | None = None, state: str = "") -> str:
    """The county map's URL. It carries the list's key and the links' stamp, so a browser's cached
    copy is never one drawn from other data."""
    snapshot = coverage.snapshot_for(as_of)
    params = {"list": snapshot.order_key if snapshot else "-", "v": coverage.links_stamp()}
    if as_of:
        params["as_of"] = as_of.isoformat()
    if state:
        params["state"] = state
    language = get_language() or "en"
    if language != "en":
        # The map's words are in the page's language; the URL says which, so a browser's cached copy
        # in another language is not reused.
        params["lang"] = language
    return "/maps/counties.svg?" + urlencode(params)


def county_map_page_url(svg_url: str) -> str:
    """The same map inside the site's page (header, title, a way back), for the "open the map" link."""
    return svg_url.replace("/maps/counties.svg?", "/maps/counties/?", 1)


@require_safe
def county_map_page(request: HttpRequest) -> HttpResponse:
    """The county map as a page of the site, so a reader who opens it full size keeps the navigation."""
    found = _county_svg(request)
    if isinstance(found, HttpResponse):
        return found
    svg, state, source = found
    context = {
        "svg": mark_safe(svg),  # drawn by portal.maps from our own data, every text escaped there
        "state": state,
        "source": source,
        "as_of": request.GET.get("as_of", "").strip()[:10],
    }
    return render(request, "portal/county_map_page.html", context)


def _bad(message: str) -> HttpResponse:
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


def _county_svg(request: HttpRequest) -> tuple[str, str, dict[str, Any] | None] | HttpResponse:
    """The county map for the request's `as_of` and `state` (svg, state, source), or a 400 response."""
    raw_day = request.GET.get("as_of", "").strip()
    state = request.GET.get("state", "").strip().upper()
    try:
        day = date.fromisoformat(raw_day) if raw_day else None
    except ValueError:
        return _bad(_("%(value)s is not a date (YYYY-MM-DD)") % {"value": raw_day[:20]})
    if state and state not in NAME_BY_CODE:
        return _bad(_("No state or territory has the code %(code)s.") % {"code": state[:10]})
    data = coverage.coverage(day)
    source = data["source"]
    key = f"portal:county-svg:{source['key'] if source else '-'}:{coverage.links_stamp()}:{state}:{get_language()}"
    svg = cache.get(key)
    if svg is None:
        if state:
            title = _("Agreements by county, %(state)s") % {"state": local_state_name(state)}
            svg = str(state_county_map_svg(state, coverage.state_counties(data, state), title, unit=_unit()))
        else:
            svg = str(county_map_svg(data["county_agreements"], _("Agreements by county"), unit=_unit()))
        cache.set(key, svg)
    return svg, state, source


@require_safe
def county_map(request: HttpRequest) -> HttpResponse:
    """Counties shaded by the agreements of their agencies on the list in force `as_of` (default: the
    newest list); `state` crops to one state."""
    found = _county_svg(request)
    if isinstance(found, HttpResponse):
        return found
    svg = found[0]
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = f"public, max-age={MAP_MAX_AGE}"
    return response


_STATUS_TEXT: dict[str, Any] = {
    MatchStatus.MATCHED: gettext_lazy("matched"),
    MatchStatus.REVIEW: gettext_lazy("awaiting review"),
    MatchStatus.UNMATCHED: gettext_lazy("no FBI identifier found"),
}


def county_names(fips_codes: list[str]) -> list[str]:
    return [county_name(f) for f in fips_codes]


def agency_identity(agency: Agency) -> dict[str, Any]:
    """What the agency page shows of the FBI roster: ORI, population served, sworn officers, counties,
    and how the link was made (status, reason, a person's decision)."""
    link = AgencyLink.objects.select_related("ori").filter(pk=agency.pk).first()
    if link is None:
        return {"status": "", "status_text": _("not matched yet"), "counties": []}
    record = link.ori if link.status == MatchStatus.MATCHED else None
    identity: dict[str, Any] = {
        "status": link.status,
        "status_text": str(_STATUS_TEXT.get(link.status, link.status)),
        "reason": link.reason,
        "decision": link.decision,
        "decided_by": link.decided_by,
        "decided_at": link.decided_at,
        "ori": record.ori if record else None,
        "ori_name": record.name if record else "",
        "ori_type": record.agency_type if record else "",
        "population": record.population if record else None,
        "officers": record.officers if record else None,
        "data_year": record.data_year if record else None,
        "county_fips": list(link.county_fips),
        "counties": county_names(list(link.county_fips)),
        "county_source": link.county_source,
        "candidates": link.candidates if link.status == MatchStatus.REVIEW else [],
    }
    identity["explanation"] = explain(identity)
    return identity
