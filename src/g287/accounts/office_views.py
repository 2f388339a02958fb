"""Staff pages of the accounts app: the office home, API tokens, the audit log."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from g287.accounts import auditlog
from g287.accounts.bad_filter import bad_filter
from g287.accounts.decorators import Access, office_view
from g287.accounts.forms import TokenForm
from g287.accounts.models import ApiToken
from g287.accounts.roles import Perm, perms_of, role_of
from g287.accounts.scoping import scope_of
from g287.accounts.tokens import create_token, revoke_token
from g287.core.audit import verify_chain
from g287.core.filters import FilterError
from g287.office.queue import queue_for


@office_view(Access.SIGNED_IN)
def home(request: HttpRequest) -> HttpResponse:
    profile = getattr(request.user, "profile", None)
    return render(
        request,
        "accounts/home.html",
        {
            "role": role_of(request.user),
            "profile": profile,
            "scope": scope_of(request.user),
            "allowed": {perm.value for perm in perms_of(request.user)},
            "queue": queue_for(request.user) if role_of(request.user) else [],
        },
    )


@office_view(Access.SIGNED_IN)
def tokens(request: HttpRequest) -> HttpResponse:
    new_raw = None
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            try:
                made = create_token(
                    request.user,
                    form.cleaned_data["name"],
                    form.cleaned_data["scope"],
                    form.cleaned_data["days"],
                )
            except ValueError as exc:
                form.add_error(None, str(exc))
            else:
                new_raw = made.raw
                form = TokenForm()
    else:
        form = TokenForm()
    mine = ApiToken.objects.filter(user_id=request.user.pk or 0)
    context = {"form": form, "tokens": mine, "new_raw": new_raw}
    return render(request, "accounts/tokens.html", context, status=400 if form.errors else 200)


@require_POST
@office_view(Access.SIGNED_IN)
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    try:
        token = revoke_token(request.user, token_id)
    except ApiToken.DoesNotExist:
        raise Http404("No such token among yours.") from None
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("office:tokens")


@office_view(Perm.AUDIT_VIEW)
def audit_log(request: HttpRequest) -> HttpResponseBase:
    try:
        flt = auditlog.AuditFilter.parse(request.GET)
    except FilterError as exc:
        return bad_filter(request, exc)
    queryset = auditlog.entries(flt)
    if request.GET.get("format") == "csv":
        response = StreamingHttpResponse(auditlog.csv_rows(queryset), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="g287-audit-log.csv"'
        return response
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/audit_log.html",
        {
            "page": page,
            "filter": flt,
            "choices": auditlog.choices(),
            "query": query.urlencode(),
            "problem": verify_chain() if request.GET.get("verify") == "1" else None,
            "verified": request.GET.get("verify") == "1",
        },
    )
