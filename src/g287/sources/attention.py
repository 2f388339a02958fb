"""What the office must look at: fetches that failed and have not been followed by a good one.

`failed_fetches_needing_attention()` is the count the office work queue shows; `acknowledge()` is how a
staff member takes a failure off it without waiting for the next good fetch."""

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from g287.core import audit
from g287.sources.models import FetchRun


def failed_fetches() -> QuerySet[FetchRun]:
    """Failed passes since the last successful one, not yet acknowledged (newest first)."""
    last_ok = FetchRun.objects.filter(ok=True).order_by("-started_at", "-id").first()
    qs = FetchRun.objects.filter(ok=False, acknowledged_at__isnull=True)
    if last_ok is not None:
        qs = qs.filter(started_at__gt=last_ok.started_at)
    return qs.order_by("-started_at", "-id")


def failed_fetches_needing_attention() -> int:
    return failed_fetches().count()


@transaction.atomic
def acknowledge(run: FetchRun, actor: str) -> None:
    run.acknowledged_at = timezone.now()
    run.acknowledged_by = actor
    run.save(update_fields=["acknowledged_at", "acknowledged_by"])
    audit.record(
        "sources.fetchrun.acknowledge",
        "sources.FetchRun",
        run.pk,
        after={"message": run.message},
        actor=actor,
    )
