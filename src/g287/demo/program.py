"""A whole synthetic program for the demo: FY2026 Q1 and Q2 for the demo agencies (the ones
`g287 demo_accounts` picked), built through the same services the pages use, so every figure is one
the rules produced and every write is in the audit log.

- officers certified before FY2026, one suspended by a complaint (its Q2 claim line is prorated), one
  separated in Q2; with demo_accounts' officers: nominated, in training, certified, expiring;
- claims in every status: Q1 settled (paid, with statements and awards), approved after the
  settlement (waiting for payment), rejected; Q2 draft, submitted, in review, returned (the demo
  agency administrator's), partially approved;
- lead counts and awards; the FY2026 appropriation (budget); FY2027's rules (copied from FY2026);
- complaints with clocks running and overdue, meetings held and due, suspension and termination
  notices; "records since" dates for the obligation measures.

Every officer is `synthetic`; every text says "demo". Public pages then carry the demo banner
(g287.demo.banner). Runs once: a second run finds its officers and does nothing."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from g287.accounts.models import Role
from g287.demo.accounts import USERNAMES, demo_agencies
from g287.funding import awards
from g287.funding.budget import set_appropriation
from g287.funding.fiscal import Quarter
from g287.funding.models import RuleSet
from g287.funding.rules import update_rules
from g287.funding.services import claims
from g287.funding.services.settlement import settle
from g287.officers import services
from g287.officers.models import Officer
from g287.officers.rules import Nomination
from g287.oversight import meetings, notices, records
from g287.oversight.services import cases
from g287.registry.models import Agency, Agreement, Status

Q1, Q2 = Quarter(2026, 1), Quarter(2026, 2)
BADGE = "DEMO-P"
ANNUAL_SALARY = 6_800_000  # $68,000
QUARTER_SALARY = ANNUAL_SALARY // 4
QUARTER_BENEFITS = 600_000
QUARTER_OVERTIME = 150_000


@dataclass
class ProgramResult:
    agencies: list[str] = field(default_factory=list)
    officers: int = 0
    claims: dict[str, int] = field(default_factory=dict)  # status -> count
    complaints: int = 0
    skipped: str = ""


def _user(role: Role) -> Any:
    return get_user_model().objects.get(username=USERNAMES[role])


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=ZoneInfo(settings.TIME_ZONE))


def _certified_officers(admin: Any, agency: Agency, n: int, count: int) -> list[Officer]:
    """TFM officers certified in June 2025, so they are certified through FY2026."""
    made = []
    for k in range(count):
        officer = services.nominate(
            admin,
            agency.pk,
            Nomination(
                given_name=["Robin", "Sam", "Kai", "Lee"][k % 4],
                family_name="Synthetic",
                badge_number=f"{BADGE}{n + 1:02d}{k + 1:02d}",
                sworn_since=date(2014, 3, 1),
                models=["TFM"],
                citizenship_attested=True,
                disciplinary_disclosure="",
            ),
            on=date(2025, 5, 1),
            synthetic=True,
        )
        services.review(admin, officer.pk, True, "Demo approval.", on=date(2025, 5, 8))
        services.record_exam(admin, officer.pk, "TFM", date(2025, 5, 29), 90)
        services.certify(
            admin,
            officer.pk,
            "TFM",
            date(2025, 6, 12),
            f"70-006-{BADGE}{n + 1:02d}{k + 1:02d}",
            f"CRED-{BADGE}{n + 1:02d}{k + 1:02d}",
        )
        made.append(officer)
    return made


def _lines(officers: list[Officer]) -> list[claims.LineInput]:
    return [
        claims.LineInput(o.pk, QUARTER_SALARY, QUARTER_BENEFITS, QUARTER_OVERTIME, ANNUAL_SALARY)
        for o in officers
    ]


def _file(admin: Any, agency: Agency, quarter: Quarter, officers: list[Officer], submit: bool) -> int:
    claim = claims.open_claim(admin, agency.pk, quarter)
    for line in _lines(officers):
        claims.set_line(admin, claim.pk, line)
    if submit:
        claims.submit(admin, claim.pk)
    return claim.pk


def _review(reviewer: Any, claim_id: int) -> None:
    claims.start_review(reviewer, claim_id)


def _approve(reviewer: Any, claim_id: int) -> None:
    claims.start_review(reviewer, claim_id)
    claims.approve(reviewer, claim_id)


def _tfm_agencies(agencies: list[Agency]) -> list[Agency]:
    tfm = set(
        Agreement.objects.filter(agency__in=agencies, model="TFM", status=Status.ACTIVE).values_list(
            "agency_id", flat=True
        )
    )
    return [a for a in agencies if a.pk in tfm]


def build_program(today: date | None = None) -> ProgramResult:
    today = today or timezone.localdate()
    result = ProgramResult()
    if Officer.objects.filter(badge_number__startswith=BADGE, synthetic=True).exists():
        result.skipped = "the demo program is already there"
        return result
    if today < Quarter(2026, 3).start:
        result.skipped = "FY2026 Q2 has not ended yet"
        return result
    admin, reviewer = _user(Role.PROGRAM_ADMIN), _user(Role.PROGRAM_REVIEWER)
    agencies = _tfm_agencies(demo_agencies())
    if len(agencies) < 5:
        result.skipped = "fewer than five demo agencies hold a TFM agreement: load the history first"
        return result
    a, b, c, d, e = agencies[:5]
    result.agencies = [x.pk for x in agencies[:5]]

    # Rules and money: FY2027 rules (FY2026's figures, to be reviewed), appropriations.
    if not RuleSet.objects.filter(fiscal_year=2027).exists():
        update_rules(admin, 2027, date(2026, 10, 1), {"note": "Demo: FY2026's figures carried over."})
    set_appropriation(admin, 2026, 150_000_000, "Demo appropriation (synthetic).")
    set_appropriation(admin, 2027, 160_000_000, "Demo appropriation (synthetic).")

    officers = {x.pk: _certified_officers(admin, x, n, 3) for n, x in enumerate(agencies[:5])}
    result.officers = sum(len(v) for v in officers.values())

    # FY2026 Q1: lead counts, three claims approved and settled (paid, statements, awards), one rejected;
    # one approved after the settlement, waiting for its payment.
    for agency, provided, located in ((a, 100, 95), (b, 50, 42), (c, 50, 30), (d, 80, 60)):
        awards.report_leads(admin, agency.pk, Q1, provided, located)
    for agency in (a, b, c):
        _approve(reviewer, _file(admin, agency, Q1, officers[agency.pk], submit=True))
    rejected = _file(admin, d, Q1, officers[d.pk], submit=True)
    claims.start_review(reviewer, rejected)
    claims.reject(reviewer, rejected, "Demo: the salary figures do not match the agency's payroll records.")
    late = _file(admin, e, Q1, officers[e.pk], submit=True)
    settle(Q1, out=None, progress=False)
    _approve(reviewer, late)

    # A complaint that may lead to discipline suspends one of A's officers from 2026-03-10 to
    # 2026-04-15: their Q2 line is reimbursed for the days before the suspension only.
    suspended = officers[a.pk][0]
    complaint = cases.record_complaint(
        admin,
        cases.Intake(a.pk, "TFM", "conduct", "Demo case: discourteous conduct during a traffic stop."),
        "agency",
        _at(date(2026, 3, 10)),
    )
    cases.triage(admin, complaint.pk, "TFM", suspended.pk, True, date(2026, 3, 10))
    cases.resolve(admin, complaint.pk, date(2026, 4, 15), "not_sustained", "Demo case, closed.")
    # One of B's officers leaves in Q2.
    services.separate(admin, officers[b.pk][2].pk, date(2026, 2, 15), "Demo: retired.", date(2026, 2, 20))

    # FY2026 Q2: returned (with the suspended officer's line, prorated), partially approved,
    # submitted, in review, draft.
    for agency, provided, located in ((a, 120, 110), (b, 60, 45)):
        awards.report_leads(admin, agency.pk, Q2, provided, located)
    # A's (the demo agency administrator's) claim comes back for correction.
    returned = _file(admin, a, Q2, officers[a.pk], submit=True)
    claims.return_claim(reviewer, returned, "Demo: attach the payroll register for March.")
    partial = _file(admin, b, Q2, officers[b.pk], submit=True)
    claims.start_review(reviewer, partial)
    from g287.funding.models import ClaimLine

    line = ClaimLine.objects.filter(claim_id=partial, eligible_cents__gt=0).order_by("id").first()
    if line is not None:
        claims.adjust_line(
            reviewer, line.pk, line.eligible_cents - QUARTER_OVERTIME, "Demo: overtime not documented."
        )
    claims.approve(reviewer, partial)
    _file(admin, c, Q2, officers[c.pk], submit=True)
    _review(reviewer, _file(admin, d, Q2, officers[d.pk], submit=True))
    _file(admin, e, Q2, officers[e.pk], submit=False)

    # Complaints with clocks: a TFM case overdue (received 120 days ago), one running (20 days ago).
    for days, text in ((120, "Demo case: property not returned."), (20, "Demo case: rude language.")):
        cases.record_complaint(
            admin,
            cases.Intake(b.pk, "TFM", "conduct", text),
            "opr",
            _at(today - timedelta(days=days)),
        )
    result.complaints = 3

    # Meetings (JEM and WSO agreements in the demo agencies' states): one held, one scheduled.
    states = {x.state for x in agencies[:5]}
    reviewable = list(
        Agreement.objects.filter(status=Status.ACTIVE, model__in=meetings.MEETING_MODELS, state__in=states)
        .exclude(signed__isnull=True)
        .filter(signed__lte=today - timedelta(days=200))
        .order_by("state", "name")[:2]
    )
    if reviewable:
        held = meetings.schedule(admin, reviewable[0].pk, today - timedelta(days=30))
        meetings.record_held(
            admin,
            held.pk,
            today - timedelta(days=30),
            "Demo meeting: reviewed training records; no findings.",
        )
    if len(reviewable) > 1:
        meetings.schedule(admin, reviewable[1].pk, today + timedelta(days=20))

    # Notices: ICE suspends E's TFM agreement at once, then moves to termination on 90 days' notice,
    # given 70 days ago: it takes effect within the work queue's 30 days.
    tfm_e = Agreement.objects.get(agency=e, model="TFM", status=Status.ACTIVE)
    notices.record_notice(
        admin,
        tfm_e.pk,
        "suspension",
        "ice",
        today - timedelta(days=100),
        summary="Demo notice, not a real one.",
    )
    notices.record_notice(
        admin,
        tfm_e.pk,
        "termination",
        "ice",
        today - timedelta(days=70),
        summary="Demo notice, not a real one.",
    )

    # The office has recorded these obligations in g287 since:
    # Meetings only recently: the meeting measure needs a whole recorded year, so it says "not
    # recorded before" rather than calling 500 real agreements overdue for want of records.
    records.set_records_since(admin, "meetings", date(2026, 6, 1))
    records.set_records_since(admin, "training", date(2025, 5, 1))
    records.set_records_since(admin, "complaints", date(2025, 10, 1))

    from g287.funding.models import Claim

    for status in Claim.objects.filter(agency__in=agencies[:5], is_current=True).values_list(
        "status", flat=True
    ):
        result.claims[status] = result.claims.get(status, 0) + 1
    return result
