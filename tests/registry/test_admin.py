import pytest
from django.contrib.auth.models import User
from django.test import Client

pytestmark = pytest.mark.usefixtures("history_db")


@pytest.fixture
def admin_client_ro(db: None) -> Client:
    user = User.objects.create_superuser("root-admin", "root@example.org", "x-very-long-password-1")
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", ["snapshot", "agency", "agreement", "event", "agreementversion"])
def test_registry_screens_browse_but_never_edit(admin_client_ro: Client, model: str) -> None:
    listing = admin_client_ro.get(f"/admin/registry/{model}/")
    assert listing.status_code == 200
    body = listing.content.decode()
    assert 'class="paginator"' in body and "0 results" not in body  # there is something to browse
    # No "Add" button and no "Delete selected" action: nothing to press that would change the registry.
    assert f'href="/admin/registry/{model}/add/"' not in body
    assert "delete_selected" not in body
    assert admin_client_ro.get(f"/admin/registry/{model}/add/").status_code == 403


def test_agency_screen_shows_its_agreements(admin_client_ro: Client) -> None:
    response = admin_client_ro.get("/admin/registry/agency/TX-harrison-county-sheriffs-office/change/")
    assert response.status_code == 200
    assert b"TX-harrison-county-sheriffs-office#" in response.content
