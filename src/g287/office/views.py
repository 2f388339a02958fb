"""/office/users/: the program office's user management. The one permission mechanism (accounts
roles, Cap.USERS) answers 403 to every other role; anonymous visitors go to the sign-in page."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from g287.accounts.decorators import office_view
from g287.accounts.roles import Cap
from g287.office import users
from g287.office.forms import NewUserForm
from g287.registry.models import Agency

User = get_user_model()


@office_view(Cap.USERS)
def user_list(request: HttpRequest) -> HttpResponse:
    people = (
        User.objects.select_related("profile", "profile__agency", "profile__field_office")
        .annotate(active_tokens=Count("api_tokens", filter=Q(api_tokens__revoked_at__isnull=True)))
        .order_by("-is_active", "username")
    )
    return render(request, "office/users.html", {"people": people})


@office_view(Cap.USERS)
def user_new(request: HttpRequest) -> HttpResponse:
    form = NewUserForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            made = users.create_user(
                request.user,
                users.NewUser(d["username"], d["email"], d["role"], d["agency_id"], d["field_office_id"]),
            )
            users.send_password_reset(request.user, made.pk, request)
        except ValidationError as exc:
            for name, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(name if name in form.fields else None, error)
        else:
            messages.success(
                request,
                _("User %(name)s created; a link to set a password was sent to %(email)s.")
                % {"name": made.username, "email": made.email},
            )
            return redirect("workbench:users")
    agencies = Agency.objects.order_by("state", "name").values_list("pk", "name", "state")
    return render(
        request,
        "office/user_new.html",
        {"form": form, "agencies": agencies},
        status=400 if form.errors else 200,
    )


def _act(request: HttpRequest, user_id: int, action: str) -> HttpResponse:
    target = get_object_or_404(User, pk=user_id)
    try:
        if action == "deactivate":
            users.deactivate(request.user, target.pk)
            messages.success(
                request, _("%(name)s deactivated; their API tokens were revoked.") % {"name": target.username}
            )
        elif action == "reset":
            users.send_password_reset(request.user, target.pk, request)
            messages.success(
                request, _("A password reset link was sent to %(email)s.") % {"email": target.email}
            )
        else:
            count = users.revoke_tokens(request.user, target.pk)
            messages.success(
                request,
                ngettext(
                    "%(count)d API token of %(name)s revoked.",
                    "%(count)d API tokens of %(name)s revoked.",
                    count,
                )
                % {"count": count, "name": target.username},
            )
    except ValidationError as exc:
        for errors in exc.message_dict.values():
            for error in errors:
                messages.error(request, error)
    return redirect("workbench:users")


@require_POST
@office_view(Cap.USERS)
def user_deactivate(request: HttpRequest, user_id: int) -> HttpResponse:
    return _act(request, user_id, "deactivate")


@require_POST
@office_view(Cap.USERS)
def user_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    return _act(request, user_id, "reset")


@require_POST
@office_view(Cap.USERS)
def user_revoke_tokens(request: HttpRequest, user_id: int) -> HttpResponse:
    return _act(request, user_id, "revoke")
