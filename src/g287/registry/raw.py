"""The registry in *raw* terms: each row's agency as its own name gives it (curated aliases applied),
before continuity joined anything. A fresh import of every file plans continuity over raw versions; so
does every later import, for the states its lists touched, so a merge that later lists disprove is
undone and the registry never depends on the order files were imported in."""

from collections.abc import Iterable

from g287.registry.history import Version
from g287.registry.identity import name_key
from g287.registry.resolve import raw_agency


def raw_agreement(version: Version) -> str:
    """The agreement a fresh import gives to this version's row: its name's agency, its model."""
    state, model = version.agreement[:2], version.agreement.rsplit("#", 1)[1]
    return f"{raw_agency(state, name_key(version.values.name))}#{model}"


def to_raw(versions: Iterable[Version]) -> list[Version]:
    return [Version(raw_agreement(v), v.kind, v.valid_from, v.valid_to, v.values, pk=v.pk) for v in versions]
