"""`g287 demo_program`: a whole synthetic FY2026 Q1 and Q2 on the shipped registry, built through
the services, labeled on every public page."""

import io
import re
from datetime import date

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from g287.demo.accounts import USERNAMES
from g287.funding.models import Award, Claim, ClaimLine, Payment, RuleSet
from g287.office.queue import queue_for
from g287.oversight.models import Complaint, Notice, RecordsSince
from tests.accounts.fixtures import World

pytestmark = pytest.mark.django_db
STATUSES = {
    "draft",
    "submitted",
    "in_review",
    "returned",
    "approved",
    "partially_approved",
    "rejected",
    "paid",
}


@time_machine.travel(date(2026, 11, 30), tick=False)
def test_demo_program(world: World, client: Client) -> None:
    assert 'id="demo-banner"' not in client.get("/funding/").content.decode()
    out = io.StringIO()
    call_command("demo_accounts", stdout=io.StringIO())
    call_command("demo_program", stdout=out)
    demo = Claim.objects.filter(lines__officer__synthetic=True).distinct()
    assert set(demo.values_list("status", flat=True)) == STATUSES, out.getvalue()
    # Q1 settled: payments for claims and awards (95% located: the top tier), statements on demand.
    assert Payment.objects.filter(fiscal_year=2026, quarter=1).count() >= 3
    top = (
        Award.objects.filter(fiscal_year=2026, quarter=1, amount_cents__gt=0)
        .order_by("-amount_cents")
        .first()
    )
    assert top is not None and top.amount_cents >= 3 * 100_000 and top.amount_cents % 100_000 == 0
    assert RuleSet.objects.filter(fiscal_year=2027).exists()
    # The suspended officer's Q2 line is reimbursed for the days before the suspension only.
    suspended = Complaint.objects.get(may_lead_to_discipline=True).officer
    line = ClaimLine.objects.get(claim__fiscal_year=2026, claim__quarter=2, officer=suspended)
    assert 0 < line.eligible_cents < line.requested_cents
    assert Notice.objects.filter(kind="termination", given_by="ice").exists()
    assert RecordsSince.objects.count() == 3
    admin = User.objects.get(username=USERNAMES["program_admin"])
    kinds = {item.kind for item in queue_for(admin)}
    assert {"claims_submitted", "claims_in_review", "complaints_overdue", "complaints_running"} <= kinds
    # The "done when": the program administrator's home and the API show at least four kinds
    # of waiting work, the same kinds; the ICE termination takes effect within the queue's 30 days.
    client.force_login(admin)
    home = client.get("/office/").content.decode()
    on_home = set(re.findall(r'data-kind="([a-z_0-9]+)"', home))
    api = client.get("/api/office/queue").json()
    in_api = {item["kind"] for item in api["results"] if item["count"] > 0}
    assert len(in_api) >= 4 and on_home == in_api == kinds, (on_home, in_api)
    assert "notices_taking_effect" in kinds
    # The office funding pages, the budget and public /funding/ show the synthetic quarters.
    listed = client.get("/office/funding/?status=paid").content.decode()
    assert listed.count("/office/funding/claims/") >= 3
    budget = client.get("/office/funding/budget/?fy=2026").content.decode()
    assert "Nothing yet." not in budget and "$1,500,000.00" in budget  # the demo appropriation
    client.logout()
    public = client.get("/funding/").content.decode()
    assert "Nothing approved yet." not in public and "2026" in public
    agency_admin = User.objects.get(username=USERNAMES["agency_admin"])
    assert "claims_returned" in {item.kind for item in queue_for(agency_admin)}
    for url in ("/funding/", "/measures/", "/meetings/", "/"):
        assert 'id="demo-banner"' in client.get(url).content.decode(), url
    call_command("demo_program", stdout=out)  # a second run changes nothing
    assert "already there" in out.getvalue()
    assert Claim.objects.filter(lines__officer__synthetic=True).distinct().count() == demo.count()
