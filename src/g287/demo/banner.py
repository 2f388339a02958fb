"""Whether the database holds demo data (made by `g287 demo_accounts` / `g287 demo_program`).

Synthetic officers, and the claims, awards and cases built on them, are for showing the product. They
may count in a public figure only on a page that says so: when any synthetic record exists, every
public page carries the "demo data" banner (the `demo_data` context processor below, shown by the
portal's base template). A deployment without synthetic records shows no banner and counts none."""

from typing import Any

from django.http import HttpRequest


def demo_data_present() -> bool:
    from g287.officers.models import Officer

    return Officer.objects.filter(synthetic=True).exists()


def demo_data(request: HttpRequest) -> dict[str, Any]:
    """Context processor: `demo_data` is True when the figures may include synthetic records. Read
    lazily (once per request, only by pages that show the banner)."""
    cache: dict[str, bool] = {}

    def present() -> bool:
        if "v" not in cache:
            cache["v"] = demo_data_present()
        return cache["v"]

    return {"demo_data": present}
