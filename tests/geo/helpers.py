"""Hand-made roster entries for matching tests."""

from g287.geo.roster import RosterEntry, entry_from_row


def entry(
    ori: str, name: str, state: str, county: str, agency_type: str, population: int = 0, officers: int = 0
) -> RosterEntry:
    """Built the way the shipped file is read, so the FBI's own codes (NB) are fixed the same way."""
    return entry_from_row(
        {
            "ori": ori,
            "data_year": "2025",
            "name": name,
            "state": state,
            "county": county,
            "type": agency_type,
            "population": str(population),
            "officers": str(officers),
        }
    )


ROSTER = [
    entry("TX1010000", "Harris", "TX", "HARRIS", "County", 2178104, 2188),
    entry("TX1010100", "Houston", "TX", "HARRIS", "City", 2300000, 5000),
    entry("TX1013100", "Harris County Constable:", "TX", "HARRIS", "Other", 0, 349),
    entry("TX1014700", "Harris County Constable:", "TX", "HARRIS", "Other", 0, 94),
    entry("TX1430300", "Yoakum", "TX", "DEWITT, LAVACA", "City", 5900, 12),
    entry("TX2510000", "Yoakum", "TX", "YOAKUM", "County", 3181, 9),
    entry("TX0000000", "Department of Public Safety", "TX", "NOT SPECIFIED", "State Police", 0, 4000),
    entry("TN0940100", "Franklin", "TN", "WILLIAMSON", "City", 90000, 150),
    entry("KY0370100", "Franklin", "KY", "SIMPSON", "City", 10000, 20),
    entry("MS0250000", "Jackson", "MS", "HINDS", "County", 0, 0),
    entry("MS0260000", "Jackson", "MS", "JACKSON", "County", 90000, 120),
    entry("MS0260100", "Pascagoula", "MS", "JACKSON", "City", 21000, 60),
    entry("MS0250100", "Jackson", "MS", "HINDS", "City", 150000, 250),
    entry("PA0633000", "Union Township", "PA", "WASHINGTON", "City", 5000, 8),
    entry("PA0373000", "Union Township", "PA", "LAWRENCE", "City", 5000, 6),
    entry("NB0550000", "Lancaster", "NB", "LANCASTER", "County", 30000, 60),
    entry("NBNSP0000", "Nebraska State Patrol", "NB", "NOT SPECIFIED", "State Police", 0, 400),
    entry("GA0630000", "Glynn", "GA", "GLYNN", "County", 0, 61),
    entry("GA0630200", "Glynn County Police Department", "GA", "GLYNN", "County", 71493, 91),
    entry("FS0000001", "Federal Agency", "FS", "NOT SPECIFIED", "Federal", 0, 100),
]
