"""Atom feeds: one entry per ICE list that changed something, for the program, a state or an agency."""

from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.utils.feedgenerator import Atom1Feed

from g287.alerts import changesets
from g287.alerts.changesets import ChangeSet
from g287.core.states import NAME_BY_CODE
from g287.registry.models import Agency, EventKind


class _ChangesFeed(Feed):
    feed_type = Atom1Feed
    author_name = "g287, the 287(g) registry"
    scope = "program"

    def link(self, obj: Any = None) -> str:
        return "/changes/"

    def items(self, obj: Any = None) -> list[ChangeSet]:
        scope = self.filters(obj)
        return changesets.recent(state=scope.get("state"), agency=scope.get("agency"))

    def filters(self, obj: Any) -> dict[str, str]:
        return {}

    def item_title(self, item: ChangeSet) -> str:
        return item.title()

    def item_description(self, item: ChangeSet) -> str:
        labels = dict(EventKind.choices)
        lines = [
            f"{labels.get(e.kind, e.kind)}: {e.agreement.name} ({e.agreement_id})" for e in item.events[:200]
        ]
        more = len(item.events) - 200
        if more > 0:
            lines.append(f"… and {more} more")
        return "\n".join(lines)

    def item_link(self, item: ChangeSet) -> str:
        return item.changes_path()

    def item_guid(self, item: ChangeSet) -> str:
        return f"tag:g287,{item.snapshot.date:%Y-%m-%d}:changes/{self.scope}/{item.key}"

    item_guid_is_permalink = False

    def item_updateddate(self, item: ChangeSet) -> datetime:
        return item.snapshot.published_at

    def item_pubdate(self, item: ChangeSet) -> datetime:
        return item.snapshot.published_at


class ProgramFeed(_ChangesFeed):
    title = "287(g) program: changes to ICE's lists"
    subtitle = "Agreements added, ended, renamed, signed, and MOAs posted, one entry per ICE list."


class StateFeed(_ChangesFeed):
    def get_object(self, request: HttpRequest, code: str) -> str:
        code = code.upper()
        if code not in NAME_BY_CODE:
            raise Http404
        self.scope = f"state/{code}"
        return code

    def title(self, obj: str) -> str:
        return f"287(g) in {NAME_BY_CODE[obj]}: changes to ICE's lists"

    def link(self, obj: Any = None) -> str:
        return f"/states/{obj}/"

    def filters(self, obj: str) -> dict[str, str]:
        return {"state": obj}


class AgencyFeed(_ChangesFeed):
    def get_object(self, request: HttpRequest, agency_id: str) -> Agency:
        agency = Agency.objects.filter(pk=agency_id).first()
        if agency is None:
            raise Http404
        self.scope = f"agency/{agency.pk}"
        return agency

    def title(self, obj: Agency) -> str:
        return f"287(g): {obj.name} ({obj.state}), changes to ICE's lists"

    def link(self, obj: Any = None) -> str:
        return f"/agencies/{obj.pk}/"

    def filters(self, obj: Agency) -> dict[str, str]:
        return {"agency": obj.pk}
