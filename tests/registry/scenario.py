"""A small, hand-made run of ICE lists whose history is known."""

from dataclasses import replace
from datetime import date
from pathlib import Path

from tests.registry.ice_files import PENDING, Agreement, write

HARRIS = Agreement(moa="pending")
LEE = Agreement(
    state="FLORIDA",
    agency="Lee County Sheriff's Office",
    county="Lee County",
    model="Jail Enforcement Model",
    signed=date(2025, 3, 25),
    moa="LeeCoFL_JEM_MOA.pdf",
)
NIXON = Agreement(
    agency="Nixon Police Department",
    type="Municipality",
    county="Gonzales County",
    model="Warrant Service Officer",
    signed=date(2025, 2, 28),
    moa="NixonPD_WSO.pdf",
)


def scenario(folder: Path) -> list[Path]:
    """Files in publication order:
    1. pending 03-13: Harris TFM and Lee JEM requested.
    2. participating 03-17: Harris TFM listed (MOA link pending), Nixon WSO listed.
    3. participating 04-01: Harris's MOA posted; Lee listed; Nixon's county retyped.
    4. pending 04-02: the pending list is empty (both left it).
    5. participating 04-02: Harris's signing date corrected; Lee removed; "Harris Co. Sheriffs Office".
    6. participating 04-03: Lee listed again.
    """
    harris_posted = replace(HARRIS, moa="HarrisCoTX_TFM_MOA.pdf")
    return [
        write(folder, "pendingAgencies-20250313172004.xlsx", [HARRIS, LEE], PENDING),
        write(folder, "participatingAgencies-20250317231040.xlsx", [HARRIS, NIXON]),
        write(
            folder,
            "participatingAgencies04012025am.xlsx",
            [harris_posted, LEE, replace(NIXON, county="Gonzales Co")],
        ),
        write(folder, "pendingAgencies04022025am.xlsx", [], PENDING),
        write(
            folder,
            "participatingAgencies04022025am.xlsx",
            [
                replace(harris_posted, agency="Harris Co. Sheriffs Office", signed=date(2025, 3, 2)),
                replace(NIXON, county="Gonzales Co"),
            ],
        ),
        write(
            folder,
            "participatingAgencies04032025am.xlsx",
            [
                replace(harris_posted, agency="Harris Co. Sheriffs Office", signed=date(2025, 3, 2)),
                LEE,
                replace(NIXON, county="Gonzales Co"),
            ],
        ),
    ]
