"""Which agency and agreement a row of an ICE list belongs to."""

import json
from functools import cache, lru_cache
from importlib import resources

from g287.registry.history import Values
from g287.registry.ice.parse import Row
from g287.registry.identity import agency_id, agreement_id, name_key
from g287.registry.models import AgencyAlias


def _curated() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = json.loads(
        resources.files("g287.registry").joinpath("aliases.json").read_text()
    )
    return rows


@cache
def curated_aliases() -> dict[tuple[str, str], str]:
    """Spellings that normalization cannot fold (reordered words, typos), each to its canonical key.
    Kept as data in aliases.json so that every import, in any order, resolves them the same way."""
    out: dict[tuple[str, str], str] = {}
    for group in _curated():
        names = [str(n) for n in group["names"]]  # type: ignore[attr-defined]
        canonical = name_key(names[0])
        for name in names[1:]:
            out[(str(group["state"]), name_key(name))] = canonical
    return out


@cache
def curated_states() -> dict[tuple[str, str], str]:
    """Rows ICE put under the wrong state (a request listed as Texas and signed in Oklahoma the next day):
    (state on the row, normalized name) -> the agency's state. aliases.json entries with `agency_state`;
    `g287.registry.continuity.wrong_state_requests` finds the candidates."""
    out: dict[tuple[str, str], str] = {}
    for group in _curated():
        if group.get("agency_state"):
            for name in group["names"]:  # type: ignore[attr-defined]
                out[(str(group["state"]), name_key(str(name)))] = str(group["agency_state"])
    return out


class Resolver:
    """Maps (state, normalized name) to agency ids, remembering the agencies it had to create."""

    def __init__(self, aliases: dict[tuple[str, str], str]) -> None:
        self.aliases = aliases
        self.new_aliases: dict[tuple[str, str], str] = {}
        # The same Row recurs in hundreds of snapshots: resolve it once and share its Values object.
        self._resolved: dict[Row, tuple[str, Values]] = {}
        self._by_id: dict[int, tuple[Row, tuple[str, Values]]] = {}

    @classmethod
    def from_db(cls) -> "Resolver":
        return cls(
            {(a.state, a.key): a.agency_id for a in AgencyAlias.objects.only("state", "key", "agency")}
        )

    @classmethod
    def raw_from_db(cls) -> "Resolver":
        """Names to the agencies a fresh import gives them, whatever continuity joined since."""
        return cls({(s, k): raw_agency(s, k) for s, k in AgencyAlias.objects.values_list("state", "key")})

    def agency(self, state: str, key: str) -> str:
        found = self.aliases.get((state, key))
        if found:
            return found
        canonical = curated_aliases().get((state, key), key)
        found = self.aliases.get((state, canonical)) or raw_agency(state, key)
        for pair in {(state, canonical), (state, key)}:
            if pair not in self.aliases:
                self.aliases[pair] = self.new_aliases[pair] = found
        return found

    def rows(self, rows: list[Row]) -> dict[str, Values]:
        """One entry per agreement; where two spellings fold into one agreement, the name that sorts
        first wins, so the choice never depends on row or import order."""
        out: dict[str, Values] = {}
        for row in rows:
            # Snapshots parsed together share unchanged Row objects: look them up by identity first.
            by_id = self._by_id.get(id(row))
            resolved = by_id[1] if by_id is not None and by_id[0] is row else self._resolved.get(row)
            if resolved is None:
                resolved = self._resolved[row] = (
                    agreement_id(self.agency(row.state, row.key), row.model),
                    Values(
                        row.name,
                        row.type,
                        row.county,
                        row.signed,
                        row.moa,
                        row.moa_url,
                        row.addendum,
                        row.addendum_url,
                    ),
                )
            self._by_id[id(row)] = (row, resolved)
            ident, values = resolved
            if ident not in out or values.name < out[ident].name:
                out[ident] = values
        return out


@lru_cache(maxsize=65536)
def raw_agency(state: str, key: str) -> str:
    """The agency a fresh import gives to the normalized name `key` in `state`, before continuity
    joined anything (see registry/raw.py)."""
    return agency_id(curated_states().get((state, key), state), curated_aliases().get((state, key), key))
