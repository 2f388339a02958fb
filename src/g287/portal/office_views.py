"""The program office's screen for agencies' FBI identifiers: the agencies a person must decide on, and
for each, confirming the match found, choosing another ORI, clearing it, or handing it back to automatic
matching. Every change goes through g287.geo.services, which audits it; the CLI does the same.

Only program office administrators may use it: a link changes public figures (population served,
officer shares), which no other role is responsible for."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from g287.accounts.decorators import office_view
from g287.accounts.roles import Perm
from g287.geo import services
from g287.geo.models import AgencyLink, MatchStatus, OriRecord
from g287.portal.geo_views import agency_identity
from g287.registry.models import Agency

ACTIONS = ("confirm", "link", "unlink", "release")
PER_PAGE = 100


@office_view(Perm.REGISTRY_LINKS)
@require_http_methods(["GET", "HEAD"])
def link_queue(request: HttpRequest) -> HttpResponse:
    """Agencies by link status (default: those awaiting review), searchable by name or id."""
    status = request.GET.get("status", MatchStatus.REVIEW)
    if status not in {*MatchStatus.values, "all"}:
        status = MatchStatus.REVIEW
    q = request.GET.get("q", "").strip()[:200]
    links = AgencyLink.objects.select_related("agency", "ori").order_by("agency__state", "agency__name")
    if status != "all":
        links = links.filter(status=status)
    for word in q.split():
        links = links.filter(Q(agency__name__icontains=word) | Q(agency__id__icontains=word))
    page = Paginator(links, PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "status": status, "statuses": [*MatchStatus.values, "all"], "q": q}
    return render(request, "portal/staff/link_queue.html", context)


@office_view(Perm.REGISTRY_LINKS)
@require_http_methods(["GET", "HEAD", "POST"])
def link_agency(request: HttpRequest, agency_id: str) -> HttpResponse:
    """One agency's link: GET shows it with its candidates; POST carries out `action`."""
    agency = get_object_or_404(Agency, pk=agency_id)
    error = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        actor = request.user.get_username()
        try:
            if action == "confirm":
                services.confirm(agency.id, actor)
            elif action == "link":
                services.link(agency.id, request.POST.get("ori", ""), actor)
            elif action == "unlink":
                services.unlink(agency.id, actor)
            elif action == "release":
                services.release(agency.id, actor)
            else:
                raise services.GeoError(f"unknown action {action[:20]!r}")
        except services.GeoError as exc:
            error = str(exc)
        else:
            messages.success(request, f"{agency.name}: {action} done.")
            return HttpResponseRedirect(reverse("portal:staff_link", args=[agency.id]))
    same_state = OriRecord.objects.filter(state=agency.state).exclude(agency_type="Federal")
    context = {
        "agency": agency,
        "identity": agency_identity(agency),
        "error": error,
        "ori_count": same_state.count(),
    }
    return render(request, "portal/staff/link_agency.html", context, status=400 if error else 200)


@office_view(Perm.REGISTRY_IDENTITY)
@require_http_methods(["GET", "HEAD"])
def duplicate_queue(request: HttpRequest) -> HttpResponse:
    """Agencies that may be one, with the evidence: the queue `g287 agencies duplicates` prints. The
    program office decides with `g287 agencies merge` or `keep-apart` (both audited)."""
    from g287.registry.duplicates import candidates

    return render(request, "portal/staff/duplicates.html", {"pairs": [c.as_dict() for c in candidates()]})
