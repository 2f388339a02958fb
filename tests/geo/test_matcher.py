"""Matching rules on hand-made cases."""

from g287.geo.matcher import MATCHED, REVIEW, UNMATCHED, AgencyInput, Matcher

from .helpers import ROSTER, entry

M = Matcher(ROSTER)


def match(state: str, name: str, agency_type: str = "", county: str = ""):
    return M.match(AgencyInput(f"{state}-x", state, name, agency_type, county))


def test_sheriff_is_the_fbi_county_entry_not_the_city_police():
    sheriff = match("TX", "Harris County Sheriff's Office", "county", "Harris County")
    assert (sheriff.status, sheriff.ori, sheriff.score) == (MATCHED, "TX1010000", 1.0)
    police = match("TX", "Houston Police Department", "municipality", "Harris County")
    assert (police.status, police.ori) == (MATCHED, "TX1010100")


def test_fbi_name_written_with_county():
    m = Matcher([entry("TX1010000", "Harris County", "TX", "HARRIS", "County")])
    assert m.match(AgencyInput("a", "TX", "Harris County Sheriff's Office", "county")).ori == "TX1010000"


def test_city_and_county_of_the_same_name_in_one_county():
    assert match("MS", "Jackson County Sheriff's Department", "county", "Jackson County").ori == "MS0260000"
    assert match("MS", "Jackson Police Department", "municipality", "Hinds County").ori == "MS0250100"
    assert match("MS", "Pascagoula Police Department", "municipality", "Jackson County").ori == "MS0260100"


def test_same_name_in_two_states_never_crosses():
    assert match("TN", "Franklin Police Department", "municipality", "Williamson County").ori == "TN0940100"
    assert match("KY", "Franklin Police Department", "municipality").ori == "KY0370100"
    nowhere = match("AL", "Franklin Police Department", "municipality")
    assert nowhere.status == UNMATCHED and nowhere.candidates == []


def test_nb_is_nebraska():
    result = M.match(AgencyInput("NE-nebraska-state-patrol", "NE", "Nebraska State Patrol", "state"))
    assert (result.status, result.ori) == (MATCHED, "NBNSP0000")
    assert match("NE", "Lancaster County Sheriff's Office", "county", "Lancaster County").ori == "NB0550000"


def test_multi_county_city():
    result = match("TX", "Yoakum Police Department", "municipality", "Lavaca County")
    assert (result.status, result.ori) == (MATCHED, "TX1430300")
    # ICE named the wrong county: the same name is shown for review, never matched.
    wrong = match("TX", "Yoakum Police Department", "county", "Yoakum County")
    assert wrong.status == REVIEW and wrong.ori is None and wrong.candidates[0].ori == "TX1430300"


def test_county_police_and_sheriff_are_told_apart():
    assert match("GA", "Glynn County Sheriff's Office", "county", "Glynn County").ori == "GA0630000"
    assert match("GA", "Glynn County Police Department", "county", "Glynn County").ori == "GA0630200"


def test_township_needs_the_county():
    assert (
        match("PA", "Union Township Police Department", "municipality", "Lawrence County").ori == "PA0373000"
    )
    unsure = match("PA", "Union Township Police Department", "municipality")
    assert unsure.status == REVIEW and [c.ori for c in unsure.candidates] == ["PA0373000", "PA0633000"]


def test_cut_off_fbi_names_go_to_review():
    result = match("TX", "Harris County Constable Precinct 4", "county", "Harris County")
    assert result.status == REVIEW
    assert {c.ori for c in result.candidates} == {"TX1013100", "TX1014700"}


def test_state_agency_division_is_not_matched_to_the_whole_department():
    result = match("TX", "Texas Department of Public Safety - Texas Highway Patrol", "state")
    assert result.status == REVIEW and result.candidates[0].ori == "TX0000000"


def test_federal_entries_are_never_candidates():
    assert match("FS", "Federal Agency").status == UNMATCHED


def test_deterministic():
    first = [match("PA", "Union Township Police Department", "municipality") for _ in range(2)]
    again = Matcher(list(reversed(ROSTER))).match(
        AgencyInput("PA-x", "PA", "Union Township Police Department", "municipality")
    )
    assert first[0] == first[1] == again


def test_a_bare_county_entry_is_the_county_police_where_ice_has_one():
    """Nassau County NY: NY0290000 is the county police; the sheriff has no FBI row and must not take it."""
    roster = [
        entry("NY0290000", "Nassau", "NY", "NASSAU", "County"),
        entry("FL0450000", "Nassau", "FL", "NASSAU", "County"),
    ]
    with_police = Matcher(roster, county_police={("NY", "nassau")})
    sheriff = with_police.match(
        AgencyInput("a", "NY", "Nassau County Sheriff's Office", "county", "Nassau County")
    )
    assert sheriff.ori is None
    police = with_police.match(
        AgencyInput("b", "NY", "Nassau County Police Department", "county", "Nassau County")
    )
    assert (police.status, police.ori) == (MATCHED, "NY0290000")
    # Elsewhere the bare county entry stays the sheriff's (Nassau County FL has no county police).
    florida = with_police.match(
        AgencyInput("c", "FL", "Nassau County Sheriff's Office", "county", "Nassau County")
    )
    assert (florida.status, florida.ori) == (MATCHED, "FL0450000")
    without = Matcher(roster).match(
        AgencyInput("a", "NY", "Nassau County Sheriff's Office", "county", "Nassau County")
    )
    assert without.ori == "NY0290000"  # what the rule corrects


def test_a_near_identical_town_is_confident_where_ice_gives_no_county():
    roster = [
        entry("FL0050600", "Indialantic", "FL", "BREVARD", "City"),
        entry("NH0070300", "Pittsburg", "NH", "COOS", "City"),
        entry("MO0930100", "St. Marys", "MO", "STE. GENEVIEVE", "City"),
        entry("NM0050100", "Lea", "NM", "LEA", "City"),
    ]
    m = Matcher(roster)
    for state, name, ori in (
        ("FL", "Indiatlantic Police Department", "FL0050600"),
        ("NH", "Pittsburgh Police Department", "NH0070300"),
        ("MO", "Saint Mary Police Department", "MO0930100"),
    ):
        result = m.match(AgencyInput("x", state, name, "municipality"))
        assert (result.status, result.ori) == (MATCHED, ori), name
    # With a county given, the county rule decides; and a short name a letter apart is not near-identical.
    assert m.match(AgencyInput("y", "NM", "Lee Police Department", "municipality")).status != MATCHED
