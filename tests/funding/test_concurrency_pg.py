"""Two reviewers approve the same claim at the same moment: exactly one approval counts. Runs on the
real PostgreSQL (row locks); skipped only when PostgreSQL does not answer."""

import threading
from typing import Any

import pytest
from django.db import connection, connections

from g287.funding.fiscal import Quarter
from g287.funding.models import Approval, Claim, ClaimStatus
from g287.funding.services import claims as svc
from tests.accounts.fixtures import make_agency, make_user, reference_data
from tests.funding.conftest import fy2026_rules, make_officer


@pytest.fixture
def postgres(transactional_db: Any) -> None:
    if connection.vendor != "postgresql":
        import psycopg

        try:
            psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", connect_timeout=2).close()
        except Exception:
            pytest.skip("PostgreSQL does not answer at 127.0.0.1:5432")
        pytest.skip("run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/test for the row-lock test")


@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_count_once(postgres: None) -> None:
    reference_data()
    fy2026_rules()
    agency = make_agency("TX-race-county", "TX", "Race County", ["TFM"])
    aa = make_user("aa-race", "agency_admin", agency=agency)
    reviewers = [make_user(f"pr-race-{i}", "program_reviewer") for i in range(2)]
    officer = make_officer(agency, "R-1")
    claim = svc.file_claim(
        aa, agency.pk, Quarter(2026, 2), [svc.LineInput(officer.pk, 100, 0, 0, 1000)], True, None
    ).claim
    svc.start_review(reviewers[0], claim.pk)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def approve(user: Any) -> None:
        try:
            barrier.wait()
            svc.approve(user, claim.pk)
            outcomes.append("approved")
        except Exception as exc:
            outcomes.append(type(exc).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(r,)) for r in reviewers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(outcomes) == ["ValidationError", "approved"]
    assert Approval.objects.filter(claim=claim).count() == 1
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.APPROVED
