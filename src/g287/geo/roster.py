"""The FBI agency roster shipped with the package, and reading it (`scripts/build_roster.py` rebuilds it
from the FBI's CSV).

The shipped file keeps the source's values as written (state `NB`, county lists, names with the trailing
colon the FBI leaves when it drops a sub-unit name); `read_roster` is where they are interpreted, so a
rebuilt file never needs hand edits.
"""

import csv
import gzip
from dataclasses import dataclass
from pathlib import Path

from g287.geo.counties import county_fips_list, split_counties

# src/g287/data/ is already packaged (`data/*` in pyproject's package-data); a geo/data folder would not be.
ROSTER_PATH = Path(__file__).resolve().parents[1] / "data" / "fbi-lee-roster.csv.gz"
SOURCE_NOTE = (
    "FBI Uniform Crime Reporting, Law Enforcement Employees (LEE), latest year each agency reported; "
    "via recoveredfactory/287g-watch packages/pipeline/data/fbi_lee_latest.csv (commit 56b625a7)"
)
# The FBI's own state codes where they differ from postal codes.
_STATE_FIXES = {"NB": "NE", "GM": "GU"}


@dataclass(frozen=True)
class RosterEntry:
    ori: str
    name: str  # as the FBI writes it, trimmed
    state: str  # postal code (NE, not NB); FS for federal agencies
    county_names: tuple[str, ...]
    county_fips: tuple[str, ...]
    agency_type: str  # City, County, Other, University or College, Other State Agency, State Police, ...
    population: int
    officers: int
    data_year: int

    @property
    def truncated(self) -> bool:
        """The FBI names some sub-units "Harris County Constable:" with the precinct cut off; such a name
        stands for several ORIs and cannot identify one by itself."""
        return self.name.endswith((":", ","))


def _int(text: str) -> int:
    text = text.strip()
    return int(float(text)) if text and text.upper() != "NULL" else 0


def read_roster(path: Path = ROSTER_PATH) -> list[RosterEntry]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [entry_from_row(row) for row in rows]


def entry_from_row(row: dict[str, str]) -> RosterEntry:
    """One row of the shipped file (its column names), read: state codes fixed, counties resolved."""
    state = _STATE_FIXES.get(row["state"].strip(), row["state"].strip())
    names = tuple(split_counties(row["county"]))
    return RosterEntry(
        ori=row["ori"].strip(),
        name=" ".join(row["name"].split()),
        state=state,
        county_names=names,
        county_fips=tuple(county_fips_list(state, names)),
        agency_type=row["type"].strip(),
        population=_int(row["population"]),
        officers=_int(row["officers"]),
        data_year=_int(row["data_year"]),
    )
