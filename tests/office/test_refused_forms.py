"""A staff form that refuses its input answers 400 with the reasons, not 200 (found by fuzzing: these
pages answered a refusal as a success), and writes nothing."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from g287.accounts.models import ApiToken
from g287.alerts.models import Webhook
from g287.funding.models import Appropriation, PerformanceReport, RuleSet
from g287.officers.models import Officer

CASES = [
    ("officers:nominate", "aa_in", {"given_name": "A", "sworn_since": "not a date"}, Officer),
    ("funding:rules", "program_admin", {"fiscal_year": "abc"}, RuleSet),
    ("funding:reports", "aa_in", {"quarter": "2026Q2", "leads_provided": "-1"}, PerformanceReport),
    ("funding:appropriations", "program_admin", {"fiscal_year": "2026", "amount": "x"}, Appropriation),
    ("office:tokens", "auditor", {"name": "w", "scope": "write", "days": "30"}, ApiToken),
    ("alerts:webhooks", "program_admin", {"url": "not a url"}, Webhook),
]


@pytest.mark.parametrize(("name", "role", "data", "model"), CASES, ids=[c[0] for c in CASES])
def test_a_refused_form_answers_400_and_writes_nothing(
    world: Any, name: str, role: str, data: dict[str, str], model: Any
) -> None:
    client = Client()
    client.force_login(world.users[role])
    before = model.objects.count()
    response = client.post(reverse(name), data)
    assert response.status_code == 400, response.content.decode()[-500:]
    assert response.context["form"].errors
    assert model.objects.count() == before
