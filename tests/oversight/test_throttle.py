"""The public forms' throttles at their edges, on a frozen clock and through the forms themselves: the
limit's last allowed use, the first refused one, and the window's end."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client

from g287.oversight.models import Complaint
from tests.accounts.fixtures import World
from tests.clock import frozen
from tests.oversight.test_public_form import NEW, STATUS, post

pytestmark = pytest.mark.django_db
DAY = date(2026, 5, 12)
SECOND = timedelta(seconds=1)
UNKNOWN = {"receipt": "G287-0000-0000-0000-0000"}


def test_status_checks_up_to_the_limit_then_until_the_window_ends(client: Client, settings: Any) -> None:
    settings.G287_STATUS_LIMIT = 3
    settings.G287_FORM_WINDOW_MINUTES = 60
    with frozen(DAY) as clock:
        for _ in range(3):
            assert client.post(STATUS, UNKNOWN).status_code == 400  # checked: no such receipt
        refused = client.post(STATUS, UNKNOWN)
        assert refused.status_code == 429
        assert "Too many status checks from here recently" in refused.content.decode()
        clock.shift(timedelta(minutes=60) - SECOND)
        assert client.post(STATUS, UNKNOWN).status_code == 429
        clock.shift(2 * SECOND)
        assert client.post(STATUS, UNKNOWN).status_code == 400


def test_complaints_up_to_the_limit_then_until_the_window_ends(
    client: Client, world: World, settings: Any
) -> None:
    settings.G287_COMPLAINT_LIMIT = 2
    settings.G287_FORM_WINDOW_MINUTES = 30
    with frozen(DAY) as clock:
        assert [post(client, world).status_code for _ in range(2)] == [302, 302]
        assert post(client, world).status_code == 429
        clock.shift(timedelta(minutes=30) - SECOND)
        assert post(client, world).status_code == 429
        clock.shift(2 * SECOND)
        assert post(client, world).status_code == 302
    assert Complaint.objects.count() == 3
    assert client.get(NEW).status_code == 200
