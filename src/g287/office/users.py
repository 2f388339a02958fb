"""User management for the program office: create a user with a role and a scope, deactivate, send a
password reset, revoke API tokens. Only a role with Perm.USERS_MANAGE (the program office administrator) may;
every action is recorded in the audit log with who and what (never a password or a reset link).

A new user gets no password: they set one through the reset link sent to their address."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from g287.accounts.actor import actor_of
from g287.accounts.models import ApiToken, FieldOffice, Profile, Role
from g287.accounts.roles import Perm, require
from g287.core.audit import record
from g287.officers.rules import RuleViolation
from g287.registry.models import Agency

User = get_user_model()
SCOPED = {Role.AGENCY_ADMIN: "agency", Role.FIELD_SUPERVISOR: "field_office"}


@dataclass
class NewUser:
    username: str
    email: str
    role: str
    agency_id: str = ""
    field_office_id: str = ""


def _state(user: Any) -> dict[str, Any]:
    profile = Profile.objects.filter(user=user).first()
    return {
        "username": user.username,
        "email": user.email,
        "is_active": user.is_active,
        "role": profile.role if profile else None,
        "agency": profile.agency_id if profile else None,
        "field_office": profile.field_office_id if profile else None,
    }


def check_new(data: NewUser) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not data.username or len(data.username) > 150:
        errors["username"] = [_("Give a user name of at most 150 characters.")]
    elif User.objects.filter(username__iexact=data.username).exists():
        errors["username"] = [_("The user name “%(name)s” is taken.") % {"name": data.username}]
    if "@" not in data.email:
        errors["email"] = [
            _("Give an e-mail address: the new user sets a password through a link sent there.")
        ]
    if data.role not in Role.values:
        errors["role"] = [_("Choose a role.")]
    scope = SCOPED.get(Role(data.role)) if data.role in Role.values else None
    if scope == "agency" and not Agency.objects.filter(pk=data.agency_id).exists():
        errors["agency_id"] = [_("An agency administrator needs the agency they administer: choose it.")]
    if scope == "field_office" and not FieldOffice.objects.filter(pk=data.field_office_id).exists():
        errors["field_office_id"] = [_("A field office supervisor needs their field office: choose it.")]
    if scope != "agency" and data.agency_id:
        errors["agency_id"] = [
            _("Only an agency administrator is tied to one agency; leave the agency empty.")
        ]
    if scope != "field_office" and data.field_office_id:
        errors["field_office_id"] = [_("Only a field office supervisor has a field office; leave it empty.")]
    return errors


def create_user(by: Any, data: NewUser) -> Any:
    require(by, Perm.USERS_MANAGE)
    data = NewUser(
        data.username.strip(),
        data.email.strip(),
        data.role,
        data.agency_id.strip(),
        data.field_office_id.strip(),
    )
    errors = check_new(data)
    if errors:
        raise RuleViolation(errors)
    with transaction.atomic():
        user = User.objects.create_user(data.username, data.email, password=None)
        Profile.objects.create(
            user=user,
            role=data.role,
            agency_id=data.agency_id or None,
            field_office_id=data.field_office_id or None,
        )
        record("auth.user.create", "auth.User", user.pk, None, _state(user), actor=actor_of(by))
    return user


def _target(by: Any, user_id: int) -> Any:
    require(by, Perm.USERS_MANAGE)
    return User.objects.select_for_update().get(pk=user_id)


def deactivate(by: Any, user_id: int) -> Any:
    """The user can no longer sign in, and their API tokens stop working."""
    with transaction.atomic():
        user = _target(by, user_id)
        if user.pk == getattr(by, "pk", None):
            raise RuleViolation({"user": [_("You cannot deactivate your own account.")]})
        if not user.is_active:
            raise RuleViolation({"user": [_("%(name)s is already deactivated.") % {"name": user.username}]})
        before = _state(user)
        user.is_active = False
        user.save(update_fields=["is_active"])
        revoked = _revoke_all(user)
        record(
            "auth.user.deactivate",
            "auth.User",
            user.pk,
            before,
            {**_state(user), "tokens_revoked": revoked},
            actor=actor_of(by),
        )
    return user


def _revoke_all(user: Any) -> int:
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


def revoke_tokens(by: Any, user_id: int) -> int:
    with transaction.atomic():
        user = _target(by, user_id)
        count = _revoke_all(user)
        record(
            "auth.user.revoke_tokens",
            "auth.User",
            user.pk,
            None,
            {"username": user.username, "tokens_revoked": count},
            actor=actor_of(by),
        )
    return count


def send_password_reset(by: Any, user_id: int, request: HttpRequest | None = None) -> None:
    """Mails the user a link to set a new password (the same mail as the sign-in page's "forgot")."""
    with transaction.atomic():
        user = _target(by, user_id)
        if not user.is_active:
            raise RuleViolation(
                {"user": [_("%(name)s is deactivated: no reset link is sent.") % {"name": user.username}]}
            )
        if "@" not in (user.email or ""):
            raise RuleViolation(
                {"user": [_("%(name)s has no e-mail address to send the link to.") % {"name": user.username}]}
            )
        form = PasswordResetForm({"email": user.email})
        form.is_valid()
        # PasswordResetForm skips users without a usable password; a new user has none yet, so the
        # mail is sent to this one user directly.
        form.get_users = lambda email: iter([user])  # type: ignore[method-assign]
        form.save(
            request=request,
            domain_override=None if request is not None else "localhost",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
        )
        record(
            "auth.user.password_reset_sent",
            "auth.User",
            user.pk,
            None,
            {"username": user.username, "email": user.email},
            actor=actor_of(by),
        )
