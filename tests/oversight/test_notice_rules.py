"""Termination and suspension notices: the period each MOA sets (see test_moa_rules.py for the MOA lines),
checked at its last refused and first accepted day, with the exact texts staff read, the audit trail,
and withdrawal."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from g287.core.models import AuditEntry
from g287.officers.rules import RuleViolation
from g287.oversight import notices
from g287.oversight.models import Notice
from g287.registry.models import Agreement
from tests.accounts.fixtures import World

pytestmark = pytest.mark.django_db
RECEIVED = date(2026, 3, 2)
NINETY = date(2026, 5, 31)  # 90 days after RECEIVED


@pytest.mark.parametrize(
    ("model", "kind", "given_by", "days", "shorter", "text"),
    [
        ("WSO", "termination", "agency", 90, True, "WSO: 90 days after receipt, unless exigent circumstances "
         "involving public safety dictate otherwise."),
        ("WSO", "suspension", "ice", 90, True, "WSO: 90 days after receipt, unless exigent circumstances "
         "involving public safety dictate otherwise."),
        ("JEM", "termination", "agency", 0, False, "JEM/TFM: the agency's written notice takes effect when "
         "received."),
        ("TFM", "suspension", "agency", 0, False, "JEM/TFM: the agency's written notice takes effect when "
         "received."),
        ("TFM", "suspension", "ice", 0, False, "JEM/TFM: ICE may suspend the agreement at once."),
        ("JEM", "termination", "ice", 90, False, "JEM/TFM: ICE gives 90 days' notice when it moves from "
         "suspension to termination."),
    ],
)  # fmt: skip
def test_notice_rule_by_model_kind_and_party(
    model: str, kind: str, given_by: str, days: int, shorter: bool, text: str
) -> None:
    assert notices.notice_rule(model, kind, given_by) == notices.NoticeRule(days, shorter, text)
    assert notices.default_effective(
        RECEIVED, notices.notice_rule(model, kind, given_by)
    ) == RECEIVED + timedelta(days=days)


def test_default_effective_without_a_rule_is_90_days() -> None:
    assert notices.default_effective(RECEIVED) == NINETY


def errors_of(world: World, agreement: Agreement, *args: object) -> dict[str, list[str]]:
    with pytest.raises(RuleViolation) as caught:
        notices.record_notice(world.users["program_admin"], agreement.pk, *args)  # type: ignore[arg-type]
    return caught.value.message_dict


def test_ice_termination_a_day_short_is_refused_with_the_rule(world: World) -> None:
    jem = Agreement.objects.get(agency=world.a, model="JEM")
    assert errors_of(world, jem, "termination", "ice", RECEIVED, NINETY - timedelta(days=1), "Urgent.") == {
        "effective_on": [
            "JEM/TFM: ICE gives 90 days' notice when it moves from suspension to termination. It cannot take "
            "effect before 2026-05-31."
        ]
    }
    assert not Notice.objects.exists()


def test_wso_a_day_short_needs_the_exigent_reason(world: World) -> None:
    wso = Agreement.objects.get(agency=world.b, model="WSO")
    assert errors_of(world, wso, "termination", "agency", RECEIVED, NINETY - timedelta(days=1), "   ") == {
        "exigent_reason": [
            "Less than 90 days' notice: explain the exigent circumstances involving public safety."
        ]
    }
    on_time = notices.record_notice(
        world.users["program_admin"], wso.pk, "termination", "agency", RECEIVED, NINETY
    )
    assert (on_time.effective_on, on_time.exigent_reason) == (NINETY, "")


def test_a_notice_cannot_take_effect_before_it_was_received(world: World) -> None:
    jem = Agreement.objects.get(agency=world.a, model="JEM")
    day_before = RECEIVED - timedelta(days=1)
    assert errors_of(world, jem, "termination", "agency", RECEIVED, day_before) == {
        "effective_on": ["The notice cannot take effect before it was received."]
    }
    assert errors_of(world, jem, "ending", "lea", RECEIVED) == {
        "kind": ["Choose termination or suspension."],
        "given_by": ["Choose who gave the notice."],
    }
    same_day = notices.record_notice(
        world.users["program_admin"], jem.pk, "termination", "agency", RECEIVED, RECEIVED
    )
    assert same_day.effective_on == RECEIVED


def test_only_program_admins_record_notices_of_existing_agreements(world: World) -> None:
    jem = Agreement.objects.get(agency=world.a, model="JEM")
    with pytest.raises(PermissionDenied, match=r"^Your role does not allow this \(oversight\.notices\)\.$"):
        notices.record_notice(world.users["fs_in"], jem.pk, "termination", "agency", RECEIVED)
    with pytest.raises(Http404, match=r"^No agreement matches the given query\.$"):
        notices.record_notice(
            world.users["program_admin"], "no-such-agreement", "termination", "agency", RECEIVED
        )
    assert not Notice.objects.exists()


def test_a_recorded_notice_keeps_its_texts_trimmed_and_is_audited(world: World) -> None:
    admin = world.users["program_admin"]
    wso = Agreement.objects.get(agency=world.b, model="WSO")
    notice = notices.record_notice(
        admin,
        wso.pk,
        "suspension",
        "ice",
        RECEIVED,
        RECEIVED,
        "  Threat to public safety. ",
        "  Suspended.  ",
    )
    notice.refresh_from_db()
    assert (notice.agreement_id, notice.kind, notice.given_by) == (wso.pk, "suspension", "ice")
    assert (notice.received_on, notice.effective_on, notice.withdrawn_on) == (RECEIVED, RECEIVED, None)
    assert (notice.exigent_reason, notice.summary, notice.created_by) == (
        "Threat to public safety.",
        "Suspended.",
        admin,
    )
    entry = AuditEntry.objects.get(action="oversight.notice.create")
    assert (entry.actor, entry.object_id, entry.before, entry.after["exigent_reason"]) == (
        "user:pa",
        str(notice.pk),
        None,
        "Threat to public safety.",
    )
    plain = notices.record_notice(admin, wso.pk, "termination", "agency", RECEIVED)
    assert (plain.summary, plain.exigent_reason) == ("", "")


def test_withdrawal_once_and_not_before_receipt(world: World) -> None:
    admin = world.users["program_admin"]
    jem = Agreement.objects.get(agency=world.a, model="JEM")
    notice = notices.record_notice(admin, jem.pk, "termination", "agency", RECEIVED)
    with pytest.raises(RuleViolation) as caught:
        notices.withdraw_notice(admin, notice.pk, RECEIVED - timedelta(days=1))
    assert caught.value.message_dict == {"on": ["The withdrawal is before the notice was received."]}
    with pytest.raises(PermissionDenied):
        notices.withdraw_notice(world.users["fs_in"], notice.pk, RECEIVED)
    notices.withdraw_notice(admin, notice.pk, RECEIVED)  # the day it was received is allowed
    notice.refresh_from_db()
    assert notice.withdrawn_on == RECEIVED
    entry = AuditEntry.objects.get(action="oversight.notice.update")
    assert (entry.actor, entry.before["withdrawn_on"], entry.after["withdrawn_on"]) == (
        "user:pa",
        None,
        "2026-03-02",
    )
    with pytest.raises(RuleViolation) as caught:
        notices.withdraw_notice(admin, notice.pk, RECEIVED + timedelta(days=3))
    assert caught.value.message_dict == {"on": ["The notice was withdrawn on 2026-03-02."]}
    assert AuditEntry.objects.filter(action="oversight.notice.update").count() == 1


def test_public_notices_newest_effect_first(world: World) -> None:
    admin = world.users["program_admin"]
    jem = Agreement.objects.get(agency=world.a, model="JEM")
    wso = Agreement.objects.get(agency=world.b, model="WSO")
    first = notices.record_notice(admin, jem.pk, "termination", "agency", RECEIVED)
    later = notices.record_notice(admin, wso.pk, "termination", "agency", RECEIVED)
    same_day = notices.record_notice(admin, jem.pk, "suspension", "agency", RECEIVED)
    assert list(notices.public_notices()) == [later, same_day, first]
