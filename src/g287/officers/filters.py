"""The officer list's filters, shared by the staff page and the API: parsed once from a query string,
bad values reported by name (400 on the page, 422 in the API)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from g287.core.filters import ParamReader
from g287.officers.models import Officer, OfficerStatus
from g287.registry.models import AgreementModel

STATUSES: tuple[str, ...] = tuple(OfficerStatus.values)
MODELS: tuple[str, ...] = tuple(AgreementModel.values)


@dataclass(frozen=True)
class OfficerFilters:
    q: str = ""
    agency: str = ""
    status: str = ""
    model: str = ""

    @classmethod
    def parse(cls, params: Any) -> OfficerFilters:
        """Raises FilterError naming every bad parameter."""
        read = ParamReader(params)
        q = read.text("q")
        agency = read.text("agency")
        status = read.one_of("status", STATUSES, str.lower)
        model = read.one_of("model", MODELS, str.upper)
        read.done()
        return cls(q, agency, status, model)

    def apply(self, officers: QuerySet[Officer]) -> QuerySet[Officer]:
        if self.q:
            officers = officers.filter(
                Q(given_name__icontains=self.q)
                | Q(family_name__icontains=self.q)
                | Q(badge_number__icontains=self.q)
            )
        if self.agency:
            officers = officers.filter(agency_id=self.agency)
        if self.status:
            officers = officers.filter(status=self.status)
        if self.model:
            officers = officers.filter(model_codes__contains=self.model)
        return officers
