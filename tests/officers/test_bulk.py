"""The set-based answers of `officers.bulk` equal the officer-by-officer ones of `officers.status` on
generated certification histories (overlaps, renewals, revocations, expiries, separations), in the
database, on SQLite and on PostgreSQL alike."""

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from itertools import count

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from g287.officers import status
from g287.officers.bulk import certified_days_bulk, certified_officers_by_agency
from g287.officers.models import Certification, EndReason, Officer, OfficerStatus
from g287.officers.status import certified_days, certified_on
from tests.accounts.fixtures import World

BASE = date(2025, 1, 1)
MODELS = ["JEM", "TFM", "WSO"]
offsets = st.integers(min_value=0, max_value=500)
maybe_length = st.one_of(st.none(), st.integers(min_value=0, max_value=300))
badges = count()


@st.composite
def certification(draw: st.DrawFn) -> dict[str, object]:
    start = BASE + timedelta(days=draw(offsets))
    expires, ended = draw(maybe_length), draw(maybe_length)
    return {
        "model": draw(st.sampled_from(MODELS)),
        "authorized_on": start,
        # Expiry is not constrained by the schema: allow one before the start, which covers nothing.
        "expires_on": None if expires is None else start + timedelta(days=expires - 20),
        "ended_on": None if ended is None else start + timedelta(days=ended),
        "end_reason": draw(st.sampled_from([EndReason.NONE, EndReason.RENEWED, EndReason.REVOKED])),
    }


@st.composite
def officer_history(draw: st.DrawFn) -> tuple[date | None, list[dict[str, object]], bool]:
    separated = draw(st.one_of(st.none(), offsets.map(lambda n: BASE + timedelta(days=n))))
    return separated, draw(st.lists(certification(), max_size=4)), draw(st.booleans())


# Suspensions (half-open spans) for some of the generated officers, by their position in the list.
suspension_spans = st.dictionaries(
    st.integers(min_value=0, max_value=5),
    st.lists(
        st.tuples(offsets, st.one_of(st.none(), st.integers(min_value=1, max_value=120))).map(
            lambda t: (
                BASE + timedelta(days=t[0]),
                None if t[1] is None else BASE + timedelta(days=t[0] + t[1]),
            )
        ),
        max_size=2,
    ),
    max_size=3,
)


@contextmanager
def suspended(officers: list[Officer], spans: dict[int, list[tuple[date, date | None]]]) -> Iterator[None]:
    """Registers a suspension source for the test, as the oversight app does for complaints."""
    by_pk = {officers[i].pk: s for i, s in spans.items() if i < len(officers)}

    def source(ids: Collection[int] | None) -> dict[int, list[tuple[date, date | None]]]:
        return {pk: s for pk, s in by_pk.items() if ids is None or pk in ids}

    status.suspension_sources.append(source)
    try:
        yield
    finally:
        status.suspension_sources.remove(source)


windows = st.tuples(offsets, st.integers(min_value=-3, max_value=200)).map(
    lambda t: (BASE + timedelta(days=t[0]), BASE + timedelta(days=t[0] + t[1]))
)


def _make(world: World, histories: list[tuple[date | None, list[dict[str, object]], bool]]) -> list[Officer]:
    officers = []
    for separated, certs, second_agency in histories:
        officer = Officer.objects.create(
            agency=world.b if second_agency else world.a,
            given_name="Bulk",
            family_name="Test",
            badge_number=f"BULK-{next(badges)}",
            sworn_since=date(2010, 1, 1),
            model_codes="JEM,TFM,WSO",
            citizenship_attested=True,
            status=OfficerStatus.SEPARATED if separated else OfficerStatus.APPROVED,
            nominated_on=date(2024, 12, 1),
            reviewed_on=date(2024, 12, 5),
            separated_on=separated,
            synthetic=True,
        )
        Certification.objects.bulk_create(
            Certification(officer=officer, trained_on=date(2024, 12, 20), **c)  # type: ignore[arg-type]
            for c in certs
        )
        officers.append(officer)
    return officers


SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(st.lists(officer_history(), min_size=1, max_size=6), windows, suspension_spans)
def test_days_equal_certified_days(
    world: World,
    histories: list[tuple[date | None, list[dict[str, object]], bool]],
    window: tuple[date, date],
    spans: dict[int, list[tuple[date, date | None]]],
) -> None:
    start, end = window
    officers = _make(world, histories)
    try:
        with suspended(officers, spans):
            query = Officer.objects.filter(pk__in=[o.pk for o in officers])
            for model in [None, *MODELS]:
                bulk = certified_days_bulk(query, start, end, model)
                for officer in officers:
                    assert bulk.get(officer.pk, 0) == certified_days(officer, start, end, model), (
                        model,
                        officer,
                    )
                assert all(days > 0 for days in bulk.values())
    finally:
        Officer.objects.filter(pk__in=[o.pk for o in officers]).delete()


@SETTINGS
@given(
    st.lists(officer_history(), min_size=1, max_size=6),
    windows,
    st.lists(st.sampled_from(MODELS), min_size=1, max_size=3, unique=True),
    suspension_spans,
)
def test_counts_by_agency_equal_status(
    world: World,
    histories: list[tuple[date | None, list[dict[str, object]], bool]],
    window: tuple[date, date],
    models: list[str],
    spans: dict[int, list[tuple[date, date | None]]],
) -> None:
    start, end = window
    officers = _make(world, histories)
    try:
        with suspended(officers, spans):
            everyone = list(Officer.objects.all())  # the world's certified officers count too
            # On one day: the officers `certified_on` that day under any of the models.
            on_day = {pk for model in models for pk in certified_on(end, model).values_list("pk", flat=True)}
            expected_day: dict[str, int] = {}
            for officer in everyone:
                if officer.pk in on_day:
                    expected_day[officer.agency_id] = expected_day.get(officer.agency_id, 0) + 1
            assert certified_officers_by_agency(end, end, models) == expected_day
            # Over a window: the officers with a certified day under one of the models.
            expected: dict[str, int] = {}
            for officer in everyone:
                if any(certified_days(officer, start, end, m) > 0 for m in models):
                    expected[officer.agency_id] = expected.get(officer.agency_id, 0) + 1
            assert certified_officers_by_agency(start, end, models) == expected
    finally:
        Officer.objects.filter(pk__in=[o.pk for o in officers]).delete()


def test_empty_window_and_unknown_officers(world: World) -> None:
    assert certified_days_bulk(Officer.objects.none(), BASE, BASE + timedelta(days=10)) == {}
    assert certified_days_bulk(Officer.objects.all(), BASE, BASE - timedelta(days=1)) == {}
    assert certified_officers_by_agency(BASE, BASE - timedelta(days=1), ["TFM"]) == {}
    assert certified_officers_by_agency(BASE, BASE, []) == {}
