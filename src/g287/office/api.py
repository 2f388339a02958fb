"""`GET /api/office/queue`: the signed-in user's (or token's) work queue, the same service as the
office home. Shape: {"results": [{"kind", "label", "count", "url"}]}."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from g287.accounts.api_auth import API_AUTH
from g287.office.queue import queue_for

router = Router(auth=API_AUTH, tags=["office"])


class QueueItemOut(Schema):
    kind: str
    label: str
    count: int
    url: str


class QueueOut(Schema):
    results: list[QueueItemOut]


@router.get("/queue", response=QueueOut, summary="The work waiting for you")
def queue(request: HttpRequest) -> dict[str, Any]:
    """The work waiting for the caller, per kind, scoped to their role and agencies."""
    return {"results": [item.as_json() for item in queue_for(request.user)]}
