"""Performance measures (the ones GAO-21-186 found missing), for the whole program, each agreement
model, each state and each agency, as of any date. Every figure comes with how it is computed.

Which agreements and agencies count as of a date: those on the last participating list ICE had
published by then (registry `snapshot_as_of`). Windows of "the last 12 months" end on the date itself.

A missing record is not a zero: meetings, training and complaints count only from the day the office
began recording them (oversight.records, "records since"). Before it, or with no date set, the measure
is "not recorded". The meeting measure needs its whole 12-month window recorded; the complaint
measures count from the later of the window's start and the records-since date, and say so."""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from g287.accounts.scoping import SYSTEM
from g287.core.figures import shared
from g287.officers.compliance import training_report
from g287.officers.dates import add_years
from g287.officers.status import certified_on
from g287.oversight.meetings import MEETING_MODELS, held_within_year
from g287.oversight.models import Complaint, RecordedMeasure
from g287.oversight.money import paid_cents_by_agency
from g287.oversight.records import NOT_RECORDED, recorded_on, records_since
from g287.registry.models import Agency, Agreement, AgreementModel
from g287.registry.queries import rows_at, snapshot_as_of
from g287.registry.version import data_version

MODELS = tuple(AgreementModel.values)


@dataclass(frozen=True)
class Definition:
    key: str
    label: str | Promise
    unit: str  # share | per_100 | days | cents
    how: str | Promise


DEFINITIONS = (
    Definition(
        "training_current",
        _("Agencies whose officers are all current on training"),
        "share",
        _(
            "Agencies listed on the date with at least one officer certified by then (not separated or "
            "disqualified), divided into those whose every such officer holds a certification in force on the "
            "date for each model they were ever certified for (the officers app's compliance rule)."
        ),
    ),
    Definition(
        "moa_published",
        _("Agreements with their MOA published"),
        "share",
        _(
            "Agreements on ICE's last participating list published by the date whose MOA link was posted, "
            "out of all agreements on that list."
        ),
    ),
    Definition(
        "annual_meeting",
        _("JEM and WSO agreements with an annual meeting in the last 12 months"),
        "share",
        _(
            "JEM and WSO agreements on the list whose first review was due by the date (signed, or first "
            "listed, at least 12 months before), with a meeting held in the 12 months up to the date."
        ),
    ),
    Definition(
        "complaints_per_100_officers",
        _("Complaints per 100 officers"),
        "per_100",
        _(
            "Complaints received in the 12 months up to the date, per 100 officers certified on the date. "
            "Complaints whose model is not known count for the agency and state but no model."
        ),
    ),
    Definition(
        "median_days_to_resolution",
        _("Median days to resolution"),
        "days",
        _(
            "Median of the days from receipt to resolution of the complaints resolved in the 12 months up to "
            "the date."
        ),
    ),
    Definition(
        "paid_per_agreement",
        _("Money paid per agreement"),
        "cents",
        _(
            "Cents paid to the agencies for the fiscal quarters ended by the date (the funding app's "
            "public totals), divided by their agreements on the list. Payments go to agencies, not "
            "models: no figure per model."
        ),
    ),
)
DEFINITION = {d.key: d for d in DEFINITIONS}
NO_PAYMENTS = "no payments recorded"


@dataclass
class Tally:
    agreements: int = 0
    moa_posted: int = 0
    meetings_due: int = 0
    meetings_held: int = 0
    training_counted: int = 0
    training_current: int = 0
    complaints: int = 0
    officers: int = 0
    resolution_days: list[int] = field(default_factory=list)
    paid_cents: int = 0
    money_applies: bool = True


def _share(numerator: int, denominator: int) -> dict[str, Any]:
    value = round(numerator / denominator, 4) if denominator else None
    return {"value": value, "numerator": numerator, "denominator": denominator}


@dataclass(frozen=True)
class Recorded:
    """Which obligation measures have records for the date, and since when complaints count."""

    training: bool
    meetings: bool
    complaints: bool
    complaints_from: date | None  # set when the records start inside the 12-month window
    since: dict[str, date]


def _not_recorded(since: date | None) -> dict[str, Any]:
    return {"value": None, "note": NOT_RECORDED, "records_since": since.isoformat() if since else None}


def _recorded(as_of: date) -> Recorded:
    """Which obligation measures have records for `as_of`, from the office's records-since dates."""
    year_ago = add_years(as_of, -1)
    since = records_since()
    complaints_start = since.get(RecordedMeasure.COMPLAINTS)
    return Recorded(
        training=recorded_on(since, RecordedMeasure.TRAINING, as_of),
        meetings=recorded_on(since, RecordedMeasure.MEETINGS, year_ago + timedelta(days=1)),
        complaints=recorded_on(since, RecordedMeasure.COMPLAINTS, as_of),
        complaints_from=complaints_start
        if complaints_start is not None and complaints_start > year_ago + timedelta(days=1)
        else None,
        since=since,
    )


def _measures(t: Tally, payments_known: bool, rec: Recorded) -> dict[str, dict[str, Any]]:
    per_100 = round(100 * t.complaints / t.officers, 2) if t.officers else None
    median = statistics.median(t.resolution_days) if t.resolution_days else None
    complaints_from = rec.complaints_from.isoformat() if rec.complaints_from else None
    out: dict[str, dict[str, Any]] = {
        "training_current": _share(t.training_current, t.training_counted)
        if rec.training
        else _not_recorded(rec.since.get(RecordedMeasure.TRAINING)),
        "moa_published": _share(t.moa_posted, t.agreements),
        "annual_meeting": _share(t.meetings_held, t.meetings_due)
        if rec.meetings
        else _not_recorded(rec.since.get(RecordedMeasure.MEETINGS)),
        "complaints_per_100_officers": {
            "value": per_100,
            "numerator": t.complaints,
            "denominator": t.officers,
            "counted_from": complaints_from,
        }
        if rec.complaints
        else _not_recorded(rec.since.get(RecordedMeasure.COMPLAINTS)),
        "median_days_to_resolution": {
            "value": median,
            "count": len(t.resolution_days),
            "counted_from": complaints_from,
        }
        if rec.complaints
        else _not_recorded(rec.since.get(RecordedMeasure.COMPLAINTS)),
    }
    if not t.money_applies:
        out["paid_per_agreement"] = {"value": None, "note": "not split by model"}
    elif not payments_known:
        out["paid_per_agreement"] = {  # no payment recorded yet is not $0 paid
            "value": None,
            "paid_cents": None,
            "agreements": t.agreements,
            "note": NO_PAYMENTS,
        }
    else:
        value = t.paid_cents // t.agreements if t.agreements else None
        out["paid_per_agreement"] = {"value": value, "paid_cents": t.paid_cents, "agreements": t.agreements}
    return out


@dataclass
class _Groups:
    """The tallies of every group a figure counts in: the program, each model, state and agency."""

    tallies: dict[tuple[str, str], Tally] = field(default_factory=lambda: defaultdict(Tally))
    agency_state: dict[str, str] = field(default_factory=dict)
    agency_models: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def of(self, agency_id: str, model: str | None) -> list[Tally]:
        found = [self.tallies["program", ""], self.tallies["state", self.agency_state.get(agency_id, "")]]
        found.append(self.tallies["agency", agency_id])
        if model:
            found.append(self.tallies["model", model])
        return found


def _listed(snapshot: Any) -> list[list[Any]]:
    """Each agreement on `snapshot`: [id, agency, state, model, start (signed, else first listed, ISO),
    MOA posted]. Registry data only, so it is kept per data version, like the portal's figures."""
    if snapshot is None:
        return []

    def compute() -> list[list[Any]]:
        values = rows_at(snapshot)
        agreements = Agreement.objects.filter(pk__in=set(values)).values_list(
            "pk", "agency_id", "state", "model", "signed", "first_listed"
        )
        return [
            [pk, agency, st, model, start.isoformat() if (start := signed or first) else None,
             values[pk].moa == "posted"]
            for pk, agency, st, model, signed, first in agreements
        ]  # fmt: skip

    return shared(f"measures-listed:{snapshot.order_key}", data_version(), compute)


def _count_agreements(g: _Groups, snapshot: Any, as_of: date) -> None:
    """Agreements and posted MOAs, then the JEM and WSO agreements whose annual meeting was due."""
    year_ago = add_years(as_of, -1).isoformat()
    meeting_due: list[tuple[str, str, str]] = []
    for pk, agency_id, st, model, start, moa_posted in _listed(snapshot):
        g.agency_state[agency_id] = st
        g.agency_models[agency_id].add(model)
        for t in g.of(agency_id, model):
            t.agreements += 1
            t.moa_posted += moa_posted
        if model in MEETING_MODELS and start is not None and start <= year_ago:
            meeting_due.append((pk, agency_id, model))
    held = held_within_year([pk for pk, _a, _m in meeting_due], as_of)
    for pk, agency_id, model in meeting_due:
        for t in g.of(agency_id, model):
            t.meetings_due += 1
            t.meetings_held += pk in held


def _count_training(g: _Groups, as_of: date) -> None:
    for entry in training_report(SYSTEM, as_of):
        agency_id = entry.agency.pk
        if agency_id not in g.agency_state:
            continue
        for t in g.of(agency_id, None) + [g.tallies["model", m] for m in g.agency_models[agency_id]]:
            t.training_counted += 1
            t.training_current += entry.current


def _count_officers(g: _Groups, as_of: date) -> None:
    # Kept to the listed agencies here rather than with agency_id__in: an IN of every agency on the list
    # (~1,000 parameters, in five queries) cost more to build than the queries took.
    for agency_id in certified_on(as_of).values_list("agency_id", flat=True):
        if agency_id in g.agency_state:
            for t in g.of(agency_id, None):
                t.officers += 1
    for model in MODELS:
        g.tallies["model", model].officers = sum(
            1 for a in certified_on(as_of, model).values_list("agency_id", flat=True) if a in g.agency_state
        )


def _count_complaints(g: _Groups, as_of: date, complaints_start: date | None) -> None:
    """Complaints received, and days to resolution of those resolved, in the 12 months to `as_of`,
    counting only from the day complaints began to be recorded (`complaints_start`)."""
    year_ago = add_years(as_of, -1)
    # Complaints count from the first recorded day inside the window (exclusive lower bound).
    window_after = max(year_ago, complaints_start - timedelta(days=1)) if complaints_start else year_ago
    # Kept to the listed agencies in Python, not with an IN of every agency on the list (see above).
    complaints = Complaint.objects.all()
    for agency_id, model in complaints.filter(
        received_at__date__gt=window_after, received_at__date__lte=as_of
    ).values_list("agency_id", "model"):
        if agency_id in g.agency_state:
            for t in g.of(agency_id, model):
                t.complaints += 1
    resolved = complaints.filter(resolved_on__gt=year_ago, resolved_on__lte=as_of)
    if complaints_start is not None:
        resolved = resolved.filter(received_at__date__gte=complaints_start)
    for c in resolved.only("agency_id", "model", "received_at", "resolved_on"):
        assert c.resolved_on is not None
        if c.agency_id not in g.agency_state:
            continue
        for t in g.of(c.agency_id, c.model):
            t.resolution_days.append((c.resolved_on - c.received_on).days)


def _count_payments(g: _Groups, as_of: date) -> bool:
    """Adds the cents paid per agency; False when the funding app records no payments at all."""
    paid = paid_cents_by_agency(as_of)
    for agency_id, cents in (paid or {}).items():
        if agency_id in g.agency_state:
            for t in g.of(agency_id, None):
                t.paid_cents += cents
    for model in MODELS:
        g.tallies["model", model].money_applies = False
    return paid is not None


def compute(as_of: date, state: str | None = None, agencies: bool = True) -> dict[str, Any]:
    """The measures as of the end of `as_of`; `state` limits the state and agency breakdowns (the whole
    program and the models are always given, to compare against). `agencies=False` leaves the agency
    breakdown empty (the page shows it only for one state; for the whole program it is ~1,000 agencies'
    figures, most of the page's time)."""
    snapshot = snapshot_as_of(as_of)
    g = _Groups()
    _count_agreements(g, snapshot, as_of)
    _count_training(g, as_of)
    _count_officers(g, as_of)
    rec = _recorded(as_of)
    since = rec.since
    _count_complaints(g, as_of, since.get(RecordedMeasure.COMPLAINTS))
    known = _count_payments(g, as_of)

    wanted = [a for a, s in g.agency_state.items() if state is None or s == state] if agencies else []
    names = dict(Agency.objects.filter(pk__in=wanted).values_list("pk", "name")) if wanted else {}
    states = sorted({s for s in g.agency_state.values() if state is None or s == state})
    listed = sorted(wanted, key=lambda a: (g.agency_state[a], names[a]))
    return {
        "as_of": as_of.isoformat(),
        "state": state,
        "snapshot": {"file": snapshot.source_name, "date": snapshot.date.isoformat()} if snapshot else None,
        "records_since": {k: v.isoformat() for k, v in sorted(since.items())},
        "definitions": {
            d.key: {"label": str(d.label), "unit": d.unit, "how": str(d.how)} for d in DEFINITIONS
        },
        "program": _measures(g.tallies["program", ""], known, rec),
        "models": {m: _measures(g.tallies["model", m], known, rec) for m in MODELS},
        "states": {s: _measures(g.tallies["state", s], known, rec) for s in states},
        "agencies": [
            {
                "agency": a,
                "name": names[a],
                "state": g.agency_state[a],
                "measures": _measures(g.tallies["agency", a], known, rec),
            }
            for a in listed
        ],
    }


def display(unit: str, measure: dict[str, Any]) -> str:
    """One measure as text for pages and the console."""
    value = measure.get("value")
    note = measure.get("note")
    if note == NO_PAYMENTS:
        return gettext("no payments recorded")
    if note == NOT_RECORDED:
        start = measure.get("records_since")
        if start:
            return gettext("not recorded before %(day)s") % {"day": start}
        return gettext("not recorded")
    if value is None:
        return gettext("not split by model") if note == "not split by model" else gettext("n/a")
    if unit == "share":
        return f"{value:.1%} ({measure['numerator']}/{measure['denominator']})"
    if measure.get("counted_from"):
        return gettext("%(value)s (since %(day)s)") % {
            "value": display(unit, {**measure, "counted_from": None}),
            "day": measure["counted_from"],
        }
    if unit == "cents":
        return f"${value / 100:,.2f}"
    if unit == "days":
        return gettext("%(days)s days") % {"days": value}
    return str(value)
