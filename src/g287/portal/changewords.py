"""What changed in an agreement between two lists, said in words a reader understands ("MOA posted",
"county corrected: Harris County → Harrison County") instead of field names and raw values. Downloads
and the API keep the fields themselves (g287.portal.changes.describe)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from g287.portal.labels import TYPE_LABELS


@dataclass(frozen=True)
class Phrase:
    text: str
    url: str = ""  # a document the change is about (the MOA or addendum PDF on ice.gov)


def _type(value: Any) -> str:
    label = TYPE_LABELS.get(value or "")
    return str(label) if label is not None else str(value or "")


def _document(kind: str, state: dict[str, Any] | None, url: dict[str, Any] | None) -> Phrase | None:
    """The MOA (or addendum) status and link read together: one phrase for the pair."""
    old_url = (url or {}).get("from") or ""
    new_url = (url or {}).get("to") or ""
    new_state = (state or {}).get("to")
    posted = _("MOA posted") if kind == "moa" else _("Addendum posted")
    if new_url and not old_url:
        return Phrase(posted, new_url)
    if new_url and old_url:
        return Phrase(_("MOA link changed") if kind == "moa" else _("Addendum link changed"), new_url)
    if old_url and not new_url:
        return Phrase(_("MOA link withdrawn") if kind == "moa" else _("Addendum link withdrawn"))
    if new_state == "posted":
        return Phrase(posted)
    if new_state == "pending":
        return Phrase(_("MOA marked pending") if kind == "moa" else _("Addendum marked pending"))
    if state is not None:
        return Phrase(_("MOA no longer mentioned") if kind == "moa" else _("Addendum no longer mentioned"))
    return None


def _corrected(label: str, old: Any, new: Any) -> Phrase:
    if old and new:
        return Phrase(_("%(what)s corrected: %(old)s → %(new)s") % {"what": label, "old": old, "new": new})
    if new:
        return Phrase(_("%(what)s added: %(new)s") % {"what": label, "new": new})
    return Phrase(_("%(what)s removed (was %(old)s)") % {"what": label, "old": old})


def phrases(fields: dict[str, dict[str, Any]]) -> list[Phrase]:
    """One phrase per change, in the order a reader cares about: the name, the type, the county, the
    signing date, then the documents."""
    out: list[Phrase] = []
    if "name" in fields:
        f = fields["name"]
        out.append(
            Phrase(_("name spelled differently: %(old)s → %(new)s") % {"old": f["from"], "new": f["to"]})
        )
    if "type" in fields:
        f = fields["type"]
        out.append(_corrected(pgettext("change", "agency type"), _type(f["from"]), _type(f["to"])))
    if "county" in fields:
        f = fields["county"]
        out.append(_corrected(pgettext("change", "county"), f["from"], f["to"]))
    if "signed" in fields:
        f = fields["signed"]
        out.append(_corrected(pgettext("change", "signing date"), f["from"], f["to"]))
    for kind in ("moa", "addendum"):
        if kind in fields or f"{kind}_url" in fields:
            phrase = _document(kind, fields.get(kind), fields.get(f"{kind}_url"))
            if phrase is not None:
                out.append(phrase)
    known = {"name", "type", "county", "signed", "moa", "moa_url", "addendum", "addendum_url"}
    for name in fields.keys() - known:
        f = fields[name]
        out.append(Phrase(f"{name}: {f['from'] or '—'} → {f['to'] or '—'}"))
    return out
