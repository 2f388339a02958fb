"""The history of an agreement from ICE's lists (g287.registry.history), with no database: versions
opened and closed by each list, the lists rebuilt from the versions, the events the public timeline shows,
and the current state."""

from dataclasses import replace
from datetime import date

from g287.registry.history import (
    EventRecord,
    Summary,
    Values,
    Version,
    advance,
    build_versions,
    participating_events,
    pending_events,
    replay,
    summarize,
)

A, B = "TX-harris#TFM", "TX-bexar#JEM"
V1 = Values("Harris County Sheriff's Office", "county", "Harris County", None, "", "", "", "")
V2 = replace(V1, signed=date(2025, 3, 1))


def test_a_list_opens_closes_and_keeps_versions() -> None:
    open_versions: dict[str, Version] = {}
    first = advance(open_versions, "participating", "k1", {A: V1, B: V1})
    assert ([v.agreement for v in first.opened], first.closed) == ([A, B], [])
    # The same values in another object are no change; B leaves; A changes.
    same = advance(open_versions, "participating", "k2", {A: replace(V1), B: V1})
    assert (same.opened, same.closed) == ([], [])
    step = advance(open_versions, "participating", "k3", {A: V2})
    assert [(v.agreement, v.valid_from, v.valid_to, v.values) for v in step.closed] == [
        (A, "k1", "k3", V1),
        (B, "k1", "k3", V1),
    ]
    assert [(v.agreement, v.kind, v.valid_from, v.valid_to, v.values) for v in step.opened] == [
        (A, "participating", "k3", None, V2)
    ]
    assert list(open_versions) == [A] and open_versions[A].values == V2


def test_versions_are_built_per_agreement_in_order_and_replay_gives_the_lists_back() -> None:
    timeline = [("k1", {B: V1, A: V1}), ("k2", {A: V2}), ("k3", {A: V2, B: V1}), ("k4", {})]
    versions = build_versions("participating", timeline)
    assert [(v.agreement, v.kind, v.valid_from, v.valid_to) for v in versions] == [
        (B, "participating", "k1", "k2"),
        (B, "participating", "k3", "k4"),
        (A, "participating", "k1", "k2"),
        (A, "participating", "k2", "k4"),
    ]
    assert replay(versions, [k for k, _ in timeline]) == [(k, dict(rows)) for k, rows in timeline]


def test_replay_keeps_a_version_that_starts_where_an_older_one_ends() -> None:
    """Given in any order: the new values of k2 replace the old, never removed by the old one's end."""
    old = Version(A, "participating", "k1", "k2", V1)
    new = Version(A, "participating", "k2", None, V2)
    assert replay([new, old], ["k1", "k2", "k3"]) == [("k1", {A: V1}), ("k2", {A: V2}), ("k3", {A: V2})]


def version(start: str, end: str | None, values: Values = V1) -> Version:
    return Version(A, "participating", start, end, values)


def test_first_listing_reports_what_the_list_already_says() -> None:
    posted = replace(
        V2, moa="posted", moa_url="https://ice.gov/moa.pdf", addendum="posted", addendum_url="ad.pdf"
    )
    assert participating_events([version("k1", None, posted)]) == [
        EventRecord("k1", "listed"),
        EventRecord("k1", "signed", "", "2025-03-01"),
        EventRecord("k1", "moa_posted", "", "https://ice.gov/moa.pdf"),
        EventRecord("k1", "addendum_posted", "", "ad.pdf"),
    ]
    assert participating_events([version("k1", None)]) == [EventRecord("k1", "listed")]
    assert participating_events([]) == []


def test_changes_between_versions_and_gaps_in_the_listing() -> None:
    changed = Values("Harris County SO", "municipality", "Fort Bend County", date(2025, 4, 1), "", "", "", "")
    versions = [
        version("k3", "k5", V2),  # given out of order: sorted by start
        version("k1", "k3", V1),
        version("k6", "k7", changed),
    ]
    assert participating_events(versions) == [
        EventRecord("k1", "listed"),
        EventRecord("k3", "signed", "", "2025-03-01"),
        EventRecord("k5", "removed"),
        EventRecord("k6", "relisted"),
        EventRecord("k6", "signed_corrected", "2025-03-01", "2025-04-01"),
        EventRecord("k6", "county_changed", "Harris County", "Fort Bend County"),
        EventRecord("k6", "type_changed", "county", "municipality"),
        EventRecord("k6", "renamed", "Harris County Sheriff's Office", "Harris County SO"),
        EventRecord("k7", "removed"),
    ]


def test_county_case_is_no_change_and_documents_are_posted_once_per_address() -> None:
    posted = replace(V1, moa="posted", moa_url="m1", addendum="posted", addendum_url="a1")
    versions = [
        version("k1", "k2", V1),
        version("k2", "k3", replace(V1, county="HARRIS COUNTY")),
        version("k3", "k4", posted),
        version("k4", "k5", replace(posted, name="Harris County Sheriff")),  # same documents: no event
        version("k5", "k6", replace(posted, moa_url="m2", addendum_url="a2")),
        version("k6", None, replace(posted, moa_url="m2", addendum_url="a2", moa="", addendum="")),
    ]
    assert participating_events(versions)[1:] == [
        EventRecord("k3", "moa_posted", "", "m1"),
        EventRecord("k3", "addendum_posted", "", "a1"),
        EventRecord("k4", "renamed", "Harris County Sheriff's Office", "Harris County Sheriff"),
        EventRecord("k5", "renamed", "Harris County Sheriff", "Harris County Sheriff's Office"),
        EventRecord("k5", "moa_posted", "m1", "m2"),
        EventRecord("k5", "addendum_posted", "a1", "a2"),
    ]


def test_requests_dropped_and_made_again() -> None:
    pending = [
        Version(A, "pending", "k4", None, V1),
        Version(A, "pending", "k1", "k2", V1),
        Version(A, "pending", "k2", "k3", V2),  # changed values: the same request
    ]
    assert pending_events(pending) == [
        EventRecord("k1", "requested"),
        EventRecord("k3", "request_dropped"),
        EventRecord("k4", "requested"),
    ]
    assert pending_events(pending[1:]) == [
        EventRecord("k1", "requested"),
        EventRecord("k3", "request_dropped"),
    ]
    assert pending_events([]) == []


def test_summary_of_an_ended_agreement_names_its_last_listing() -> None:
    pending = [Version(A, "pending", "k1", "k2", V1)]
    participating = [version("k4", "k6", V2), version("k2", "k3", V1)]
    summary = summarize(participating, pending, {"k6": "k5", "k3": "k2"})
    assert summary == Summary("ended", V2, "k1", "k2", "k5", "k6")


def test_summary_of_active_pending_and_withdrawn() -> None:
    assert summarize([version("k2", None, V2)], [], {}) == Summary("active", V2, None, "k2", None, None)
    pending = [Version(A, "pending", "k1", None, V2)]
    assert summarize([], pending, {}) == Summary("pending", V2, "k1", None, None, None)
    dropped = [Version(A, "pending", "k1", "k3", V1)]
    assert summarize([], dropped, {"k3": "k2"}) == Summary("withdrawn", V1, "k1", None, None, None)


def test_summary_reads_the_requests_in_order_whatever_order_they_come_in() -> None:
    again = [Version(A, "pending", "k3", None, V2), Version(A, "pending", "k1", "k2", V1)]
    assert summarize([], again, {}) == Summary("pending", V2, "k1", None, None, None)
