"""Pages answer PUT, PATCH, DELETE and TRACE with 405 (found by fuzzing: they answered as for a GET);
the API keeps its own methods."""

import pytest
from django.test import Client


@pytest.mark.parametrize("method", ["put", "patch", "delete", "trace"])
@pytest.mark.parametrize("path", ["/funding/", "/measures/", "/notices/", "/office/funding/budget/"])
@pytest.mark.django_db
def test_a_page_refuses_methods_it_does_not_take(path: str, method: str) -> None:
    response = getattr(Client(), method)(path)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST"


@pytest.mark.django_db
def test_pages_still_answer_get_and_post_and_the_api_its_methods() -> None:
    client = Client()
    assert client.get("/funding/").status_code == 200
    assert client.head("/funding/").status_code == 200
    assert client.delete("/api/agreements").status_code == 405  # django-ninja's own answer
