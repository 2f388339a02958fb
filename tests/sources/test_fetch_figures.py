"""A fetch that imports a new list computes the pages' figures, as `g287 import` does, so the servers'
first pages after it read them instead of computing them."""

import pytest
from django.core.management import call_command
from pytest_httpserver import HTTPServer

from g287.core.models import Figure
from g287.registry.version import data_version
from tests.sources.conftest import LAST_MODIFIED, ice_page, serve

pytestmark = pytest.mark.usefixtures("small_registry")


def test_a_fetch_that_imports_a_list_leaves_the_new_figures_computed(
    httpserver: HTTPServer, lists: dict[str, bytes]
) -> None:
    serve(httpserver, "/287g", ice_page())
    serve(
        httpserver, "/doclib/participatingAgencies.xlsx", lists["latest"], **{"Last-Modified": LAST_MODIFIED}
    )
    serve(httpserver, "/doclib/pendingAgencies.xlsx", lists["pending"], **{"Last-Modified": LAST_MODIFIED})
    call_command("fetch", "--page", httpserver.url_for("/287g"))
    figures = dict(Figure.objects.filter(version=data_version()).values_list("name", "version"))
    assert "state:TX" in figures and "states" in figures
    assert any(name.startswith("dashboard:") for name in figures)
