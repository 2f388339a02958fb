"""Which agencies are one: ICE's spelling fixes, renames and same-list duplicates.

ICE overwrites its lists and corrects names without saying so: "Dimmit Couny Sheriff's Office" becomes
"Dimmit County Sheriff's Office" with the same signing date. Read naively, that is an agreement ended
and a new one added. This module finds such pairs from the versions alone (pure functions, no
database), so every import, in any order, and `load-history` reach the same agencies:

- a *rename*: an agreement leaves a list (for good, or for a while: ICE lists a misspelling for some
  weeks and then undoes it) and, on that same list, exactly one agreement of the same state and model
  appears (for the first time, or again) with a close name, a compatible county and the same signing date
  (when both give one), and no other candidate competes, or only one competing candidate links the same
  MOA file with the same signing date; agencies a person joined are one agreement here, known by all their
  names;
- a *signed request*: a request that left (or is still on) the pending list, whose close-named twin of
  the same state and model is signed and listed without ever being on the pending list itself;
- a *duplicate*: two names in one state that the domain says are one agency ("Sheriff's Department" and
  "Sheriff's Office", "City of X Police Department" and "X Police Department", a missing "County", a
  trailing ", PA").

A request ICE put under the wrong state is not joined here (a plan never crosses a state):
`wrong_state_requests` finds it, and a person ships it in aliases.json (`agency_state`).

Two agencies are merged only when no list ever shows both with the same model (so no list's figures
move) and no person decided to keep them apart. Anything less certain is a *candidate* for review.
"""

import difflib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from g287.core.states import STATES
from g287.registry.history import Values, Version
from g287.registry.identity import name_key

# Close names: the same words in any order, or the words that differ spelt at least this alike
# (Dogulas/Douglas 0.86, Macro/Marco 0.8; Madison/Marion 0.77 is another county)...
CLOSE_WORDS = 0.8
# ...or this alike when both rows give the same county.
CLOSE_IN_COUNTY = 0.5
# A request signed under another spelling: its twin is first listed at most this long after the
# request last showed on the pending list (ICE updates the two lists on different days).
SIGNED_WITHIN = timedelta(days=45)

_STATE_WORDS = {code: tuple(name.lower().split()) for code, name, _ in STATES}
# ICE's abbreviations that name_key does not expand (it cannot: agency ids are built from its keys).
_EXPAND = {"bocc": "board of county commissioners", "dps": "department of public safety"}
# Words ICE adds to or drops from an agency's name without naming another agency ("Idaho State Police
# Department", "Quarryville Borough Police Department"); a place name added is never one of them.
_QUALIFIERS = frozenset(
    [
        "department",
        "services",
        "borough",
        "board",
        "of",
        "county",
        "commissioners",
        "corrections",
        "correctional",
        "detention",
        "facility",
        "jail",
        "police",
        "state",
        "township",
        "city",
        "office",
        "constables",
        "parish",
        "sheriffs",
        "division",
    ]
)
# Words that say what kind of agency it is: two names differing in one of them are two agencies
# ("Pinal County Sheriff's Office" handed its agreement to the "Pinal County Attorney's Office").
_KINDS = frozenset(
    [
        "sheriffs",
        "attorneys",
        "attorney",
        "police",
        "constables",
        "constable",
        "marshals",
        "marshal",
        "corrections",
        "jail",
        "prison",
        "office",
        "department",
        "detention",
        "patrol",
        "court",
        "courts",
        "district",
    ]
)
_PLACE_PREFIXES = (("city", "of"), ("town", "of"), ("village", "of"), ("borough", "of"), ("township", "of"))


_CODE_WORD = {"MT": "mount", "CO": "county"}


@lru_cache(maxsize=65536)
def domain_key(state: str, key: str) -> str:
    """A looser key than name_key, for names the domain says are one agency in a state."""
    words = " ".join(_EXPAND.get(w, w) for w in key.split()).split()
    code = state.lower()
    state_words = _STATE_WORDS.get(state, ())
    if len(words) > 1 and words[-1] == code:
        words = words[:-1]  # "Addison Borough Constable's Office, PA"
    if state_words and len(words) > len(state_words) and tuple(words[-len(state_words) :]) == state_words:
        words = words[: -len(state_words)]
    for prefix in _PLACE_PREFIXES:
        if tuple(words[: len(prefix)]) == prefix and len(words) > len(prefix):
            words = words[len(prefix) :]
            break
    text = " ".join(words).replace("sheriffs department", "sheriffs office")
    return " ".join("county" if _countyish(w) else w for w in text.split())


@lru_cache(maxsize=4096)
def _countyish(word: str) -> bool:
    """ "county" and ICE's typos of it ("Couny", "Counry", "County's")."""
    return word == "county" or (
        len(word) >= 5 and difflib.SequenceMatcher(None, word, "county").ratio() >= 0.8
    )


@lru_cache(maxsize=65536)
def _bare(state: str, key: str) -> str:
    """The domain key without a leading state name ("Alaska Department of Corrections")."""
    words = domain_key(state, key).split()
    state_words = _STATE_WORDS.get(state, ())
    if len(words) > 1 and words[0] == _CODE_WORD.get(state):
        words = words[1:]  # "MT Department of Justice", read by name_key as "mount department..."
    if state_words and len(words) > len(state_words) and tuple(words[: len(state_words)]) == state_words:
        words = words[len(state_words) :]
    return " ".join(words)


@lru_cache(maxsize=65536)
def similarity(state: str, a: str, b: str) -> float:
    """How alike two agency names of one state are, 0..1, after folding. Only the words that differ
    are compared: "Madison" and "Marion County Sheriff's Office" share most letters, not the place."""
    ka, kb = _bare(state, name_key(a)), _bare(state, name_key(b))
    if ka == kb or sorted(ka.split()) == sorted(kb.split()):
        return 1.0
    wa, wb = ka.split(), kb.split()
    if wa[-len(wb) :] == wb or wb[-len(wa) :] == wa:
        return 0.5  # a word put in front names another place: "West Melbourne", "North Miami"
    short, long = sorted((wa, wb), key=len)
    if short and short[0] == long[0] and _qualified(short, long):
        return 0.95
    if short and long[: len(short)] == short:
        return 0.85  # words added at the end: "... Homeland Security / THP", "... 4th District Polk County"
    common = set(wa) & set(wb)
    da = " ".join(w for w in wa if w not in common)
    db = " ".join(w for w in wb if w not in common)
    if not da or not db:
        return 0.5
    return round(difflib.SequenceMatcher(None, da, db).ratio(), 3)


def close(state: str, old: Values, new: Values) -> float:
    """The similarity of two rows' names when it makes them one agency, else 0. A looser spelling is
    accepted where both rows give the same county ("Brookfield"/"Brookford", both in Catawba)."""
    score = similarity(state, old.name, new.name)
    if score >= CLOSE_WORDS:
        return score
    same_county = bool(_county(old.county)) and _county(old.county) == _county(new.county)
    if not same_county:
        return 0.0
    if score >= CLOSE_IN_COUNTY:
        return score
    # One word apart after the same two-word place, in the same county: "St. Charles Place/Parish".
    wa, wb = name_key(old.name).split(), name_key(new.name).split()
    if len(wa) == len(wb) > 2 and wa[:2] == wb[:2]:
        differ = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
        if len(differ) == 1 and not set(differ[0]) & _KINDS:
            return CLOSE_IN_COUNTY
    return 0.0


def _qualified(short: list[str], long: list[str]) -> bool:
    """True when `long` is `short` with qualifying words added (or its own words repeated)."""
    rest = iter(long)
    if not all(any(word == other for other in rest) for word in short):
        return False  # not a subsequence
    extra = list(long)
    for word in short:
        extra.remove(word)
    return all(w in _QUALIFIERS or w in short for w in extra)


def _county(text: str) -> str:
    return " ".join(w for w in name_key(text).split() if not _countyish(w))


def counties_agree(a: str, b: str) -> bool:
    """Counties agree when either is missing or they are spelt alike."""
    ka, kb = _county(a), _county(b)
    return not ka or not kb or ka == kb or difflib.SequenceMatcher(None, ka, kb).ratio() >= 0.85


@dataclass(frozen=True)
class Pair:
    """Two agreements (and so two agencies) that may be one. `old` is the earlier name."""

    rule: str  # renamed | signed | duplicate
    old: str
    new: str
    key: str  # order key of the list that shows it ("" for a duplicate)
    evidence: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    @property
    def agencies(self) -> tuple[str, str]:
        return agency_of(self.old), agency_of(self.new)


def agency_of(agreement: str) -> str:
    return agreement.split("#")[0]


def _model(agreement: str) -> str:
    return agreement.rsplit("#", 1)[1]


@dataclass
class _Span:
    """One agreement's presence on one kind of list."""

    agreement: str
    first: Version
    last: Version

    @property
    def state(self) -> str:
        return self.agreement[:2]


def _spans(versions: Iterable[Version]) -> dict[str, dict[str, _Span]]:
    by: dict[str, dict[str, list[Version]]] = {
        "participating": defaultdict(list),
        "pending": defaultdict(list),
    }
    for version in versions:
        by[version.kind][version.agreement].append(version)
    out: dict[str, dict[str, _Span]] = {}
    for kind, groups in by.items():
        out[kind] = {}
        for agreement, vs in groups.items():
            vs.sort(key=lambda v: v.valid_from)
            out[kind][agreement] = _Span(agreement, vs[0], vs[-1])
    return out


def _stretches(versions: Iterable[Version], same: Mapping[str, str]) -> dict[str, list[_Span]]:
    """Each agreement's unbroken presences on each kind of list: a gap of one list or more starts a new
    stretch. `same` maps agencies people joined (a `merge` decision) to the one kept, so their rows are one
    agreement here."""
    by: dict[tuple[str, str], list[Version]] = defaultdict(list)
    for version in versions:
        by[(version.kind, _joined_id(version.agreement, same))].append(version)
    out: dict[str, list[_Span]] = {"participating": [], "pending": []}
    for (kind, agreement), vs in by.items():
        vs.sort(key=lambda v: v.valid_from)
        current: _Span | None = None
        for v in vs:
            end = current.last.valid_to if current else None
            if current is not None and (end is None or v.valid_from <= end):
                if end is not None and (v.valid_to is None or v.valid_to > end):
                    current.last = v
                continue
            current = _Span(agreement, v, v)
            out[kind].append(current)
    return out


def _joined_id(agreement: str, same: Mapping[str, str]) -> str:
    agency = agency_of(agreement)
    return f"{same.get(agency, agency)}#{_model(agreement)}" if agency in same else agreement


def _unique(pairs: list[Pair], per_list: bool = True) -> tuple[list[Pair], list[Pair]]:
    """Pairs whose two sides have no other candidate (on the same list when `per_list`), and the
    competing rest. Where several compete, the one pair that the same MOA file and signing date support
    wins."""
    olds: dict[tuple[str, str], list[Pair]] = defaultdict(list)
    news: dict[tuple[str, str], list[Pair]] = defaultdict(list)
    for pair in pairs:
        key = pair.key if per_list else ""
        olds[(pair.old, key)].append(pair)
        news[(pair.new, key)].append(pair)

    def alone(pair: Pair) -> bool:
        key = pair.key if per_list else ""
        rivals = {id(p): p for p in (*olds[(pair.old, key)], *news[(pair.new, key)])}
        if len(rivals) == 1:
            return True
        backed = [p for p in rivals.values() if p.evidence.get("same_moa")]
        return backed == [pair]

    sure = [p for p in pairs if alone(p)]
    return sure, [p for p in pairs if p not in sure]


def _same_moa(old: Values, new: Values) -> bool:
    """Both rows link the same MOA file and give the same signing date: one signed agreement."""
    return (
        bool(old.moa_url)
        and old.moa_url == new.moa_url
        and old.signed is not None
        and old.signed == new.signed
    )


def renames(
    versions: Iterable[Version], same: Mapping[str, str] | None = None
) -> tuple[list[Pair], list[Pair]]:
    """(sure, competing) rename pairs, on either kind of list, wherever an agreement leaves a list: for
    good, or for a while (a misspelling ICE lists for a few weeks and then undoes). `same` maps the
    agencies people joined to the one kept: their agreement is one, known by all their names."""
    same = dict(same or {})
    versions = list(versions)
    names: dict[str, dict[tuple[str, str], Values]] = defaultdict(dict)
    for version in versions:
        names[_joined_id(version.agreement, same)].setdefault(
            (name_key(version.values.name), _county(version.values.county)), version.values
        )
    found: list[Pair] = []
    for kind, stretches in _stretches(versions, same).items():
        appearing: dict[tuple[str, str, str], list[_Span]] = defaultdict(list)
        for span in stretches:
            appearing[(span.first.valid_from, span.state, _model(span.agreement))].append(span)
        for span in stretches:
            gone = span.last.valid_to
            if gone is None:
                continue
            for twin in appearing.get((gone, span.state, _model(span.agreement)), []):
                old, new = span.last.values, twin.first.values
                if agency_of(twin.agreement) == agency_of(span.agreement):
                    continue
                if old.signed and new.signed and old.signed != new.signed:
                    continue
                if not counties_agree(old.county, new.county):
                    continue
                score = close(span.state, old, new) or _close_to_another_name(
                    span.state, names[span.agreement].values(), names[twin.agreement].values()
                )
                if not score:
                    continue
                evidence: dict[str, object] = {
                    "list": kind,
                    "names": [old.name, new.name],
                    "similarity": score,
                    "counties": [old.county, new.county],
                    "signed": [_iso(old.signed), _iso(new.signed)],
                }
                if _same_moa(old, new):
                    evidence["same_moa"] = new.moa_url
                found.append(Pair("renamed", span.agreement, twin.agreement, gone, evidence))
    return _unique(found)


def _close_to_another_name(state: str, olds: Iterable[Values], news: Iterable[Values]) -> float:
    """The best closeness of any name one side was listed under to any of the other's (an agreement of
    agencies people joined is known by each of their names)."""
    news = list(news)
    return max(
        (close(state, o, n) for o in olds for n in news if counties_agree(o.county, n.county)), default=0.0
    )


def signed_requests(versions: Iterable[Version], days: Mapping[str, date]) -> tuple[list[Pair], list[Pair]]:
    """(sure, competing) pairs of a request and the agreement it became under another spelling.
    `days` maps each snapshot's order key to its date."""
    spans = _spans(versions)
    pending, listed = spans["pending"], spans["participating"]
    by_group: dict[tuple[str, str], list[_Span]] = defaultdict(list)
    for agreement, span in listed.items():
        if agreement not in pending:
            by_group[(span.state, _model(agreement))].append(span)
    found: list[Pair] = []
    for agreement, request in pending.items():
        if agreement in listed:
            continue
        requested = days[request.first.valid_from]
        left = days[request.last.valid_to] if request.last.valid_to else None
        for twin in by_group.get((request.state, _model(agreement)), []):
            if agency_of(twin.agreement) == agency_of(agreement):
                continue
            listed_on = days[twin.first.valid_from]
            if listed_on < requested or (left is not None and listed_on > left + SIGNED_WITHIN):
                continue
            old, new = request.last.values, twin.first.values
            if not counties_agree(old.county, new.county):
                continue
            score = close(request.state, old, new)
            if not score:
                continue
            found.append(
                Pair(
                    "signed",
                    agreement,
                    twin.agreement,
                    twin.first.valid_from,
                    {
                        "list": "pending -> participating",
                        "names": [old.name, new.name],
                        "similarity": score,
                        "counties": [old.county, new.county],
                        "signed": [None, _iso(new.signed)],
                    },
                )
            )
    return _unique(found, per_list=False)


def wrong_state_requests(versions: Iterable[Version], days: Mapping[str, date]) -> list[Pair]:
    """Requests ICE put under the wrong state: a request never listed in its state whose agency, by the
    very same name, and model is signed and listed in one other state soon after (as a signed request),
    or is on the pending list of one other state from the list where it left (ICE fixed the state). Only
    when no third state has an agency of that name. These are kept as data (aliases.json `agency_state`,
    read when rows are resolved), not joined here: a pair never crosses a state in a plan."""
    spans = _spans(versions)
    pending, listed = spans["pending"], spans["participating"]
    states: dict[str, set[str]] = defaultdict(set)
    for by_agreement in spans.values():
        for agreement in by_agreement:
            states[agency_of(agreement)[3:]].add(agreement[:2])
    out: list[Pair] = []
    for agreement, request in sorted(pending.items()):
        if agreement in listed:
            continue
        rest = agency_of(agreement)[3:]
        others = states[rest] - {request.state}
        if len(others) != 1:
            continue
        twin_id = f"{others.pop()}-{rest}#{_model(agreement)}"
        left = request.last.valid_to
        moved, signed = pending.get(twin_id), listed.get(twin_id)
        if moved is not None and left is not None and moved.first.valid_from == left:
            twin, how = moved, "pending -> pending"
        elif signed is not None and moved is None:
            listed_on = days[signed.first.valid_from]
            if listed_on < days[request.first.valid_from]:
                continue
            if left is not None and listed_on > days[left] + SIGNED_WITHIN:
                continue
            twin, how = signed, "pending -> participating"
        else:
            continue
        old, new = request.last.values, twin.first.values
        if not counties_agree(old.county, new.county):
            continue
        out.append(
            Pair(
                "signed_elsewhere",
                agreement,
                twin_id,
                twin.first.valid_from,
                {"list": how, "names": [old.name, new.name], "counties": [old.county, new.county]},
            )
        )
    return out


def duplicates(names: Mapping[str, tuple[str, str]]) -> list[Pair]:
    """Agencies of one state whose names the domain says are one. `names` maps agency id to
    (state, a name). The pair's `new` side is the canonical spelling (see `_preference`)."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for agency, (state, name) in names.items():
        # A missing "County" does not make another agency ("Hopewell Sheriff's Office").
        # Word order does not make another agency either ("Wyoming Highway State Patrol").
        key = " ".join(
            sorted(w for w in domain_key(state, name_key(name)).split() if w not in {"county", "parish"})
        )
        groups[(state, key)].append(agency)
    out = []
    for (state, _), members in sorted(groups.items()):
        if len(members) < 2:
            continue
        ranked = sorted(members, key=lambda a: _preference(state, names[a][1], a))
        keep = ranked[0]
        for other in ranked[1:]:
            out.append(
                Pair(
                    "duplicate",
                    f"{other}#",
                    f"{keep}#",
                    "",
                    {"names": [names[other][1], names[keep][1]], "similarity": 1.0},
                )
            )
    return out


def _preference(state: str, name: str, agency: str) -> tuple[int, int, str]:
    """The spelling a duplicate folds into, whatever order lists arrive in: the fewest departures from
    the usual form ("Sheriff's Office", with "County", no "City of", no trailing state)."""
    key = name_key(name)
    words = key.split()
    penalty = 0
    penalty += "sheriffs department" in key
    penalty += words[:2] in (["city", "of"], ["town", "of"], ["village", "of"])
    penalty += bool(words) and words[-1] in {state.lower(), *_STATE_WORDS.get(state, ())}
    penalty += "sheriffs" in words and "county" not in words and "parish" not in words
    return penalty, -len(words), agency


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
