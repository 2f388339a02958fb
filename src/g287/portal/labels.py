"""The portal's words for the registry's codes, in the request's language. The registry's own choices
(g287.registry.models) are plain English, since downloads and the API use the codes; the public pages
show these translatable labels instead. A code without a label here shows the registry's text."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from g287.registry.models import AgencyType, AgreementModel, EventKind, Status

MODEL_LABELS: dict[str, Promise] = {
    AgreementModel.JEM: _("Jail Enforcement Model"),
    AgreementModel.TFM: _("Task Force Model"),
    AgreementModel.WSO: _("Warrant Service Officer"),
}
STATUS_LABELS: dict[str, Promise] = {
    Status.ACTIVE: _("Active"),
    Status.PENDING: _("Pending"),
    Status.ENDED: _("Ended"),
    Status.WITHDRAWN: _("Left the pending list"),
}
TYPE_LABELS: dict[str, Promise] = {
    AgencyType.COUNTY: _("County"),
    AgencyType.MUNICIPALITY: _("Municipality"),
    AgencyType.STATE: _("State agency"),
    AgencyType.UNKNOWN: _("Not given"),
}
EVENT_LABELS: dict[str, Promise] = {
    EventKind.REQUESTED: _("Requested (on the pending list)"),
    EventKind.REQUEST_DROPPED: _("Left the pending list"),
    EventKind.SIGNED: _("Signed"),
    EventKind.LISTED: _("Listed"),
    EventKind.RELISTED: _("Listed again"),
    EventKind.REMOVED: _("Removed from the list"),
    EventKind.MOA_POSTED: _("MOA link posted"),
    EventKind.ADDENDUM_POSTED: _("Addendum posted"),
    EventKind.SIGNED_CORRECTED: _("Signed date corrected"),
    EventKind.COUNTY_CHANGED: _("County changed"),
    EventKind.TYPE_CHANGED: _("Agency type changed"),
    EventKind.RENAMED: _("Name spelled differently"),
}
