"""Every write to officers goes through here: role check, scope (404 outside it, rollback of a write
that leaves it), the program's rules, and an audit entry in the same transaction."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from g287.accounts.actor import actor_of
from g287.accounts.roles import Perm, require
from g287.accounts.scoping import agency_in_scope, get_in_scope, scoped_write
from g287.core.changes import record_change, snapshot
from g287.officers.dates import add_years
from g287.officers.models import (
    Certification,
    Course,
    EndReason,
    ExamResult,
    Officer,
    OfficerStatus,
    ValidFrom,
)
from g287.officers.rules import Nomination, RuleViolation, check_nomination


def _today() -> date:
    return timezone.localdate()


def _fail(field: str, message: str) -> RuleViolation:
    return RuleViolation({field: [message]})


# An officer's status as the messages name it, translated when shown.
OFFICER_STATUS_WORDS = {
    OfficerStatus.NOMINATED: pgettext_lazy("officer status", "nominated"),
    OfficerStatus.APPROVED: pgettext_lazy("officer status", "approved"),
    OfficerStatus.REJECTED: pgettext_lazy("officer status", "rejected"),
    OfficerStatus.DISQUALIFIED: pgettext_lazy("officer status", "disqualified"),
    OfficerStatus.SEPARATED: pgettext_lazy("officer status", "separated"),
}


def officer_status_word(status: str) -> str:
    return str(OFFICER_STATUS_WORDS.get(OfficerStatus(status), status))


def _audit(by: Any, action: str, obj: Any, before: dict[str, Any] | None) -> None:
    after = snapshot(obj) if action != "delete" else None
    record_change(action, obj, before, after, actor=actor_of(by))


def _course(model: str) -> Course:
    try:
        return Course.objects.get(model=model)
    except Course.DoesNotExist:
        raise _fail(
            "model",
            _("No %(model)s course is set up; the program office must add it first.") % {"model": model},
        ) from None


def _locked_officer(by: Any, officer_id: int) -> Officer:
    officer = get_in_scope(Officer.objects.select_for_update(), by, pk=officer_id)
    return officer


# Nomination and review -------------------------------------------------------------------------


def nominate(
    by: Any, agency_id: str, nomination: Nomination, on: date | None = None, synthetic: bool = False
) -> Officer:
    require(by, Perm.OFFICERS_NOMINATE)
    on = on or _today()
    with scoped_write(by) as guard:
        agency = agency_in_scope(by, agency_id)
        data = nomination.normalized()
        errors = check_nomination(agency, data, on)
        if errors or data.sworn_since is None:
            raise RuleViolation(errors)
        officer = Officer.objects.create(
            agency=agency,
            given_name=data.given_name,
            family_name=data.family_name,
            badge_number=data.badge_number,
            sworn_since=data.sworn_since,
            model_codes=",".join(data.models),
            citizenship_attested=True,
            disciplinary_disclosure=data.disciplinary_disclosure,
            nominated_on=on,
            nominated_by=by,
            synthetic=synthetic,
        )
        _audit(by, "create", officer, None)
        guard.check(officer)
    return officer


def review(by: Any, officer_id: int, approve: bool, reason: str, on: date | None = None) -> Officer:
    require(by, Perm.OFFICERS_REVIEW)
    on = on or _today()
    reason = reason.strip()
    with scoped_write(by) as guard:
        officer = _locked_officer(by, officer_id)
        if officer.status != OfficerStatus.NOMINATED:
            raise _fail(
                "status",
                _("Only a nomination awaiting review can be reviewed; this officer is %(status)s.")
                % {"status": officer_status_word(officer.status)},
            )
        if not approve and not reason:
            raise _fail("reason", _("Give the reason for rejecting the nomination."))
        if on < officer.nominated_on:
            raise _fail(
                "on",
                _("The review date is before the nomination (%(date)s).")
                % {"date": officer.nominated_on.isoformat()},
            )
        before = snapshot(officer)
        officer.status = OfficerStatus.APPROVED if approve else OfficerStatus.REJECTED
        officer.reviewed_on = on
        officer.reviewed_by = by
        officer.review_reason = reason
        officer.save()
        _audit(by, "update", officer, before)
        guard.check(officer)
    return officer


# Training --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExamOutcome:
    exam: ExamResult
    officer: Officer

    @property
    def disqualified(self) -> bool:
        return self.officer.status == OfficerStatus.DISQUALIFIED


def record_exam(by: Any, officer_id: int, model: str, taken_on: date, score: int) -> ExamOutcome:
    """Records a sitting: pass at the course's mark (70%), one retake after a fail; a failed retake
    disqualifies the officer and ends any certification they hold."""
    require(by, Perm.OFFICERS_TRAIN)
    with scoped_write(by) as guard:
        officer = _locked_officer(by, officer_id)
        if officer.status != OfficerStatus.APPROVED:
            raise _fail(
                "officer",
                _("Only approved officers take the exam; this officer is %(status)s.")
                % {"status": officer_status_word(officer.status)},
            )
        if model not in officer.model_list:
            raise _fail("model", _("The officer was not nominated for %(model)s.") % {"model": model})
        if not 0 <= score <= 100:
            raise _fail("score", _("The score is a percentage, from 0 to 100."))
        if taken_on > _today():
            raise _fail("taken_on", _("The exam date is in the future."))
        if officer.reviewed_on and taken_on < officer.reviewed_on:
            raise _fail(
                "taken_on",
                _("The exam date is before the approval (%(date)s).")
                % {"date": officer.reviewed_on.isoformat()},
            )
        course = _course(model)
        cycle, attempt = _next_sitting(officer, model, taken_on)
        exam = ExamResult.objects.create(
            officer=officer,
            model=model,
            cycle=cycle,
            attempt=attempt,
            taken_on=taken_on,
            score=score,
            passed=score >= course.pass_mark,
            hours=course.hours,
            recorded_by=by,
        )
        _audit(by, "create", exam, None)
        if not exam.passed and attempt == 2:
            before = snapshot(officer)
            officer.status = OfficerStatus.DISQUALIFIED
            officer.disqualified_on = taken_on
            officer.save()
            _audit(by, "update", officer, before)
            _end_open_certifications(by, officer, taken_on, EndReason.REVOKED, "Failed the exam retake.")
        guard.check(officer)
    return ExamOutcome(exam, officer)


def _next_sitting(officer: Officer, model: str, taken_on: date) -> tuple[int, int]:
    exams = list(ExamResult.objects.filter(officer=officer, model=model).order_by("cycle", "attempt"))
    if not exams:
        return 1, 1
    last = exams[-1]
    if taken_on < last.taken_on:
        raise _fail(
            "taken_on",
            _("The officer's last %(model)s exam was on %(date)s; record sittings in order.")
            % {"model": model, "date": last.taken_on.isoformat()},
        )
    if last.passed:
        if not Certification.objects.filter(officer=officer, model=model).exists():
            raise _fail(
                "model",
                _(
                    "The officer passed the %(model)s exam on %(date)s; record the certification (a refresher is recorded only after certification)."
                )
                % {"model": model, "date": last.taken_on.isoformat()},
            )
        return last.cycle + 1, 1
    if last.attempt == 1:
        return last.cycle, 2
    raise _fail("officer", _("The officer failed the retake and is disqualified."))


def latest_pass(officer: Officer, model: str) -> ExamResult | None:
    return (
        ExamResult.objects.filter(officer=officer, model=model, passed=True)
        .order_by("-taken_on", "-cycle")
        .first()
    )


# Certification ---------------------------------------------------------------------------------


def _expiry(course: Course, authorized_on: date, trained_on: date) -> date | None:
    if course.valid_years is None:
        return None
    base = trained_on if course.valid_from == ValidFrom.TRAINING else authorized_on
    return add_years(base, course.valid_years)


def _numbers(form_70006_number: str, credential_number: str) -> tuple[str, str]:
    form_number, credential = form_70006_number.strip(), credential_number.strip()
    errors: dict[str, list[str]] = {}
    if not form_number:
        errors["form_70006_number"] = [_("The Form 70-006 number is required.")]
    elif len(form_number) > 40:
        errors["form_70006_number"] = [_("The Form 70-006 number is longer than 40 characters.")]
    if not credential:
        errors["credential_number"] = [_("The credential number is required.")]
    elif len(credential) > 40:
        errors["credential_number"] = [_("The credential number is longer than 40 characters.")]
    if errors:
        raise RuleViolation(errors)
    return form_number, credential


def certify(
    by: Any, officer_id: int, model: str, authorized_on: date, form_70006_number: str, credential_number: str
) -> Certification:
    require(by, Perm.OFFICERS_CERTIFY)
    with scoped_write(by) as guard:
        officer = _locked_officer(by, officer_id)
        if officer.status != OfficerStatus.APPROVED:
            raise _fail(
                "officer",
                _("Only approved officers are certified; this officer is %(status)s.")
                % {"status": officer_status_word(officer.status)},
            )
        if model not in officer.model_list:
            raise _fail("model", _("The officer was not nominated for %(model)s.") % {"model": model})
        passed = latest_pass(officer, model)
        if passed is None:
            raise _fail(
                "model", _("The officer has not passed the %(model)s training exam.") % {"model": model}
            )
        if authorized_on < passed.taken_on:
            raise _fail(
                "authorized_on",
                _("The authorization date is before the passed exam (%(date)s).")
                % {"date": passed.taken_on.isoformat()},
            )
        if Certification.objects.filter(officer=officer, model=model, ended_on__isnull=True).exists():
            raise _fail(
                "model",
                _("The officer already holds a %(model)s certification; renew it instead.")
                % {"model": model},
            )
        form_number, credential = _numbers(form_70006_number, credential_number)
        cert = Certification.objects.create(
            officer=officer,
            model=model,
            authorized_on=authorized_on,
            trained_on=passed.taken_on,
            form_70006_number=form_number,
            credential_number=credential,
            expires_on=_expiry(_course(model), authorized_on, passed.taken_on),
            recorded_by=by,
        )
        _audit(by, "create", cert, None)
        guard.check(cert)
    return cert


def _locked_certification(by: Any, certification_id: int) -> Certification:
    cert = get_in_scope(
        Certification.objects.select_for_update().select_related("officer"), by, pk=certification_id
    )
    if cert.ended_on is not None:
        raise _fail(
            "certification",
            _("This certification ended on %(date)s (%(reason)s).")
            % {"date": cert.ended_on.isoformat(), "reason": cert.end_reason},
        )
    return cert


def renew(
    by: Any, certification_id: int, renewed_on: date, form_70006_number: str = "", credential_number: str = ""
) -> Certification:
    """Ends the certification on `renewed_on` and opens the next period. Where validity runs from
    training (JEM), a refresher passed after the current period's training is required."""
    require(by, Perm.OFFICERS_CERTIFY)
    with scoped_write(by) as guard:
        old = _locked_certification(by, certification_id)
        officer = old.officer
        if officer.status != OfficerStatus.APPROVED:
            raise _fail(
                "officer",
                _("Only approved officers are renewed; this officer is %(status)s.")
                % {"status": officer_status_word(officer.status)},
            )
        if renewed_on > _today():
            raise _fail("renewed_on", _("The renewal date is in the future."))
        if renewed_on <= old.authorized_on:
            raise _fail(
                "renewed_on",
                _("The renewal date must be after the authorization (%(date)s).")
                % {"date": old.authorized_on.isoformat()},
            )
        course = _course(old.model)
        trained_on = old.trained_on
        if course.valid_from == ValidFrom.TRAINING:
            refresher = latest_pass(officer, old.model)
            if refresher is None or refresher.taken_on <= old.trained_on:
                raise _fail(
                    "renewed_on",
                    _("Renewing a %(model)s certification needs a refresher exam passed after %(date)s.")
                    % {"model": old.model, "date": old.trained_on.isoformat()},
                )
            if refresher.taken_on > renewed_on:
                raise _fail(
                    "renewed_on",
                    _("The renewal date is before the refresher exam (%(date)s).")
                    % {"date": refresher.taken_on.isoformat()},
                )
            trained_on = refresher.taken_on
        form_number, credential = _numbers(
            form_70006_number or old.form_70006_number, credential_number or old.credential_number
        )
        before = snapshot(old)
        old.ended_on = renewed_on
        old.end_reason = EndReason.RENEWED
        old.save()
        _audit(by, "update", old, before)
        new = Certification.objects.create(
            officer=officer,
            model=old.model,
            authorized_on=renewed_on,
            trained_on=trained_on,
            form_70006_number=form_number,
            credential_number=credential,
            expires_on=_expiry(course, renewed_on, trained_on),
            recorded_by=by,
        )
        _audit(by, "create", new, None)
        guard.check(new)
    return new


def revoke(by: Any, certification_id: int, on: date, reason: str) -> Certification:
    require(by, Perm.OFFICERS_REVOKE)
    reason = reason.strip()
    with scoped_write(by) as guard:
        cert = _locked_certification(by, certification_id)
        if not reason:
            raise _fail("reason", _("Give the reason for the revocation."))
        if on < cert.authorized_on:
            raise _fail(
                "on",
                _("The revocation date is before the authorization (%(date)s).")
                % {"date": cert.authorized_on.isoformat()},
            )
        before = snapshot(cert)
        cert.ended_on = on
        cert.end_reason = EndReason.REVOKED
        cert.end_note = reason
        cert.save()
        _audit(by, "update", cert, before)
        guard.check(cert)
    return cert


def _end_open_certifications(by: Any, officer: Officer, on: date, reason: str, note: str) -> None:
    for cert in Certification.objects.select_for_update().filter(officer=officer, ended_on__isnull=True):
        before = snapshot(cert)
        cert.ended_on = max(on, cert.authorized_on)
        cert.end_reason = reason
        cert.end_note = note
        cert.save()
        _audit(by, "update", cert, before)


# Separation ------------------------------------------------------------------------------------


def separate(
    by: Any, officer_id: int, on: date, reason: str, credentials_returned_on: date | None = None
) -> Officer:
    """The officer leaves the program: open certifications end that day; credentials are returned then
    or later (`record_credential_return`)."""
    require(by, Perm.OFFICERS_SEPARATE)
    reason = reason.strip()
    with scoped_write(by) as guard:
        officer = _locked_officer(by, officer_id)
        if officer.status == OfficerStatus.SEPARATED:
            raise _fail("officer", _("The officer separated on %(date)s.") % {"date": officer.separated_on})
        if not reason:
            raise _fail("reason", _("Give the reason for the separation."))
        if on > _today():
            # Open certifications end on the separation day: a future one would end them in advance.
            raise _fail("on", _("The separation date is in the future."))
        if on < officer.nominated_on:
            raise _fail(
                "on",
                _("The separation date is before the nomination (%(date)s).")
                % {"date": officer.nominated_on.isoformat()},
            )
        latest = Certification.objects.filter(officer=officer).aggregate(last=Max("authorized_on"))["last"]
        if latest is not None and on < latest:
            raise _fail(
                "on",
                _("The separation date is before the latest authorization (%(date)s).")
                % {"date": latest.isoformat()},
            )
        if credentials_returned_on is not None and credentials_returned_on < on:
            raise _fail(
                "credentials_returned_on", _("Credentials cannot be returned before the separation date.")
            )
        _end_open_certifications(by, officer, on, EndReason.SEPARATED, reason)
        before = snapshot(officer)
        officer.status = OfficerStatus.SEPARATED
        officer.separated_on = on
        officer.separation_reason = reason
        officer.credentials_returned_on = credentials_returned_on
        officer.save()
        _audit(by, "update", officer, before)
        guard.check(officer)
    return officer


def record_credential_return(by: Any, officer_id: int, on: date) -> Officer:
    require(by, Perm.OFFICERS_SEPARATE)
    with scoped_write(by) as guard:
        officer = _locked_officer(by, officer_id)
        if officer.status != OfficerStatus.SEPARATED or officer.separated_on is None:
            raise _fail(
                "officer", _("Credentials are returned on separation; this officer has not separated.")
            )
        if officer.credentials_returned_on is not None:
            raise _fail(
                "officer",
                _("Credentials were returned on %(date)s.")
                % {"date": officer.credentials_returned_on.isoformat()},
            )
        if on < officer.separated_on:
            raise _fail(
                "on",
                _("The return date is before the separation (%(date)s).")
                % {"date": officer.separated_on.isoformat()},
            )
        before = snapshot(officer)
        officer.credentials_returned_on = on
        officer.save()
        _audit(by, "update", officer, before)
        guard.check(officer)
    return officer


# Courses ---------------------------------------------------------------------------------------


def update_course(
    by: Any, model: str, hours: int, pass_mark: int, valid_years: int | None, valid_from: str
) -> Course:
    require(by, Perm.OFFICERS_COURSES)
    errors: dict[str, list[str]] = {}
    if not 1 <= hours <= 2000:
        errors["hours"] = [_("Hours must be between 1 and 2,000.")]
    if not 1 <= pass_mark <= 100:
        errors["pass_mark"] = [_("The pass mark is a percentage, from 1 to 100.")]
    if valid_years is not None and not 1 <= valid_years <= 20:
        errors["valid_years"] = [_("Validity must be between 1 and 20 years, or empty for none.")]
    if valid_from not in ValidFrom.values:
        errors["valid_from"] = [
            _("Validity runs from one of: %(values)s.") % {"values": ", ".join(ValidFrom.values)}
        ]
    if errors:
        raise RuleViolation(errors)
    with transaction.atomic():
        course = Course.objects.select_for_update().get(model=model)
        before = snapshot(course)
        course.hours, course.pass_mark, course.valid_years, course.valid_from = (
            hours,
            pass_mark,
            valid_years,
            valid_from,
        )
        course.save()
        _audit(by, "update", course, before)
    return course
