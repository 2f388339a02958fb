"""The filters of oversight's lists, each shared by its page and the API: parsed once from a query
string, bad values reported by name (400 on the pages, 422 in the API).

- ComplaintFilters: the staff complaint list and /api/oversight/complaints.
- NoticeFilters: the public and staff notice lists and /api/oversight/notices.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from g287.core.filters import ParamReader
from g287.core.states import NAME_BY_CODE
from g287.oversight.choices import CaseStatus, Category, NoticeKind
from g287.oversight.models import Complaint, Notice

STATUSES: tuple[str, ...] = tuple(CaseStatus.values)
CATEGORIES: tuple[str, ...] = tuple(Category.values)
KINDS: tuple[str, ...] = tuple(NoticeKind.values)
STATES: tuple[str, ...] = tuple(NAME_BY_CODE)
CLOCKS: tuple[str, ...] = ("overdue", "running")  # the work queue's links to the staff list


@dataclass(frozen=True)
class ComplaintFilters:
    status: str = ""
    category: str = ""
    agency: str = ""
    clock: str = ""

    @classmethod
    def parse(cls, params: Any) -> ComplaintFilters:
        """Raises FilterError naming every bad parameter."""
        read = ParamReader(params)
        status = read.one_of("status", STATUSES, str.lower)
        category = read.one_of("category", CATEGORIES, str.lower)
        agency = read.text("agency")
        clock = read.one_of("clock", CLOCKS, str.lower)
        read.done()
        return cls(status, category, agency, clock)

    def apply(self, complaints: QuerySet[Complaint]) -> QuerySet[Complaint]:
        if self.status:
            complaints = complaints.filter(status=self.status)
        if self.category:
            complaints = complaints.filter(category=self.category)
        if self.agency:
            complaints = complaints.filter(agency_id=self.agency)
        return complaints


@dataclass(frozen=True)
class NoticeFilters:
    kind: str = ""
    state: str = ""
    agency: str = ""

    @classmethod
    def parse(cls, params: Any) -> NoticeFilters:
        """Raises FilterError naming every bad parameter."""
        read = ParamReader(params)
        kind = read.one_of("kind", KINDS, str.lower)
        state = read.one_of("state", STATES, str.upper)
        agency = read.text("agency")
        read.done()
        return cls(kind, state, agency)

    def apply(self, notices: QuerySet[Notice]) -> QuerySet[Notice]:
        if self.kind:
            notices = notices.filter(kind=self.kind)
        if self.state:
            notices = notices.filter(agreement__state=self.state)
        if self.agency:
            notices = notices.filter(agreement__agency_id=self.agency)
        return notices
