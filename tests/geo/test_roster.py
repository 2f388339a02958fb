"""The shipped roster: present, small, and read with the FBI's quirks fixed. Needs no ../shared."""

from g287.geo.roster import ROSTER_PATH, read_roster


def test_shipped_roster_is_small_and_complete():
    assert ROSTER_PATH.stat().st_size < 400_000
    rows = read_roster()
    assert len(rows) == 18330
    assert len({r.ori for r in rows}) == len(rows)


def test_nebraska_is_ne_and_guam_gu():
    rows = {r.ori: r for r in read_roster()}
    patrol = rows["NBNSP0000"]
    assert patrol.state == "NE"
    assert patrol.name == "Nebraska State Patrol"
    assert not any(r.state in ("NB", "GM") for r in rows.values())
    assert rows["GM0010000"].state == "GU"


def test_counties_and_numbers_are_read():
    rows = {r.ori: r for r in read_roster()}
    harris = rows["TX1010000"]
    assert harris.agency_type == "County"
    assert harris.county_fips == ("48201",)
    assert harris.population > 1_000_000 and harris.officers > 1000 and harris.data_year == 2025
    multi = [r for r in rows.values() if len(r.county_names) > 1]
    assert multi and all(len(r.county_fips) >= 1 for r in multi[:50])
    assert rows["TX1013100"].truncated
