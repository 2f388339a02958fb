"""The API's documented shapes. Field names and meanings are a public contract: add fields, never rename
or repurpose one."""

from __future__ import annotations

from datetime import date

from ninja import Field, Schema

from g287.core.api_lists import IsoDate, ListPage, ListParams, choice, choices
from g287.core.states import NAME_BY_CODE
from g287.portal.filters import MODELS, SORTS, STATUS_CHOICES, STATUS_DEFAULT_TEXT, TYPES


class Source(Schema):
    """The ICE list a figure was read from; `key` opens it at /api/snapshots/{key}."""

    key: str
    date: date
    file: str
    kind: str
    sha256: str


class AgreementQuery(ListParams):
    state: list[str] = choices(NAME_BY_CODE, "postal codes (TX, GU, …)")
    model: list[str] = choices(MODELS, "JEM, TFM or WSO")
    type: list[str] = choices(TYPES, "county, municipality, state or unknown")
    status: list[str] = choices(
        STATUS_CHOICES,
        "active, pending, ended or withdrawn (the code for: left the pending list unsigned; ICE publishes no"
        f" withdrawals), or all; {STATUS_DEFAULT_TEXT}",
    )
    signed_from: IsoDate | None = Field(None, description="signed on or after (YYYY-MM-DD)")
    signed_to: IsoDate | None = Field(None, description="signed on or before (YYYY-MM-DD)")
    q: str = Field("", description="words in the agency name or county")
    sort: str = choice(
        [*SORTS, *(f"-{s}" for s in SORTS)], "the column to sort by; prefix - for descending", "name"
    )


class Agreement(Schema):
    id: str = Field(description="`<agency id>#<model>`")
    agency_id: str
    state: str
    name: str = Field(description="the agency's name as ICE last listed it")
    model: str
    status: str = Field(
        description="active, pending (requested), ended (left a participating list) or withdrawn (the code for: left the pending list without appearing on a participating list; ICE publishes no withdrawals)"
    )
    status_text: str = Field(
        "", description="the status in words: Active, Pending, Ended, Left the pending list"
    )
    type: str = Field(description="county, municipality, state, or empty when ICE gave none")
    county: str
    signed: date | None
    moa: str = Field(description="'' none, 'pending' (ICE wrote “link pending”), 'posted'")
    moa_url: str
    addendum: str
    addendum_url: str
    first_requested: date | None
    first_listed: date | None
    last_listed: date | None
    ended: date | None
    ori: str | None = Field(None, description="the agency's FBI identifier (ORI); null unless matched")
    county_fips: list[str] = Field([], description="five-digit Census codes of the agency's counties")


class AgreementPage(ListPage[Agreement]):
    source: Source | None
    filters: dict[str, str]


class Event(Schema):
    date: date
    agreement: str
    agency_id: str
    state: str
    name: str
    model: str
    kind: str
    kind_label: str
    old: str
    new: str
    snapshot: str = Field(description="key of the list that showed the change")


class EventPage(ListPage[Event]):
    pass


class AgreementDetail(Agreement):
    events: list[Event]


class AgreementRef(Schema):
    id: str
    model: str
    status: str


class Agency(Schema):
    id: str
    state: str
    name: str
    type: str
    county: str
    ori: str | None = Field(None, description="FBI identifier (ORI); null unless matched")
    county_fips: list[str] = Field([], description="five-digit Census codes; empty for statewide agencies")
    agreements: list[AgreementRef]
    status: str = Field(
        description="the agency's status, the most current of its agreements': active when any is active, else"
        " pending, else ended, else withdrawn"
    )


class AgencyPage(ListPage[Agency]):
    pass


class Identity(Schema):
    """How the agency was linked to the FBI roster, and what the roster says of it."""

    status: str = Field(description="matched (confident), review (a person must decide) or unmatched")
    reason: str
    decision: str = Field(description="'' automatic, 'confirmed' or 'manual' (set by a person)")
    ori: str | None
    ori_name: str
    population: int | None = Field(description="residents the FBI assigns to the agency")
    officers: int | None = Field(description="sworn officers")
    data_year: int | None
    county_fips: list[str]
    counties: list[str]
    county_source: str = Field(description="fbi, ice (its COUNTY column), name, statewide or ''")


class AgencyDetail(Schema):
    id: str
    state: str
    name: str
    type: str
    county: str
    ori: str | None = None
    county_fips: list[str] = []
    identity: Identity | None = None
    agreements: list[Agreement]
    events: list[Event]
    source: Source | None


class Snapshot(Schema):
    key: str
    kind: str
    date: date
    published_at: str
    source_name: str
    sha256: str
    layout: str
    row_count: int
    agreement_count: int
    warnings: list[str]


class SnapshotPage(ListPage[Snapshot]):
    pass


class SnapshotRow(Schema):
    agreement: str
    agency_id: str
    state: str
    model: str
    name: str
    type: str
    county: str
    signed: date | None
    moa: str
    moa_url: str
    addendum: str
    addendum_url: str


class SnapshotDetail(Snapshot):
    rows: list[SnapshotRow]


class ModelCounts(Schema):
    JEM: int
    TFM: int
    WSO: int


class StatsSource(Schema):
    file: str
    date: date
    kind: str
    sha256: str
    order_key: str


class Stats(Schema):
    as_of: date
    snapshot: StatsSource | None
    # None, not 0, when no participating list had been published by then (the figures are unknown).
    agreements: int | None
    agencies: int | None
    states: int | None
    by_model: ModelCounts | None
    by_type: dict[str, int] | None
    by_state: dict[str, int] | None
    pending: int | None = Field(
        description="requests on the pending list in use, as ICE published it (its rows, one per "
        "agreement asked for); null when no pending list had been published by then"
    )
    pending_snapshot: StatsSource | None
    pending_signed: int | None = Field(
        description="of those requests, how many are already on the participating list in use (signed "
        "since the pending list was published); counted in `pending`, not subtracted from it"
    )
    pending_stale: bool = Field(description="the pending list is older than the participating list used")


class SeriesPoint(Schema):
    date: date
    file: str
    JEM: int
    TFM: int
    WSO: int
    total: int


class ChangeItem(Schema):
    agreement: str
    agency_id: str
    state: str
    model: str
    name: str
    type: str | None = None
    county: str | None = None
    signed: date | None = None
    moa: str | None = None
    moa_url: str | None = None
    addendum: str | None = None
    addendum_url: str | None = None
    fields: dict[str, dict[str, str | None]] | None = Field(
        None, description="for changed agreements: {field: {from, to}}"
    )


class ChangeCounts(Schema):
    added: int
    removed: int
    changed: int


class FirstList(StatsSource):
    agreements: int = Field(description="agreements on that list: the record's start, not additions")


class Changes(Schema):
    from_: date = Field(alias="from")
    to: date
    from_snapshot: StatsSource | None = Field(
        description="the list in force at `from`; null before the first list"
    )
    to_snapshot: StatsSource | None = Field(
        description="the list in force at `to`; null before the first list"
    )
    before_first_list: bool = Field(
        description="`from` precedes the first list g287 holds: what was listed then is unknown, so the "
        "changes are counted from the first list, whose agreements are not counted as added"
    )
    first_list: FirstList | None = Field(
        description="when `before_first_list`: the first list g287 holds (its record begins there), with "
        "its agreements; null otherwise"
    )
    baseline_snapshot: StatsSource | None = Field(
        description="the list the changes are counted from: `from_snapshot`, or the first list when "
        "`from` precedes it; null when no list was in force at `to`"
    )
    counts: ChangeCounts | None = Field(
        description="null, not zeros, when no list had been published by `to`: there is nothing to compare"
    )
    added: list[ChangeItem]
    removed: list[ChangeItem]
    changed: list[ChangeItem]


class StateSummary(Schema):
    state: str
    name: str
    agreements: int
    agencies: int = Field(
        description="agencies with an active agreement (on ICE's newest participating list)"
    )
    by_model: ModelCounts
    by_type: dict[str, int]


class StatePage(ListPage[StateSummary]):
    pass


class StateDetail(StateSummary):
    source: Source | None
    series: list[SeriesPoint]
    agencies_listed: int = Field(
        description="the state's agencies ever listed, of every status (`status=all`)"
    )
    agency_list: list[Agency] = Field(
        description="the state's agencies of the statuses asked (default: active, as many as `agencies`)"
    )


class Baseline(Schema):
    date: date
    agreements: int | None = Field(description="null when no list had been published by the baseline date")
    source: Source | None


class TopState(Schema):
    state: str
    name: str
    agreements: int


class Dashboard(Schema):
    source: Source | None
    pending_source: Source | None
    agreements: int | None
    agencies: int | None
    states: int | None
    pending: int | None = Field(
        description="requests on the pending list in use, as ICE published it (its rows, one per "
        "agreement asked for); null when no pending list had been published by then"
    )
    pending_signed: int | None = Field(
        description="of those requests, how many are already on the participating list in use (signed "
        "since the pending list was published); counted in `pending`, not subtracted from it"
    )
    pending_stale: bool = Field(description="the pending list is older than the participating list used")
    by_model: ModelCounts | None
    by_type: dict[str, int] | None
    by_state: dict[str, int]
    top_states: list[TopState]
    baseline: Baseline
    growth_percent: float | None = Field(
        description="growth in agreements since the baseline, in percent (one decimal); null when no list "
        "had been published by the baseline date"
    )
    series: list[SeriesPoint]
    recent_events: list[Event]


class StateMeasures(Schema):
    state: str
    name: str
    agencies: int = Field(description="agencies with an agreement on the list")
    agencies_with_ori: int = Field(
        description="of which matched to an FBI identifier (the figures count these)"
    )
    population_served: int
    officers: int = Field(description="sworn officers of those agencies")
    state_officers: int = Field(description="sworn officers of every FBI-listed agency in the state")
    officer_share: float | None = Field(description="officers / state_officers")
    counties: int = Field(description="counties with at least one agreement")


class Measures(Schema):
    as_of: date | None
    source: Source | None
    agencies: int
    agencies_with_ori: int
    population_served: int
    officers: int
    state_officers: int
    officer_share: float | None
    counties: int
    states: dict[str, StateMeasures]
    county_agreements: dict[str, int] = Field(description="county FIPS -> agreements of its agencies")


class GrowthPoint(Schema):
    date: date
    agreements: int | None = Field(description="null when no list had been published by then")
    snapshot: Source | None


class Growth(Schema):
    from_: GrowthPoint = Field(alias="from")
    to: GrowthPoint
    change: int | None
    percent: float | None
