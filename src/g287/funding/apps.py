from datetime import date
from typing import Any

from django.apps import AppConfig


def _paid_by_agency(as_of: date) -> dict[str, int] | None:
    from g287.funding.public import paid_cents_by_agency

    return paid_cents_by_agency(as_of)


def _can_view(user: Any) -> bool:
    from g287.funding.permissions import FCap, fcan

    return fcan(user, FCap.VIEW)


class FundingConfig(AppConfig):
    name = "g287.funding"
    label = "funding"
    verbose_name = "Funding: rules, claims, awards, budget"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from g287.core import hooks

        # Oversight's performance measures count the payments (funding is the only app that has them).
        hooks.paid_by_agency.register("funding", _paid_by_agency)
        hooks.staff_links.register(
            "funding", hooks.StaffLink("funding", "Funding", "funding:claims", 50, _can_view)
        )
