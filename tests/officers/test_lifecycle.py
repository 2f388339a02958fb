"""The officer rules from the program's documents, through the services."""

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied

from g287.officers import services
from g287.officers.dates import add_years
from g287.officers.models import Certification, Course, OfficerStatus
from g287.officers.rules import Nomination, RuleViolation
from g287.officers.status import certified_days, is_certified_on, status_on
from g287.officers.timeline import DayStatus
from tests.accounts.fixtures import World
from tests.clock import frozen

TODAY = date(2026, 5, 12)  # a Tuesday; the clock stands still at noon that day


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[None]:
    with frozen(TODAY):
        yield


def nomination(**changes: object) -> Nomination:
    base = dict(
        given_name="Pat",
        family_name="Lee",
        badge_number="P-1",
        sworn_since=date(2015, 1, 1),
        models=["TFM"],
        citizenship_attested=True,
        disciplinary_disclosure="",
    )
    base.update(changes)
    return Nomination(**base)  # type: ignore[arg-type]


def errors(exc: pytest.ExceptionInfo[RuleViolation]) -> dict[str, list[str]]:
    return exc.value.message_dict


def test_tfm_needs_two_years_of_sworn_experience(world: World) -> None:
    aa = world.users["aa_in"]
    sworn = TODAY - timedelta(days=365)
    with pytest.raises(RuleViolation) as exc:
        services.nominate(aa, world.a.pk, nomination(sworn_since=sworn))
    message = errors(exc)["sworn_since"][0]
    assert "at least 2 years" in message and sworn.isoformat() in message
    # JEM has no such rule
    services.nominate(aa, world.a.pk, nomination(sworn_since=sworn, models=["JEM"]))


def test_two_years_exactly_is_enough(world: World) -> None:
    on = date(2026, 3, 1)
    services.nominate(world.users["aa_in"], world.a.pk, nomination(sworn_since=date(2024, 3, 1)), on=on)
    with pytest.raises(RuleViolation):
        services.nominate(
            world.users["aa_in"],
            world.a.pk,
            nomination(badge_number="P-2", sworn_since=date(2024, 3, 2)),
            on=on,
        )


def test_wso_requires_disclosure_and_an_agreement(world: World) -> None:
    aa = world.users["aa_out"]  # agency B holds TFM and WSO
    with pytest.raises(RuleViolation) as exc:
        services.nominate(aa, world.b.pk, nomination(models=["WSO"]))
    assert "disciplinary history" in errors(exc)["disciplinary_disclosure"][0]
    services.nominate(aa, world.b.pk, nomination(models=["WSO"], disciplinary_disclosure="None"))
    with pytest.raises(RuleViolation) as exc:
        services.nominate(
            world.users["aa_in"], world.a.pk, nomination(models=["WSO"], disciplinary_disclosure="None")
        )
    assert "no active WSO agreement" in errors(exc)["models"][0]


def test_every_problem_is_reported_at_once(world: World) -> None:
    with pytest.raises(RuleViolation) as exc:
        services.nominate(
            world.users["aa_in"],
            world.a.pk,
            nomination(
                given_name=" ",
                badge_number="A-111",
                citizenship_attested=False,
                models=["XYZ"],
                sworn_since=TODAY + timedelta(days=1),
            ),
        )
    assert set(errors(exc)) == {"given_name", "badge_number", "citizenship_attested", "models", "sworn_since"}
    assert "already on an officer" in errors(exc)["badge_number"][0]
    assert "U.S. citizens" in errors(exc)["citizenship_attested"][0]


def test_review_needs_a_reason_to_reject(world: World) -> None:
    officer = services.nominate(world.users["aa_in"], world.a.pk, nomination())
    with pytest.raises(PermissionDenied):
        services.review(world.users["aa_in"], officer.pk, True, "")
    with pytest.raises(RuleViolation) as exc:
        services.review(world.users["program_reviewer"], officer.pk, False, "  ")
    assert "reason" in errors(exc)
    done = services.review(
        world.users["program_reviewer"], officer.pk, False, "Background investigation pending."
    )
    assert done.status == OfficerStatus.REJECTED
    assert status_on(done, TODAY) is DayStatus.REJECTED
    with pytest.raises(RuleViolation):
        services.review(world.users["program_reviewer"], officer.pk, True, "")


def approved(world: World, **changes: object) -> int:
    start = TODAY - timedelta(days=100)
    officer = services.nominate(world.users["program_admin"], world.a.pk, nomination(**changes), on=start)
    services.review(world.users["program_reviewer"], officer.pk, True, "", on=start + timedelta(days=1))
    return officer.pk


def test_exam_pass_mark_retake_and_disqualification(world: World) -> None:
    by = world.users["fs_in"]
    first = approved(world)
    day = TODAY - timedelta(days=50)
    assert services.record_exam(by, first, "TFM", day, 70).exam.passed
    second = approved(world, badge_number="P-2")
    outcome = services.record_exam(by, second, "TFM", day, 69)
    assert not outcome.exam.passed and not outcome.disqualified
    assert services.record_exam(by, second, "TFM", day + timedelta(days=7), 80).exam.attempt == 2
    third = approved(world, badge_number="P-3")
    services.record_exam(by, third, "TFM", day, 50)
    outcome = services.record_exam(by, third, "TFM", day + timedelta(days=7), 60)
    assert outcome.disqualified and outcome.officer.disqualified_on == day + timedelta(days=7)
    with pytest.raises(RuleViolation):
        services.record_exam(by, third, "TFM", day + timedelta(days=8), 99)
    with pytest.raises(RuleViolation) as exc:
        services.record_exam(by, first, "JEM", day, 90)
    assert "not nominated for JEM" in errors(exc)["model"][0]


def test_pass_mark_is_configurable(world: World) -> None:
    Course.objects.filter(model="TFM").update(pass_mark=80)
    officer = approved(world)
    assert not services.record_exam(world.users["fs_in"], officer, "TFM", TODAY, 75).exam.passed


def test_tfm_certification_runs_two_years_from_authorization(world: World) -> None:
    by = world.users["program_reviewer"]
    officer = approved(world)
    with pytest.raises(RuleViolation) as exc:
        services.certify(by, officer, "TFM", TODAY, "F", "C")
    assert "not passed" in errors(exc)["model"][0]
    services.record_exam(by, officer, "TFM", TODAY - timedelta(days=40), 90)
    with pytest.raises(RuleViolation) as exc:
        services.certify(by, officer, "TFM", TODAY - timedelta(days=30), " ", "")
    assert set(errors(exc)) == {"form_70006_number", "credential_number"}
    cert = services.certify(by, officer, "TFM", TODAY - timedelta(days=30), "F-1", "C-1")
    assert cert.expires_on == add_years(TODAY - timedelta(days=30), 2)
    with pytest.raises(RuleViolation) as exc:
        services.certify(by, officer, "TFM", TODAY, "F-2", "C-2")
    assert "renew it instead" in errors(exc)["model"][0]


def test_jem_refresher_due_two_years_after_training_and_renewal(world: World) -> None:
    by = world.users["program_admin"]
    start = date(2022, 1, 3)
    officer = services.nominate(by, world.a.pk, nomination(models=["JEM"]), on=start)
    services.review(by, officer.pk, True, "", on=start)
    services.record_exam(by, officer.pk, "JEM", date(2022, 2, 1), 85)
    cert = services.certify(by, officer.pk, "JEM", date(2022, 3, 1), "F", "C")
    assert cert.expires_on == date(2024, 2, 1)
    assert is_certified_on(officer, date(2024, 1, 31)) and not is_certified_on(officer, date(2024, 2, 1))
    assert status_on(officer, date(2024, 2, 1)) is DayStatus.EXPIRED
    with pytest.raises(RuleViolation) as exc:
        services.renew(by, cert.pk, date(2024, 1, 15))
    assert "refresher" in errors(exc)["renewed_on"][0]
    refresher = services.record_exam(by, officer.pk, "JEM", date(2024, 1, 10), 77).exam
    assert refresher.cycle == 2 and refresher.attempt == 1
    new = services.renew(by, cert.pk, date(2024, 1, 15))
    assert new.expires_on == date(2026, 1, 10) and new.form_70006_number == "F"
    old = Certification.objects.get(pk=cert.pk)
    assert old.ended_on == date(2024, 1, 15) and old.end_reason == "renewed"
    # no gap across the renewal
    assert certified_days(officer, date(2024, 1, 1), date(2024, 1, 31)) == 31


def test_revocation_and_separation(world: World) -> None:
    officer, cert = world.officer_a, world.cert_a
    fs = world.users["fs_in"]
    with pytest.raises(RuleViolation) as exc:
        services.revoke(fs, cert.pk, TODAY, "")
    assert "reason" in errors(exc)
    services.revoke(fs, cert.pk, TODAY, "Complaint substantiated.")
    assert status_on(officer, TODAY) is DayStatus.REVOKED
    assert status_on(officer, TODAY - timedelta(days=1)) is DayStatus.CERTIFIED
    with pytest.raises(RuleViolation):
        services.revoke(fs, cert.pk, TODAY, "again")
    aa = world.users["aa_in"]
    officer = services.separate(aa, officer.pk, TODAY, "Left the agency.")
    assert status_on(officer, TODAY) is DayStatus.SEPARATED
    with pytest.raises(RuleViolation):
        services.record_credential_return(aa, officer.pk, TODAY - timedelta(days=1))
    returned = services.record_credential_return(aa, officer.pk, TODAY)
    assert returned.credentials_returned_on == TODAY


def test_separation_ends_open_certifications(world: World) -> None:
    officer = world.officer_b
    services.separate(world.users["aa_out"], officer.pk, TODAY, "Retired.", credentials_returned_on=TODAY)
    cert = Certification.objects.get(officer=officer)
    assert cert.ended_on == TODAY and cert.end_reason == "separated"
    assert not is_certified_on(officer, TODAY) and is_certified_on(officer, TODAY - timedelta(days=1))


def test_a_separation_in_the_future_is_refused(world: World) -> None:
    """Found by fuzzing: 9999-12-31 was accepted (exam and renewal dates in the future are refused)."""
    with pytest.raises(RuleViolation) as exc:
        services.separate(world.users["aa_out"], world.officer_b.pk, date(9999, 12, 31), "Retired.")
    assert "in the future" in errors(exc)["on"][0]
    assert Certification.objects.get(officer=world.officer_b).ended_on is None


def test_out_of_scope_actions_are_not_found(world: World) -> None:
    from django.http import Http404

    with pytest.raises(Http404):
        services.separate(world.users["aa_out"], world.officer_a.pk, TODAY, "x")
    with pytest.raises(Http404):
        services.revoke(world.users["fs_out"], world.cert_a.pk, TODAY, "x")
    with pytest.raises(PermissionDenied):
        services.revoke(world.users["auditor"], world.cert_a.pk, TODAY, "x")


@pytest.mark.parametrize("sworn", [date(9999, 12, 31), date(1, 1, 1)])
def test_an_impossible_sworn_date_is_refused_by_name(world: World, sworn: date) -> None:
    """Found by fuzzing: 9999-12-31 raised an error (no year after it) that the pages answered with 500."""
    with pytest.raises(RuleViolation) as exc:
        services.nominate(world.users["aa_in"], world.a.pk, nomination(sworn_since=sworn))
    assert "sworn_since" in errors(exc)
