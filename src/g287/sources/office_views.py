"""The staff fetch log of ICE's lists under /office/sources/, and acknowledging a failed fetch."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from g287.accounts.decorators import office_view
from g287.accounts.roles import Perm, can
from g287.sources.attention import acknowledge, failed_fetches
from g287.sources.models import FetchRun, Retrieval
from g287.sources.status import last_runs, list_status


@office_view(Perm.SOURCES_VIEW)
@require_safe
def fetch_log(request: HttpRequest) -> HttpResponse:
    context = {
        **last_runs(),
        "runs": FetchRun.objects.order_by("-started_at", "-id")[:50],
        "retrievals": Retrieval.objects.select_related("file").order_by("-fetched_at", "-id")[:100],
        "attention": list(failed_fetches()),
        "status": list_status(),
        "can_act": can(request.user, Perm.SOURCES_ACKNOWLEDGE),
    }
    return render(request, "sources/fetch_log.html", context)


@office_view(Perm.SOURCES_ACKNOWLEDGE)
@require_POST
def acknowledge_run(request: HttpRequest, run_id: int) -> HttpResponse:
    run = get_object_or_404(FetchRun, pk=run_id, ok=False)
    acknowledge(run, f"user:{request.user.get_username()}")
    messages.success(
        request, _("Failed fetch of %(time)s acknowledged.") % {"time": f"{run.started_at:%Y-%m-%d %H:%M}"}
    )
    return redirect("sources:fetch_log")
