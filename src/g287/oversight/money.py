"""Money paid, for the performance measures. The funding app (g287.funding) owns payments; this is the
one place oversight asks it. Until funding exposes a public totals function, `paid_cents_by_agency`
returns None and the measure shows 0 with the note "no payments recorded".

The hook: a function `paid_cents_by_agency(as_of: date) -> dict[str, int]` in `g287.funding.totals`,
giving the cents paid to each agency up to and including `as_of`. When it appears, it is used as is."""

import importlib
from collections.abc import Callable
from datetime import date

HOOK_MODULE = "g287.funding.totals"
HOOK_NAME = "paid_cents_by_agency"


def _hook() -> Callable[[date], dict[str, int]] | None:
    try:
        module = importlib.import_module(HOOK_MODULE)
    except ImportError:
        return None
    found = getattr(module, HOOK_NAME, None)
    return found if callable(found) else None


def paid_cents_by_agency(as_of: date) -> dict[str, int] | None:
    """Cents paid per agency up to `as_of`, or None when the funding app records no payments yet."""
    hook = _hook()
    return None if hook is None else {str(k): int(v) for k, v in hook(as_of).items()}
