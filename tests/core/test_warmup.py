"""A server process warms itself before it takes requests: its first visitor gets the dashboard from
the cache, as every later one does."""

import pytest
from django.core import signals
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client

from g287.core.warmup import warm_up

# The dashboard and /states/ together, from a warm cache: a few look-ups (13); computed, 33.
WARM_QUERIES = 15


@pytest.mark.django_db
def test_after_warm_up_the_dashboard_is_answered_from_the_cache(
    client: Client, django_assert_max_num_queries: pytest.FixtureRequest
) -> None:
    cache.clear()  # as in a process just started
    # As Django's test client does: a request's end must not close the test's own connection
    # (PostgreSQL runs each test inside a transaction on it).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        assert warm_up(get_wsgi_application()) == [200, 200, 200]
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    with django_assert_max_num_queries(WARM_QUERIES):  # type: ignore[operator]
        assert client.get("/").status_code == 200
        assert client.get("/states/").status_code == 200


@pytest.mark.django_db
def test_a_cold_dashboard_asks_the_database_more() -> None:
    """The other side of the test above: without the warm-up the same two pages take more queries
    (so the bound above tells a warmed process from a cold one)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        Client().get("/")
        Client().get("/states/")
    assert len(queries.captured_queries) > WARM_QUERIES
