"""Demo accounts (one per role) and synthetic officers for a few real agencies. Demo only: the
credentials are public (README), and every officer made here is flagged `synthetic`."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from g287.accounts.models import FieldOffice, Profile, Role
from g287.registry.models import Agency, Agreement, Status

DEMO_PASSWORD = "demo-287g-password"
USERNAMES = {
    Role.PROGRAM_ADMIN: "demo-program-admin",
    Role.PROGRAM_REVIEWER: "demo-program-reviewer",
    Role.FIELD_SUPERVISOR: "demo-field-supervisor",
    Role.AGENCY_ADMIN: "demo-agency-admin",
    Role.AUDITOR: "demo-auditor",
}
GIVEN = ["Alex", "Jordan", "Casey", "Riley", "Morgan", "Taylor", "Jamie", "Quinn", "Avery", "Drew"]
AGENCIES_WANTED = 5


@dataclass
class DemoResult:
    users: dict[str, str]  # role -> username
    agency: Agency | None
    field_office: FieldOffice | None
    officers_made: int


def demo_agencies(limit: int = AGENCIES_WANTED) -> list[Agency]:
    """Real agencies with an agreement in force, one per state, TFM holders first, Texas first
    (deterministic, so every `make demo` makes the same demo)."""
    active = (
        Agreement.objects.filter(status=Status.ACTIVE)
        .select_related("agency")
        .order_by("agency__state", "agency__name")
    )
    chosen: dict[str, Agency] = {}
    for preferred_model in ("TFM", "JEM", "WSO"):
        agreements = sorted(active.filter(model=preferred_model), key=lambda a: a.agency.state != "TX")
        for agreement in agreements:
            state = agreement.agency.state
            if state not in chosen and len(chosen) < limit:
                chosen[state] = agreement.agency
    agencies = sorted(chosen.values(), key=lambda a: (a.state != "TX", a.state, a.name))
    return agencies[:limit]


def _user(username: str, role: str, agency: Agency | None, office: FieldOffice | None) -> Any:
    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.org"}
    )
    user.set_password(DEMO_PASSWORD)
    user.is_active = True
    user.save()
    Profile.objects.update_or_create(
        user=user, defaults={"role": role, "agency": agency, "field_office": office}
    )
    return user


def create_demo(today: date | None = None) -> DemoResult:
    today = today or timezone.localdate()
    agencies = demo_agencies()
    home = agencies[0] if agencies else None
    office = (
        next((fo for fo in FieldOffice.objects.order_by("code") if home.state in fo.states), None)
        if home
        else None
    ) or FieldOffice.objects.filter(code="HOU").first()
    users: dict[str, str] = {}
    with transaction.atomic():
        for role, username in USERNAMES.items():
            if role == Role.AGENCY_ADMIN and home is None:
                continue  # no agency in the registry yet: load the history first
            if role == Role.FIELD_SUPERVISOR and office is None:
                continue
            _user(
                username,
                role,
                home if role == Role.AGENCY_ADMIN else None,
                office if role == Role.FIELD_SUPERVISOR else None,
            )
            users[role] = username
        admin = get_user_model().objects.get(username=USERNAMES[Role.PROGRAM_ADMIN])
        made = sum(_synthetic_officers(admin, agency, n, today) for n, agency in enumerate(agencies))
    return DemoResult(users, home, office, made)


def _synthetic_officers(by: Any, agency: Agency, n: int, today: date) -> int:
    """Four officers per agency, in different states: certified, expiring within 60 days, approved and
    awaiting training, nominated. Skipped when the agency already has synthetic officers."""
    from g287.officers import services
    from g287.officers.models import Officer
    from g287.officers.rules import Nomination, active_models

    if Officer.objects.filter(agency=agency, synthetic=True).exists():
        return 0
    models = sorted(active_models(agency))
    if not models:
        return 0
    model = "TFM" if "TFM" in models else models[0]
    made = 0
    starts = {"certified": 300, "expiring": 720, "approved": 12, "nominated": 10}
    for k, stage in enumerate(["certified", "expiring", "approved", "nominated"]):
        nominated_on = today - timedelta(days=starts[stage])
        officer = services.nominate(
            by,
            agency.pk,
            Nomination(
                given_name=GIVEN[(n * 4 + k) % len(GIVEN)],
                family_name="Synthetic",
                badge_number=f"DEMO-{n + 1:02d}{k + 1:02d}",
                sworn_since=date(2012, 1, 1) + timedelta(days=97 * (n + k)),
                models=[model],
                citizenship_attested=True,
                disciplinary_disclosure="None (synthetic demo record)." if model == "WSO" else "",
            ),
            on=nominated_on,
            synthetic=True,
        )
        made += 1
        if stage == "nominated":
            continue
        reviewed_on = nominated_on + timedelta(days=7)
        services.review(by, officer.pk, True, "Demo approval.", on=reviewed_on)
        if stage == "approved":
            continue
        if stage == "certified":
            trained_on = reviewed_on + timedelta(days=21)
            services.record_exam(by, officer.pk, model, trained_on, 88)
            authorized_on = trained_on + timedelta(days=14)
        else:
            # Authorized just under two years ago, so the two-year term ends within the next 60 days.
            authorized_on = today - timedelta(days=680)
            trained_on = authorized_on - timedelta(days=14)
            services.record_exam(by, officer.pk, model, trained_on - timedelta(days=3), 64)
            services.record_exam(by, officer.pk, model, trained_on, 75)
        services.certify(
            by,
            officer.pk,
            model,
            authorized_on,
            f"70-006-DEMO-{n + 1:02d}{k + 1:02d}",
            f"CRED-DEMO-{n + 1:02d}{k + 1:02d}",
        )
    return made
