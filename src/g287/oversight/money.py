"""Money paid, for the performance measures. The funding app (g287.funding) owns payments; this is the
one place oversight asks it, through its public totals (`g287.funding.public.public_totals`, sums per
agency and fiscal quarter, nothing about officers).

Payments are booked to fiscal quarters, not days: "paid by a date" counts the payments for the quarters
that had ended by then. Without the funding app, or with no payments, the measure shows 0 with the
note "no payments recorded"."""

from collections import defaultdict
from datetime import date


def paid_cents_by_agency(as_of: date) -> dict[str, int] | None:
    """Cents paid per agency for the fiscal quarters ended by `as_of`; None when nothing was paid."""
    try:
        from g287.funding.fiscal import Quarter
        from g287.funding.public import public_totals
    except ImportError:  # a deployment without the funding app
        return None
    paid: dict[str, int] = defaultdict(int)
    for row in public_totals():
        if row.paid_cents and Quarter(row.fiscal_year, row.quarter).end <= as_of:
            paid[row.agency_id] += row.paid_cents
    return dict(paid) or None
