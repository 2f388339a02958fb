"""The agreement filters shared by the pages, the downloads and the API: parsed once from a query string,
validated with messages a reader can act on, and applied to a queryset.

One parser for every entry point keeps a shared URL meaning the same thing on a page, in a CSV and in
the API, which is what makes a filtered view citable. The defaults are part of that meaning: with no
`status`, every list holds the active agreements (the agencies with one), the figure the dashboard shows;
`status=all` holds every status.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date
from typing import TYPE_CHECKING, Any, TypedDict
from urllib.parse import urlencode

from django.db.models import Case, CharField, F, IntegerField, Min, Q, QuerySet, Value, When
from django.db.models.expressions import OrderBy
from django.utils.translation import gettext as _

from g287.core.filters import FilterError, ParamReader
from g287.core.states import NAME_BY_CODE
from g287.registry.models import Agency, AgencyType, Agreement, AgreementModel, Status

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

MODELS: tuple[str, ...] = tuple(AgreementModel.values)
STATUSES: tuple[str, ...] = tuple(Status.values)
# "unknown" stands for the empty type ("Not given"), which cannot travel in a URL as itself.
TYPES: tuple[str, ...] = tuple(t or "unknown" for t in AgencyType.values)
SORTS: tuple[str, ...] = (
    "name",
    "state",
    "model",
    "type",
    "county",
    "status",
    "signed",
    "first_listed",
    "ended",
)
DEFAULT_SORT = "name"
MAX_QUERY = 200
# No status means the active ones; "all" means every status (ended agreements and requests that left the
# pending list included).
DEFAULT_STATUS: tuple[str, ...] = (Status.ACTIVE.value,)
ALL_STATUSES = "all"
STATUS_CHOICES: tuple[str, ...] = (*STATUSES, ALL_STATUSES)
SCOPE_ACTIVE, SCOPE_ALL, SCOPE_CHOSEN = "active", "all", "chosen"
STATUS_DEFAULT_TEXT = (
    "default: active (what the portal's pages open on and the dashboard counts); `all` for every status"
)

__all__ = ["AgencyFilters", "AgreementFilters", "FilterError"]


def _statuses(chosen: tuple[str, ...]) -> tuple[str, ...]:
    """The statuses a parsed `status` names: none is the default, `all` (alone or with others) every one."""
    if not chosen:
        return DEFAULT_STATUS
    if ALL_STATUSES in chosen:
        return STATUSES
    return chosen


def _status_param(status: tuple[str, ...]) -> str:
    """The `status` parameter that says `status`: every status is `all`, so a link and a saved file say
    which statuses they hold in the fewest words."""
    return ALL_STATUSES if set(status) == set(STATUSES) else ",".join(status)


def _status_scope(status: tuple[str, ...]) -> str:
    if status == DEFAULT_STATUS:
        return SCOPE_ACTIVE
    return SCOPE_ALL if set(status) == set(STATUSES) else SCOPE_CHOSEN


@dataclass(frozen=True)
class AgreementFilters:
    state: tuple[str, ...] = ()
    model: tuple[str, ...] = ()
    type: tuple[str, ...] = ()
    status: tuple[str, ...] = DEFAULT_STATUS
    signed_from: date | None = None
    signed_to: date | None = None
    q: str = ""
    sort: str = DEFAULT_SORT
    extra: dict[str, str] = field(default_factory=dict, compare=False)

    # --- parsing ------------------------------------------------------------------------------------

    @classmethod
    def parse(cls, params: Any) -> AgreementFilters:
        """From a QueryDict (or a mapping of lists); raises FilterError listing every bad parameter."""
        errors: dict[str, str] = {}

        def values(name: str) -> list[str]:
            raw = params.getlist(name) if hasattr(params, "getlist") else params.get(name, [])
            if isinstance(raw, str):
                raw = [raw]
            out: list[str] = []
            for item in raw:
                out.extend(part.strip() for part in str(item).split(",") if part.strip())
            return out

        def choice(name: str, allowed: Iterable[str], normalize: Any = str) -> tuple[str, ...]:
            allowed = tuple(allowed)
            chosen = [normalize(v) for v in values(name)]
            bad = [v for v in chosen if v not in allowed]
            if bad:
                errors[name] = _("unknown value %(bad)s; expected one of %(allowed)s") % {
                    "bad": ", ".join(bad),
                    "allowed": ", ".join(allowed),
                }
            return tuple(dict.fromkeys(v for v in chosen if v in allowed))

        def day(name: str) -> date | None:
            raw = values(name)
            if not raw:
                return None
            try:
                return date.fromisoformat(raw[0])
            except ValueError:
                errors[name] = _("%(value)s is not a date (YYYY-MM-DD)") % {"value": raw[0]}
                return None

        state = choice("state", NAME_BY_CODE, str.upper)
        model = choice("model", MODELS, str.upper)
        type_ = choice("type", TYPES, str.lower)
        status = _statuses(choice("status", STATUS_CHOICES, str.lower))
        signed_from, signed_to = day("signed_from"), day("signed_to")
        if signed_from and signed_to and signed_from > signed_to:
            errors["signed_to"] = _("the end of the signed-date range is before its start")
        q = " ".join(" ".join(values("q")).split())
        if len(q) > MAX_QUERY:
            errors["q"] = _("the search is longer than %(n)d characters") % {"n": MAX_QUERY}
        sort_values = values("sort")
        sort = sort_values[0] if sort_values else DEFAULT_SORT
        if sort.lstrip("-") not in SORTS:
            errors["sort"] = _("cannot sort by %(value)s; expected one of %(allowed)s") % {
                "value": sort,
                "allowed": ", ".join(SORTS),
            }
            sort = DEFAULT_SORT
        if errors:
            raise FilterError(errors)
        return cls(state, model, type_, status, signed_from, signed_to, q, sort)

    # --- applying -----------------------------------------------------------------------------------

    def queryset(self, *, without: str | None = None) -> QuerySet[Agreement]:
        """The matching agreements, sorted. `without` leaves one filter out, which is what a facet
        counts: how many agreements each value of that filter would give with the others kept."""
        qs = Agreement.objects.all()
        if self.state and without != "state":
            qs = qs.filter(state__in=self.state)
        if self.model and without != "model":
            qs = qs.filter(model__in=self.model)
        if self.type and without != "type":
            qs = qs.filter(type__in=[("" if t == "unknown" else t) for t in self.type])
        if self.status and without != "status":
            qs = qs.filter(status__in=self.status)
        if self.signed_from:
            qs = qs.filter(signed__gte=self.signed_from)
        if self.signed_to:
            qs = qs.filter(signed__lte=self.signed_to)
        if self.q:
            cond = Q()
            for word in self.q.split():
                cond &= Q(name__icontains=word) | Q(county__icontains=word) | Q(agency__name__icontains=word)
            qs = qs.filter(cond)
        return qs.order_by(*self.ordering())

    def ordering(self) -> list[str | OrderBy]:
        key = self.sort.lstrip("-")
        desc = self.sort.startswith("-")
        # Ties (many agreements share a state or a model) fall back to name order, then the id, so
        # pagination never shows a row twice. Missing dates go last whichever way the column is sorted.
        if key in {"signed", "first_listed", "ended"}:
            expr = F(key).desc(nulls_last=True) if desc else F(key).asc(nulls_last=True)
            return [expr, "name", "id"]
        primary = f"{'-' if desc else ''}{key}"
        return [primary, "name", "id"] if key != "name" else [primary, "state", "id"]

    # --- describing ---------------------------------------------------------------------------------

    def params(self, **override: Any) -> dict[str, str]:
        """The filters as query parameters, empty ones left out; `override` replaces some (None drops)."""
        out: dict[str, str] = {}
        for f in fields(self):
            if f.name == "extra":
                continue
            value = getattr(self, f.name)
            if f.name == "status":
                value = _status_param(value)
            elif isinstance(value, tuple):
                value = ",".join(value)
            elif isinstance(value, date):
                value = value.isoformat()
            if f.name == "sort" and value == DEFAULT_SORT:
                value = ""
            if value:
                out[f.name] = str(value)
        for key, value in override.items():
            if value is None or value == "":
                out.pop(key, None)
            else:
                out[key] = str(value)
        return out

    def querystring(self, **override: Any) -> str:
        return urlencode(self.params(**override))

    @property
    def scope(self) -> str:
        """active (the default), all (every status) or chosen (the statuses named)."""
        return _status_scope(self.status)

    @property
    def active(self) -> bool:
        """Whether any filter differs from the defaults."""
        return self.params(sort=None) != AgreementFilters().params(sort=None)


# --- agencies -------------------------------------------------------------------------------------------

# An agency's status is the most current of its agreements' statuses: active when any agreement is, else
# pending (a request only), else ended, else withdrawn (every request left the pending list unsigned). The
# statuses partition the agencies, and "active" counts the agencies on ICE's newest participating list,
# the dashboard's and the state pages' figure.
AGENCY_STATUS_ORDER: tuple[str, ...] = (
    Status.ACTIVE.value,
    Status.PENDING.value,
    Status.ENDED.value,
    Status.WITHDRAWN.value,
)


def _status_rank() -> Min:
    """The place in AGENCY_STATUS_ORDER of the agency's most current agreement (NULL without one): one
    pass over the agency's agreements (an EXISTS per status let SQLite scan the status index instead)."""
    return Min(
        Case(
            *(When(agreements__status=s, then=Value(i)) for i, s in enumerate(AGENCY_STATUS_ORDER)),
            output_field=IntegerField(),
        )
    )


def _status_of_rank() -> Case:
    return Case(
        *(When(status_rank=i, then=Value(s)) for i, s in enumerate(AGENCY_STATUS_ORDER)),
        default=Value(""),
        output_field=CharField(),
    )


class StatusAnnotation(TypedDict):
    agency_status: str


@dataclass(frozen=True)
class AgencyFilters:
    """The agencies list's filters: a state's page (/states/XX/), its downloads, /api/agencies and
    /api/states/XX. With no `status`, the agencies with an active agreement, like the agreements."""

    state: tuple[str, ...] = ()
    type: tuple[str, ...] = ()
    status: tuple[str, ...] = DEFAULT_STATUS
    q: str = ""

    @classmethod
    def parse(cls, params: Any) -> AgencyFilters:
        """From a QueryDict (or a mapping of lists or strings); raises FilterError naming every bad one."""
        read = ParamReader(params)
        state = read.any_of("state", NAME_BY_CODE, str.upper)
        type_ = read.any_of("type", TYPES, str.lower)
        status = _statuses(read.any_of("status", STATUS_CHOICES, str.lower))
        q = read.text("q", MAX_QUERY)
        read.done()
        return cls(state, type_, status, q)

    def queryset(self) -> QuerySet[WithAnnotations[Agency, StatusAnnotation]]:
        """The matching agencies by state and name, each with its `agency_status`."""
        ranks = [AGENCY_STATUS_ORDER.index(s) for s in self.status]
        qs = (
            Agency.objects.annotate(status_rank=_status_rank())
            .annotate(agency_status=_status_of_rank())
            .filter(status_rank__in=ranks)
        )
        if self.state:
            qs = qs.filter(state__in=self.state)
        if self.type:
            qs = qs.filter(type__in=[("" if t == "unknown" else t) for t in self.type])
        for word in self.q.split():
            qs = qs.filter(Q(name__icontains=word) | Q(county__icontains=word))
        return qs.order_by("state", "name", "id")

    def params(self, **override: Any) -> dict[str, str]:
        """The filters as query parameters (the status always: it says what the list holds)."""
        out = {
            "state": ",".join(self.state),
            "type": ",".join(self.type),
            "status": _status_param(self.status),
            "q": self.q,
        }
        out.update({k: "" if v is None else str(v) for k, v in override.items()})
        return {k: v for k, v in out.items() if v}

    def querystring(self, **override: Any) -> str:
        return urlencode(self.params(**override))

    @property
    def scope(self) -> str:
        """active (the default), all (every status) or chosen (the statuses named)."""
        return _status_scope(self.status)
