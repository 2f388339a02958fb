"""Rebuilds the FBI agency roster shipped with the package (src/g287/data/fbi-lee-roster.csv.gz).

    python scripts/build_roster.py SOURCE.csv

SOURCE is the FBI's Law Enforcement Employees CSV (see `g287.geo.roster.SOURCE_NOTE`; a copy is in
../shared/data/fbi-lee/). Only the columns the package reads are kept, sorted by ORI and gzipped with no
timestamp, so the same source always gives the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
from collections.abc import Iterator
from pathlib import Path

from g287.geo.roster import ROSTER_PATH

COLUMNS = ["ori", "data_year", "name", "state", "county", "type", "population", "officers"]


def _source_rows(source: Path) -> Iterator[list[str]]:
    with source.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield [
                row["ori"],
                row["data_year"],
                " ".join(row["pub_agency_name"].split()),
                row["state_abbr"],
                row["county_name"],
                row["agency_type_name"],
                row["population"],
                row["officer_ct"],
            ]


def build_roster_file(source: Path, dest: Path = ROSTER_PATH) -> int:
    """Returns the number of agencies written."""
    rows = sorted(_source_rows(source))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    dest.write_bytes(gzip.compress(buffer.getvalue().encode("utf-8"), compresslevel=9, mtime=0))
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="the FBI LEE CSV")
    parser.add_argument("--dest", type=Path, default=ROSTER_PATH)
    args = parser.parse_args()
    print(f"{build_roster_file(args.source, args.dest)} agencies written to {args.dest}")


if __name__ == "__main__":
    main()
