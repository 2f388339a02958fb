"""The accounts app's time limits at their edges, on a frozen clock and through the pages and the API
a person uses: the sign-in lockout window and the API token's life."""

from datetime import date, timedelta

from django.conf import settings
from django.test import Client
from django.urls import reverse

from g287.accounts.tokens import MAX_DAYS, create_token
from tests.accounts.fixtures import PASSWORD, World
from tests.clock import frozen

DAY = date(2026, 5, 12)
SECOND = timedelta(seconds=1)


def login(username: str, password: str) -> tuple[int, str]:
    response = Client().post(reverse("office:login"), {"username": username, "password": password})
    return response.status_code, response.content.decode()


def window() -> timedelta:
    return timedelta(minutes=settings.G287_LOGIN_LOCKOUT_MINUTES)


def test_lockout_lasts_the_window_and_no_longer(world: World) -> None:
    with frozen(DAY) as clock:
        for _ in range(settings.G287_LOGIN_FAILURE_LIMIT):
            assert login("aa-in", "wrong-password")[0] == 200
        clock.shift(window() - SECOND)
        status, page = login("aa-in", PASSWORD)
        assert status == 200 and "Too many failed sign-ins" in page and "Try again in 1 minute(s)" in page
        clock.shift(2 * SECOND)
        assert login("aa-in", PASSWORD)[0] == 302


def test_one_failure_short_of_the_limit_does_not_lock(world: World) -> None:
    with frozen(DAY):
        for _ in range(settings.G287_LOGIN_FAILURE_LIMIT - 1):
            login("aa-in", "wrong-password")
        assert login("aa-in", PASSWORD)[0] == 302


def test_failures_older_than_the_window_do_not_count(world: World) -> None:
    with frozen(DAY) as clock:
        for _ in range(settings.G287_LOGIN_FAILURE_LIMIT - 1):
            login("aa-in", "wrong-password")
        clock.shift(window() + SECOND)
        login("aa-in", "wrong-password")  # the limit's worth in all, but only one within the window
        assert login("aa-in", PASSWORD)[0] == 302


def bearer(raw: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_token_works_until_the_second_it_expires(world: World) -> None:
    with frozen(DAY) as clock:
        made = create_token(world.users["auditor"], "sync", "read", 30)
        client = Client()
        clock.shift(timedelta(days=30) - SECOND)
        assert client.get("/api/accounts/me", **bearer(made.raw)).status_code == 200
        clock.shift(SECOND)  # exactly 30 days after it was made
        assert client.get("/api/accounts/me", **bearer(made.raw)).status_code == 401


def test_token_life_is_one_to_max_days(world: World) -> None:
    client = Client()
    client.force_login(world.users["auditor"])
    for days, made in ((0, False), (1, True), (MAX_DAYS, True), (MAX_DAYS + 1, False)):
        response = client.post(reverse("office:tokens"), {"name": f"t{days}", "scope": "read", "days": days})
        assert (response.context.get("new_raw") is not None) == made, days
        if not made:
            assert response.context["form"].errors["days"], days
