"""How an agency was matched to the FBI roster, said in plain words for the agency page. The matcher's
own reason ("sheriff -> Garrett (County): same name; FBI type County; same county") stays the record
for staff; readers get a sentence built from its parts."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from g287.geo.models import MatchStatus


def _name_words(why: str) -> str:
    if why.startswith("same name once"):
        return _("under the same name once abbreviations are spelled out")
    if why.startswith("same name but for"):
        return _("under the same name, apart from words like “state” or “department”")
    if why.startswith("same name"):
        return _("under the same name")
    if why.startswith("same words"):
        return _("with the same words in another order")
    if why.startswith("name read as the county"):
        return _("under a name that reads as this county")
    if why.startswith("misspelt name"):
        return _("under a name spelled a letter or two differently")
    if why.startswith("similar name"):
        return _("under a similar name")
    return _("under a comparable name")


def _kind_words(fbi_type: str) -> str:
    kinds = {
        "City": _("a city or town agency"),
        "County": _("a county agency"),
        "State Police": _("a state police agency"),
        "Other State Agency": _("a state agency"),
        "University or College": _("a university or college police"),
        "Tribal": _("a tribal agency"),
    }
    return kinds.get(fbi_type, _("an agency"))


def _county_words(parts: list[str]) -> str:
    for part in parts:
        if part.startswith("same county"):
            return _("in the same county")
        if part.startswith("county differs"):
            return _("but in another county")
        if part.startswith("no county to compare"):
            return _("(ICE gives no county to compare)")
    return ""


def explain(identity: dict[str, Any]) -> str:
    """One or two sentences: what was found on the FBI roster and why it is (or is not) this agency."""
    status = identity.get("status")
    reason: str = identity.get("reason") or ""
    decision = identity.get("decision") or ""
    if status == MatchStatus.MATCHED:
        if decision == "manual" or reason.startswith("set to"):
            return _("The program office chose this FBI identifier for the agency.")
        if decision == "confirmed" or reason.startswith("confirmed"):
            return _("The program office checked and confirmed this FBI identifier.")
        detail = reason.split(": ", 1)[1] if ": " in reason else ""
        parts = [p.strip() for p in detail.split(";")]
        name = identity.get("ori_name") or ""
        sentence = _("The FBI's roster lists “%(name)s”, %(kind)s, %(how)s %(where)s.") % {
            "name": name,
            "kind": _kind_words(identity.get("ori_type") or ""),
            "how": _name_words(parts[0] if parts else ""),
            "where": _county_words(parts[1:]),
        }
        return " ".join(sentence.split()).replace(" .", ".") + " " + _("We take it to be this agency.")
    if status == MatchStatus.REVIEW:
        if "score alike" in reason:
            return _(
                "Several agencies on the FBI's roster could be this one; the program office has not yet "
                "decided which, so population and officers are unknown."
            )
        return _(
            "The closest agency on the FBI's roster is not a sure match; the program office reviews it, and "
            "until then population and officers are unknown."
        )
    if status == MatchStatus.UNMATCHED:
        if reason.startswith("cleared"):
            return _("The program office removed the FBI identifier it had been given.")
        return _(
            "No agency of the same kind with a similar name is on the FBI's roster for this state, so "
            "population and officers are unknown."
        )
    return ""
