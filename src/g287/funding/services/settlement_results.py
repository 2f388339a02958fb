"""What a settlement produces: each agency's statement (its claims, award and payments) and the run's
totals. Its own module so that settlement (which fills them) and statements (which print them) both
import it and neither imports the other."""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from g287.funding.fiscal import Quarter
from g287.funding.models import DECIDED, ClaimStatus
from g287.funding.money import dollars


@dataclass
class ClaimEntry:
    claim_id: int
    version: int
    status: str
    requested_cents: int
    eligible_cents: int
    approved_cents: int | None
    lines: int


@dataclass
class AwardEntry:
    leads_provided: int
    leads_located: int
    eligible_officers: int
    per_officer_cents: int
    amount_cents: int


@dataclass
class PaymentEntry:
    reference: str
    kind: str
    amount_cents: int
    paid_on: date
    claim_id: int | None


@dataclass
class Statement:
    agency_id: str
    state: str
    name: str
    claims: list[ClaimEntry] = field(default_factory=list)
    award: AwardEntry | None = None
    payments: list[PaymentEntry] = field(default_factory=list)

    @property
    def approved_cents(self) -> int:
        claims = sum(c.approved_cents or 0 for c in self.claims if c.status in (*DECIDED, ClaimStatus.PAID))
        return claims + (self.award.amount_cents if self.award else 0)

    @property
    def paid_cents(self) -> int:
        return sum(p.amount_cents for p in self.payments)


@dataclass
class Result:
    quarter: Quarter
    dry_run: bool
    claims_validated: int = 0
    lines_validated: int = 0
    awards: int = 0
    award_cents: int = 0
    payments_made: int = 0
    paid_now_cents: int = 0
    statements: list[Statement] = field(default_factory=list)
    out: Path | None = None

    def summary_lines(self) -> list[str]:
        approved = sum(s.approved_cents for s in self.statements)
        paid = sum(s.paid_cents for s in self.statements)
        return [
            f"{'DRY RUN: nothing saved. ' if self.dry_run else ''}Settlement of {self.quarter}",
            f"claims validated: {self.claims_validated} ({self.lines_validated} lines)",
            f"awards: {self.awards} totalling {dollars(self.award_cents)}",
            f"payments made now: {self.payments_made} totalling {dollars(self.paid_now_cents)}",
            f"agencies with statements: {len(self.statements)}; approved {dollars(approved)}; paid {dollars(paid)}",
        ]
