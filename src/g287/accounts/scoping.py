"""The one scoping mechanism. Every query for non-public data starts from `Model.objects.for_user(user)`
(or `restrict()`), so an object outside the user's scope is simply not found: 404 in pages and API
alike. Writes run inside `scoped_write()`, which rolls back any write that leaves an object out of the
writer's scope."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, Self, TypeVar

from django.db import models, transaction
from django.http import Http404

from g287.accounts.models import Role
from g287.accounts.roles import role_of
from g287.registry.models import Agency

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Scope:
    everything: bool = False
    states: frozenset[str] | None = None
    agency_id: str | None = None

    @property
    def nothing(self) -> bool:
        return not self.everything and self.states is None and self.agency_id is None

    def covers(self, agency: Agency) -> bool:
        if self.everything:
            return True
        if self.states is not None:
            return agency.state in self.states
        return self.agency_id is not None and agency.pk == self.agency_id


NOTHING = Scope()


def scope_of(user: Any) -> Scope:
    role = role_of(user)
    if role in (Role.PROGRAM_ADMIN, Role.PROGRAM_REVIEWER, Role.AUDITOR):
        return Scope(everything=True)
    profile = getattr(user, "profile", None)
    if role == Role.FIELD_SUPERVISOR and profile is not None and profile.field_office is not None:
        return Scope(states=frozenset(profile.field_office.states))
    if role == Role.AGENCY_ADMIN and profile is not None and profile.agency_id:
        return Scope(agency_id=profile.agency_id)
    return NOTHING


def restrict(queryset: models.QuerySet[M], user: Any, agency_path: str) -> models.QuerySet[M]:
    """Filters `queryset` to the user's scope. `agency_path` leads from the model to its Agency
    ("agency", "officer__agency"; "" for Agency itself)."""
    scope = scope_of(user)
    if scope.everything:
        return queryset
    prefix = f"{agency_path}__" if agency_path else ""
    if scope.states is not None:
        return queryset.filter(**{f"{prefix}state__in": sorted(scope.states)})
    if scope.agency_id is not None:
        return queryset.filter(**{f"{prefix}pk": scope.agency_id})
    return queryset.none()


class ScopedQuerySet(models.QuerySet[M], Generic[M]):
    """Base queryset for models that belong to an agency. Subclasses set `agency_path`."""

    agency_path: str = "agency"

    def for_user(self, user: Any) -> Self:
        return restrict(self, user, self.agency_path)  # type: ignore[return-value]


def agencies_for(user: Any) -> models.QuerySet[Agency]:
    return restrict(Agency.objects.all(), user, "")


def get_in_scope(queryset: models.QuerySet[M], user: Any, **lookup: Any) -> M:
    """The object, if the user may see it; 404 otherwise, the same answer as for one that does not
    exist, so scope never leaks whether another agency's object exists."""
    if not isinstance(queryset, ScopedQuerySet):
        raise TypeError("get_in_scope needs a ScopedQuerySet; for agencies use agency_in_scope()")
    scoped = queryset.for_user(user)
    try:
        return scoped.get(**lookup)
    except (scoped.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(f"No {scoped.model._meta.verbose_name} matches the given query.") from exc


def agency_in_scope(user: Any, agency_id: str) -> Agency:
    try:
        return agencies_for(user).get(pk=agency_id)
    except Agency.DoesNotExist as exc:
        raise Http404(f"No agency {agency_id!r} in your scope.") from exc


class OutOfScope(Http404):
    """A write would leave the object outside the writer's scope; the transaction is rolled back."""


@contextmanager
def scoped_write(user: Any) -> Iterator["WriteGuard"]:
    """Runs a write in a transaction; every object passed to `guard.check()` must still be in the
    user's scope when the block ends, or everything in the block is rolled back."""
    guard = WriteGuard(user)
    with transaction.atomic():
        yield guard
        guard.verify()


class WriteGuard:
    def __init__(self, user: Any) -> None:
        self.user = user
        self._objects: list[models.Model] = []

    def check(self, obj: models.Model) -> None:
        self._objects.append(obj)

    def verify(self) -> None:
        for obj in self._objects:
            manager = type(obj)._default_manager
            queryset = manager.all()
            if not isinstance(queryset, ScopedQuerySet):
                raise TypeError(f"{type(obj).__name__} has no scoped queryset")
            if not queryset.for_user(self.user).filter(pk=obj.pk).exists():
                raise OutOfScope(f"No {obj._meta.verbose_name} matches the given query.")


class SystemUser:
    """The console: commands run by whoever can run them on the server act with full read scope."""

    is_authenticated = True
    is_active = True
    is_superuser = True
    pk = None

    def get_username(self) -> str:
        return "system"


SYSTEM = SystemUser()
