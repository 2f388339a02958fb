"""The one scoping mechanism (g287.accounts.scoping): each role's scope, what a scoped query finds, the
404 that never says whether another agency's object exists, and the write that is rolled back when it
leaves the writer's scope."""

from types import SimpleNamespace
from typing import Any

import pytest
from django.http import Http404

from g287.accounts.models import Role
from g287.accounts.scoping import (
    NOTHING,
    SYSTEM,
    OutOfScope,
    Scope,
    agencies_for,
    agency_in_scope,
    get_in_scope,
    restrict,
    scope_of,
    scoped_write,
)
from g287.officers.models import Certification, Officer
from g287.registry.models import Agency
from tests.accounts.fixtures import IN_AGENCY, OUT_AGENCY, World


def test_each_role_has_its_scope(world: World) -> None:
    users = world.users
    for name in ("program_admin", "program_reviewer", "auditor"):
        assert scope_of(users[name]) == Scope(everything=True), name
    houston = scope_of(users["fs_in"])
    assert houston.states is not None and "TX" in houston.states and "FL" not in houston.states
    assert (houston.everything, houston.agency_id) == (False, None)
    assert scope_of(users["aa_in"]) == Scope(agency_id=IN_AGENCY)
    for name in ("anonymous", "no_role"):
        assert scope_of(users[name]) is NOTHING and NOTHING.nothing
    assert scope_of(SYSTEM) == Scope(everything=True)  # the console: a superuser without a profile


def test_a_supervisor_without_an_office_or_an_admin_without_an_agency_sees_nothing(world: World) -> None:
    """The database forbids such profiles (profile_scope_matches_role); scoping still fails closed."""
    for role in (Role.FIELD_SUPERVISOR, Role.AGENCY_ADMIN):
        profile = SimpleNamespace(role=role, field_office=None, agency_id=None)
        user = SimpleNamespace(is_authenticated=True, is_active=True, is_superuser=False, profile=profile)
        assert scope_of(user) is NOTHING
        assert not agencies_for(user).exists() and not Officer.objects.for_user(user).exists()


def test_covers_each_kind_of_scope(world: World) -> None:
    assert Scope(everything=True).covers(world.b) and not Scope(everything=True).nothing
    assert Scope(states=frozenset({"TX"})).covers(world.a)
    assert not Scope(states=frozenset({"TX"})).covers(world.b)
    assert not Scope(states=frozenset()).covers(world.a) and not Scope(states=frozenset()).nothing
    assert Scope(agency_id=IN_AGENCY).covers(world.a) and not Scope(agency_id=IN_AGENCY).covers(world.b)
    assert not Scope(agency_id=IN_AGENCY).nothing
    assert not NOTHING.covers(world.a)


@pytest.mark.parametrize(
    ("user", "agencies"),
    [
        ("program_admin", {IN_AGENCY, OUT_AGENCY}),
        ("fs_in", {IN_AGENCY}),
        ("fs_out", {OUT_AGENCY}),
        ("aa_in", {IN_AGENCY}),
        ("aa_out", {OUT_AGENCY}),
        ("anonymous", set()),
    ],
)
def test_scoped_queries_find_the_scope_only(world: World, user: str, agencies: set[str]) -> None:
    who = world.users[user]
    # The shipped registry is loaded too: look at the world's two agencies.
    assert {a.pk for a in agencies_for(who).filter(pk__in=[IN_AGENCY, OUT_AGENCY])} == agencies
    assert {o.agency_id for o in Officer.objects.for_user(who)} == agencies
    # Through a longer path: certifications belong to an agency through their officer.
    certified = restrict(Certification.objects.all(), who, "officer__agency")
    assert {c.officer.agency_id for c in certified} == agencies


def test_out_of_scope_is_the_same_404_as_missing(world: World) -> None:
    aa = world.users["aa_in"]
    assert get_in_scope(Officer.objects.all(), aa, pk=world.officer_a.pk) == world.officer_a
    for lookup in ({"pk": world.officer_b.pk}, {"pk": 10**9}, {"pk": "not-a-number"}):
        with pytest.raises(Http404) as caught:
            get_in_scope(Officer.objects.all(), aa, **lookup)
        assert str(caught.value) == "No officer matches the given query."
    with pytest.raises(
        TypeError, match=r"^get_in_scope needs a ScopedQuerySet; for agencies use agency_in_scope\(\)$"
    ):
        get_in_scope(Agency.objects.all(), aa, pk=IN_AGENCY)  # type: ignore[type-var]


def test_agency_in_scope_names_the_agency(world: World) -> None:
    assert agency_in_scope(world.users["aa_in"], IN_AGENCY) == world.a
    with pytest.raises(Http404) as caught:
        agency_in_scope(world.users["aa_in"], OUT_AGENCY)
    assert str(caught.value) == f"No agency {OUT_AGENCY!r} in your scope."


def test_a_write_that_leaves_the_scope_is_rolled_back(world: World) -> None:
    aa = world.users["aa_in"]
    officer = world.officer_a
    with pytest.raises(OutOfScope) as caught, scoped_write(aa) as guard:
        Officer.objects.filter(pk=officer.pk).update(given_name="Moved")
        officer.agency = world.b
        officer.save()
        guard.check(officer)
    assert str(caught.value) == "No officer matches the given query."
    officer.refresh_from_db()
    assert (officer.agency_id, officer.given_name) == (IN_AGENCY, "Ann")
    with scoped_write(aa) as guard:  # within scope: kept
        officer.given_name = "Anne"
        officer.save()
        guard.check(officer)
    officer.refresh_from_db()
    assert officer.given_name == "Anne"


def test_the_guard_refuses_objects_without_a_scope(world: World) -> None:
    with (
        pytest.raises(TypeError, match=r"^Agency has no scoped queryset$"),
        scoped_write(world.users["program_admin"]) as guard,
    ):
        guard.check(world.a)


def test_the_console_user(world: Any) -> None:
    assert (SYSTEM.is_authenticated, SYSTEM.is_active, SYSTEM.is_superuser, SYSTEM.pk) == (
        True,
        True,
        True,
        None,
    )
    assert SYSTEM.get_username() == "system"
