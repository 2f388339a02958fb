"""A small world for permission tests: two real-looking agencies in different field offices, a user
per role in and out of scope, and one certified officer in each agency."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from g287.accounts.field_offices import load_field_offices
from g287.accounts.models import FieldOffice, Profile, Role
from g287.officers import services
from g287.officers.courses import load_courses
from g287.officers.models import Certification, Course, Officer
from g287.officers.rules import Nomination
from g287.registry.models import Agency, Agreement, Status

PASSWORD = "a-long-test-password-287"
IN_AGENCY = "TX-alpha-county-sheriffs-office"
OUT_AGENCY = "FL-beta-county-sheriffs-office"


def make_agency(pk: str, state: str, name: str, models: list[str]) -> Agency:
    agency = Agency.objects.create(id=pk, state=state, name=name, type="county")
    for model in models:
        Agreement.objects.create(
            id=f"{pk}-{model}",
            agency=agency,
            state=state,
            model=model,
            status=Status.ACTIVE,
            name=name,
            signed=date(2025, 2, 1),
        )
    return agency


def make_user(
    username: str, role: str | None, agency: Agency | None = None, office: str | None = None
) -> User:
    user = User.objects.create_user(username, f"{username}@example.org", PASSWORD)
    if role is not None:
        Profile.objects.create(
            user=user,
            role=role,
            agency=agency,
            field_office=FieldOffice.objects.get(pk=office) if office else None,
        )
    return User.objects.get(pk=user.pk)


def certified_officer(by: User, agency: Agency, given: str, family: str, badge: str) -> Officer:
    today = timezone.localdate()
    start = today - timedelta(days=400)
    officer = services.nominate(
        by,
        agency.pk,
        Nomination(given, family, badge, date(2010, 1, 1), ["TFM"], True, ""),
        on=start,
    )
    services.review(by, officer.pk, True, "", on=start + timedelta(days=5))
    services.record_exam(by, officer.pk, "TFM", start + timedelta(days=20), 91)
    services.certify(by, officer.pk, "TFM", start + timedelta(days=30), f"F-{badge}", f"C-{badge}")
    return Officer.objects.get(pk=officer.pk)


@dataclass
class World:
    a: Agency
    b: Agency
    users: dict[str, User | None]
    officer_a: Officer
    officer_b: Officer
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def cert_a(self) -> Certification:
        return Certification.objects.get(officer=self.officer_a)


ROLES = [
    "anonymous",
    "no_role",
    "program_admin",
    "program_reviewer",
    "auditor",
    "fs_in",
    "fs_out",
    "aa_in",
    "aa_out",
]
IN_SCOPE = {"program_admin", "program_reviewer", "auditor", "fs_in", "aa_in"}


def reference_data() -> None:
    # Migrations seed these, but transactional tests flush them.
    load_field_offices(FieldOffice)
    load_courses(Course)


@pytest.fixture
def world(db: Any) -> World:
    reference_data()
    a = make_agency(IN_AGENCY, "TX", "Alpha County Sheriff's Office", ["TFM", "JEM"])
    b = make_agency(OUT_AGENCY, "FL", "Beta County Sheriff's Office", ["TFM", "WSO"])
    users: dict[str, User | None] = {
        "anonymous": None,
        "no_role": make_user("no-role", None),
        "program_admin": make_user("pa", Role.PROGRAM_ADMIN),
        "program_reviewer": make_user("pr", Role.PROGRAM_REVIEWER),
        "auditor": make_user("auditor", Role.AUDITOR),
        "fs_in": make_user("fs-in", Role.FIELD_SUPERVISOR, office="HOU"),
        "fs_out": make_user("fs-out", Role.FIELD_SUPERVISOR, office="MIA"),
        "aa_in": make_user("aa-in", Role.AGENCY_ADMIN, agency=a),
        "aa_out": make_user("aa-out", Role.AGENCY_ADMIN, agency=b),
    }
    admin = users["program_admin"]
    officer_a = certified_officer(admin, a, "Ann", "Inscope", "A-111")
    officer_b = certified_officer(admin, b, "Zed", "Outofscope", "B-999")
    return World(a, b, users, officer_a, officer_b)


@pytest.fixture(autouse=True)
def static_root(settings: Any, tmp_path: Any) -> None:
    # WhiteNoise warns (an error under this suite's filters) when STATIC_ROOT does not exist yet.
    settings.STATIC_ROOT = tmp_path
    # Argon2 is deliberately slow; the permission tests make hundreds of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
