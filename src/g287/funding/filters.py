"""The claim list's filters, shared by the staff page and the API: parsed once from a query string,
bad values reported by name (400 on the page, 422 in the API)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from g287.core.filters import ParamReader
from g287.funding.fiscal import Quarter
from g287.funding.models import Claim, ClaimStatus

STATUSES: tuple[str, ...] = tuple(ClaimStatus.values)
# Fiscal years 1901 to 2999 (what `Quarter` accepts), like 2026Q1, FY2026Q1 or 2026-Q1.
QUARTER_PATTERN = r"^(FY)?(19[0-9][1-9]|19[1-9]0|2[0-9]{3})-?Q[1-4]$"


@dataclass(frozen=True)
class ClaimFilters:
    quarter: Quarter | None = None
    status: str = ""
    agency_id: str = ""

    @classmethod
    def parse(cls, params: Any) -> ClaimFilters:
        """Raises FilterError naming every bad parameter."""
        read = ParamReader(params)
        quarter = None
        raw_quarter = read.text("quarter", 20)
        if raw_quarter:
            try:
                quarter = Quarter.parse(raw_quarter)
            except ValueError as exc:
                read.errors["quarter"] = str(exc)
        status = read.one_of("status", STATUSES, str.lower)
        agency_id = read.text("agency_id")
        read.done()
        return cls(quarter, status, agency_id)

    def apply(self, claims: QuerySet[Claim]) -> QuerySet[Claim]:
        if self.quarter:
            claims = claims.filter(fiscal_year=self.quarter.fiscal_year, quarter=self.quarter.number)
        if self.status:
            claims = claims.filter(status=self.status)
        if self.agency_id:
            claims = claims.filter(agency_id=self.agency_id)
        return claims
