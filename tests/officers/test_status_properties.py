"""status_on and certified_days, tested hard: the funding rules pay by these numbers.

Pure properties run on generated histories; the database test drives random life cycles through the
services and compares every day against an oracle kept independently by the test."""

import itertools
from dataclasses import dataclass, field
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from g287.officers import services
from g287.officers.dates import add_years
from g287.officers.models import Officer
from g287.officers.rules import Nomination
from g287.officers.status import (
    certified_days,
    certified_days_for,
    certified_on,
    history_of,
    is_certified_on,
    status_on,
)
from g287.officers.timeline import DayStatus, History, Period, certified_day_count, status_at
from tests.accounts.fixtures import World

BASE = date(2020, 1, 1)
MODELS = ["JEM", "TFM", "WSO"]
days_ = st.integers(min_value=0, max_value=900)


@st.composite
def periods(draw: st.DrawFn) -> Period:
    start = BASE + timedelta(days=draw(days_))
    length = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=400)))
    return Period(
        draw(st.sampled_from(MODELS)),
        start,
        None if length is None else start + timedelta(days=length),
        draw(st.booleans()),
    )


@st.composite
def histories(draw: st.DrawFn) -> History:
    nominated = BASE + timedelta(days=draw(st.integers(0, 200)))
    maybe_day = st.one_of(st.none(), days_.map(lambda n: BASE + timedelta(days=n)))
    return History(
        nominated_on=nominated,
        reviewed_on=draw(maybe_day),
        approved=draw(st.one_of(st.none(), st.booleans())),
        trained=tuple(
            draw(
                st.lists(
                    st.tuples(st.sampled_from(MODELS), days_.map(lambda n: BASE + timedelta(days=n))),
                    max_size=3,
                )
            )
        ),
        disqualified_on=draw(maybe_day),
        separated_on=draw(maybe_day),
        periods=tuple(draw(st.lists(periods(), max_size=5))),
    )


windows = st.tuples(days_, st.integers(min_value=-5, max_value=400)).map(
    lambda t: (BASE + timedelta(days=t[0]), BASE + timedelta(days=t[0] + t[1]))
)


@settings(max_examples=300)
@given(histories(), windows, st.one_of(st.none(), st.sampled_from(MODELS)))
def test_count_equals_day_by_day_status(
    history: History, window: tuple[date, date], model: str | None
) -> None:
    start, end = window
    day_by_day = sum(
        status_at(history, start + timedelta(days=i), model) is DayStatus.CERTIFIED
        for i in range(max(0, (end - start).days + 1))
    )
    assert certified_day_count(history, start, end, model) == day_by_day


@settings(max_examples=200)
@given(histories(), windows, st.integers(min_value=0, max_value=400))
def test_count_is_additive_and_bounded(history: History, window: tuple[date, date], cut: int) -> None:
    start, end = window
    total = certified_day_count(history, start, end)
    assert 0 <= total <= max(0, (end - start).days + 1)
    middle = start + timedelta(days=cut)
    if start <= middle <= end:
        assert total == certified_day_count(history, start, middle) + certified_day_count(
            history, middle + timedelta(days=1), end
        )
    per_model = [certified_day_count(history, start, end, m) for m in MODELS]
    assert max(per_model) <= total <= sum(per_model)


@settings(max_examples=200)
@given(histories(), days_)
def test_separation_ends_everything(history: History, offset: int) -> None:
    day = BASE + timedelta(days=offset)
    if history.separated_on is not None and day >= history.separated_on:
        assert status_at(history, day) is DayStatus.SEPARATED
    if status_at(history, day) is DayStatus.CERTIFIED:
        assert any(p.covers(day) for p in history.periods)


@settings(max_examples=200)
@given(histories(), periods(), windows)
def test_more_periods_never_fewer_days(history: History, extra: Period, window: tuple[date, date]) -> None:
    more = History(**{**history.__dict__, "periods": (*history.periods, extra)})
    assert certified_day_count(more, *window) >= certified_day_count(history, *window)


# Through the database ---------------------------------------------------------------------------


@dataclass
class Oracle:
    separated: date | None = None
    spans: list[list[date | None]] = field(default_factory=list)  # [start, expiry, ended]

    def certified(self, day: date) -> bool:
        if self.separated is not None and day >= self.separated:
            return False
        for start, expiry, ended in self.spans:
            ends = [d for d in (expiry, ended) if d is not None]
            if start is not None and start <= day and (not ends or day < min(ends)):
                return True
        return False

    def close_open(self, on: date) -> None:
        for span in self.spans:
            if span[2] is None:
                span[2] = max(on, span[0])  # type: ignore[type-var]


badges = itertools.count()
step = st.integers(min_value=1, max_value=120)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    model=st.sampled_from(["JEM", "TFM"]),
    nominated=st.integers(min_value=0, max_value=400),
    delays=st.lists(step, min_size=8, max_size=8),
    scores=st.tuples(st.integers(0, 100), st.integers(0, 100)),
    events=st.lists(st.sampled_from(["renew", "revoke", "separate", "refresher_fail"]), max_size=3),
)
def test_services_agree_with_an_oracle(
    world: World, model: str, nominated: int, delays: list[int], scores: tuple[int, int], events: list[str]
) -> None:
    by = world.users["program_admin"]
    day = BASE + timedelta(days=nominated)
    waits = iter(delays)
    oracle = Oracle()
    officer = services.nominate(
        by,
        world.a.pk,
        Nomination("Gen", "Erated", f"H-{next(badges)}", date(2000, 1, 1), [model], True, ""),
        on=day,
    )
    day += timedelta(days=next(waits))
    services.review(by, officer.pk, True, "", on=day)
    day += timedelta(days=next(waits))
    passed_on = None
    first = services.record_exam(by, officer.pk, model, day, scores[0])
    if first.exam.passed:
        passed_on = day
    else:
        day += timedelta(days=next(waits))
        if services.record_exam(by, officer.pk, model, day, scores[1]).exam.passed:
            passed_on = day
    if passed_on is not None:
        day += timedelta(days=next(waits))
        cert = services.certify(by, officer.pk, model, day, "F", "C")
        expiry = add_years(passed_on if model == "JEM" else day, 2)
        oracle.spans.append([day, expiry, None])
        for event in events:
            day += timedelta(days=next(waits, 30))
            if event == "renew":
                if model == "JEM":
                    services.record_exam(by, officer.pk, model, day, 90)
                    expiry = add_years(day, 2)
                else:
                    expiry = add_years(day, 2)
                oracle.close_open(day)
                cert = services.renew(by, cert.pk, day)
                oracle.spans.append([day, expiry, None])
            elif event == "revoke":
                services.revoke(by, cert.pk, day, "Generated.")
                oracle.close_open(day)
                break
            elif event == "refresher_fail":
                services.record_exam(by, officer.pk, model, day, 10)
                day += timedelta(days=1)
                services.record_exam(by, officer.pk, model, day, 10)  # disqualifies
                oracle.close_open(day)
                break
            else:
                services.separate(by, officer.pk, day, "Generated.")
                oracle.close_open(day)
                oracle.separated = day
                break
    officer = Officer.objects.prefetch_related("certifications", "exams").get(pk=officer.pk)
    start = BASE + timedelta(days=nominated - 5)
    end = day + timedelta(days=800)
    expected_days = 0
    probe = start
    history = history_of(officer)
    while probe <= end:
        want = oracle.certified(probe)
        assert (status_at(history, probe) is DayStatus.CERTIFIED) == want, probe
        assert (status_at(history, probe, model) is DayStatus.CERTIFIED) == want
        expected_days += want
        probe += timedelta(days=1)
    assert certified_days(officer, start, end) == expected_days
    assert certified_days_for(Officer.objects.filter(pk=officer.pk), start, end) == {
        officer.pk: expected_days
    }
    for probe in (start, day - timedelta(days=1), day, day + timedelta(days=400)):
        assert (officer.pk in set(certified_on(probe).values_list("pk", flat=True))) == oracle.certified(
            probe
        )
        assert is_certified_on(officer, probe) == oracle.certified(probe)
        if oracle.separated is not None and probe >= oracle.separated:
            assert status_on(officer, probe) is DayStatus.SEPARATED
