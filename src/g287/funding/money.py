"""Money in integer cents. Floats never touch an amount: parsing goes through Decimal, shares through
integer arithmetic, and every split gives back exactly the total it was given."""

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

Cents = int
BASIS = 10_000  # rates and caps are kept in basis points: 10,000 = 100%
# Beyond any real claim, and far inside a 64-bit column once in cents.
MAX_DOLLARS = 10**13


def parse_dollars(text: str) -> Cents:
    """'1,234.56' or '$1234.5' -> 123456. More than two decimals is an error, not a rounding."""
    cleaned = text.strip().replace(",", "").replace("$", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(_("%(text)r is not an amount in dollars") % {"text": text}) from exc
    if not value.is_finite() or abs(value) >= MAX_DOLLARS:
        raise ValueError(_("%(text)r is not an amount in dollars") % {"text": text})
    cents = value * 100
    if cents != cents.to_integral_value():
        raise ValueError(_("%(text)r has more than two decimals") % {"text": text})
    return int(cents)


def dollars(cents: Cents) -> str:
    """123456 -> '$1,234.56'; negatives as '-$12.00'."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    return f"{sign}${whole:,}.{part:02d}"


def plain(cents: Cents) -> str:
    """123456 -> '1234.56' (for CSV files that spreadsheets read as numbers)."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    return f"{sign}{whole}.{part:02d}"


def prorate(amount: Cents, numerator: int, denominator: int) -> Cents:
    """amount * numerator / denominator, rounded half up (away from zero for the half cent)."""
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    product = amount * numerator
    quotient, remainder = divmod(abs(product), denominator)
    if 2 * remainder >= denominator:
        quotient += 1
    return quotient if product >= 0 else -quotient


def rate(amount: Cents, basis_points: int) -> Cents:
    """`basis_points` of `amount`, rounded down: a cap is never exceeded by rounding."""
    return amount * basis_points // BASIS


def split(total: Cents, weights: Sequence[int]) -> list[Cents]:
    """Largest-remainder split of `total` in proportion to `weights`; the parts sum to `total` exactly.
    Ties on the remainder go to the earlier weight, so the result never depends on anything else."""
    if not weights:
        raise ValueError("nothing to split between")
    if any(w < 0 for w in weights):
        raise ValueError("weights must not be negative")
    weight_sum = sum(weights)
    if weight_sum == 0:
        raise ValueError("weights must not all be zero")
    sign = -1 if total < 0 else 1
    magnitude = abs(total)
    floors = [magnitude * w // weight_sum for w in weights]
    remainders = [magnitude * w % weight_sum for w in weights]
    short = magnitude - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for i in order[:short]:
        floors[i] += 1
    return [sign * part for part in floors]
