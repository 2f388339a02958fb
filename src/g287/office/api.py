"""`GET /api/office/queue`: the signed-in user's (or token's) work queue, the same service as the
office home, as one of the API's lists: {count, next, previous, results: [{kind, label, count, url}]}."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from g287.accounts.api_auth import API_AUTH
from g287.accounts.decorators import Access, api_perm
from g287.core.api_lists import ListPage, ListParams, page
from g287.office.queue import queue_for

router = Router(auth=API_AUTH, tags=["office"])


class QueueItemOut(Schema):
    kind: str
    label: str
    count: int
    url: str


@router.get("/queue", response=ListPage[QueueItemOut], summary="The work waiting for you")
@api_perm(Access.SIGNED_IN)
def queue(request: HttpRequest, query: Query[ListParams]) -> dict[str, Any]:
    """The work waiting for the caller, per kind, scoped to their role and agencies."""
    return page(request, [item.as_json() for item in queue_for(request.user)], query)
