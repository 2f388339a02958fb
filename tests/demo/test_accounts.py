import io

from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from g287.demo.accounts import DEMO_PASSWORD, USERNAMES, demo_agencies
from g287.officers.models import Officer
from tests.accounts.fixtures import World


def test_demo_accounts_and_synthetic_officers(world: World) -> None:
    out = io.StringIO()
    call_command("demo_accounts", stdout=out)
    for username in USERNAMES.values():
        assert authenticate(username=username, password=DEMO_PASSWORD) is not None, username
        assert username in out.getvalue()
    synthetic = Officer.objects.filter(synthetic=True)
    agencies = demo_agencies()
    assert 2 <= len(agencies) <= 5 and len({a.state for a in agencies}) == len(agencies)
    assert synthetic.count() == 4 * len(agencies)
    assert {o.family_name for o in synthetic} == {"Synthetic"}
    call_command("demo_accounts", stdout=io.StringIO())  # idempotent
    assert Officer.objects.filter(synthetic=True).count() == 4 * len(agencies)
    client = Client()
    client.force_login(authenticate(username=USERNAMES["agency_admin"], password=DEMO_PASSWORD))
    page = client.get(reverse("officers:list")).content.decode()
    assert "badge synthetic" in page
    assert all(
        o["synthetic"]
        for o in client.get("/api/officers/").json()["results"]
        if o["family_name"] == "Synthetic"
    )
