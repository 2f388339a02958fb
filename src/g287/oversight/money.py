"""Money paid, for the performance measures. The funding app owns payments; it registers its totals
per agency in `g287.core.hooks.paid_by_agency` (from FundingConfig.ready), and this is the one place
oversight reads them. Nothing about officers comes through: only sums over an agency's quarters.

Without the funding app, or with no payments, the measure shows 0 with the note "no payments
recorded"."""

from datetime import date

from g287.core import hooks


def paid_cents_by_agency(as_of: date) -> dict[str, int] | None:
    """Cents paid per agency for the fiscal quarters ended by `as_of`; None when nothing was paid."""
    for provider in hooks.paid_by_agency:
        return provider(as_of)
    return None
