"""Template helpers for office pages: an audit entry's change as rows of field, before, after."""

import json
from typing import Any

from django import template

register = template.Library()


def _text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value or "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


@register.filter
def audit_changes(entry: Any) -> list[tuple[str, str, str]]:
    """(field, before, after) for each field that differs; a creation lists every field, a deletion
    every field before. Data that is not a mapping is one row named "value"."""
    before, after = entry.before, entry.after
    if not isinstance(before, dict) and not isinstance(after, dict):
        if before is None and after is None:
            return []
        return [("value", _text(before), _text(after))]
    b = before if isinstance(before, dict) else {}
    a = after if isinstance(after, dict) else {}
    rows = []
    for key in list(b) + [k for k in a if k not in b]:
        if before is not None and after is not None and b.get(key) == a.get(key):
            continue
        rows.append(
            (
                key.replace("_", " "),
                _text(b.get(key)) if before is not None else "—",
                _text(a.get(key)) if after is not None else "—",
            )
        )
    return rows
