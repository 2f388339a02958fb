from g287.geo.counties import county_fips, county_fips_list, county_from_name, split_counties


def test_fips_from_the_fbi_spelling_and_from_icess():
    assert county_fips("TX", "HARRIS") == "48201"
    assert county_fips("TX", "Harris County") == "48201"
    assert county_fips("IL", "ST CLAIR") == county_fips("IL", "St. Clair County") == "17163"
    assert county_fips("GA", "DE KALB") == county_fips("GA", "DeKalb County") == "13089"
    assert county_fips("MD", "PRINCE GEORGE'S") == "24033"
    assert county_fips("LA", "Allen Parish") == "22003"
    assert county_fips("AK", "JUNEAU") == "02110"


def test_a_bare_name_is_the_county_not_the_independent_city():
    assert county_fips("VA", "FAIRFAX") == "51059"
    assert county_fips("VA", "FAIRFAX CITY") == "51600"
    assert county_fips("MO", "ST LOUIS") == "29189"
    assert county_fips("MO", "ST LOUIS CITY") == "29510"


def test_misspellings_only_when_asked_and_unambiguous():
    assert county_fips("FL", "St. Luice County") is None
    assert county_fips("FL", "St. Luice County", fuzzy=True) == "12111"
    assert county_fips("AR", "Pulaksi County", fuzzy=True) == "05119"
    assert county_fips("TX", "Guadalupe Conty") == "48187"
    assert county_fips("GU", "Kattan District", fuzzy=True) is None


def test_county_names_are_per_state():
    assert county_fips("NE", "LANCASTER") == "31109"
    assert county_fips("PA", "LANCASTER") == "42071"


def test_multi_county_lists_and_placeholders():
    assert split_counties("JEFFERSON, SHELBY") == ["JEFFERSON", "SHELBY"]
    assert split_counties("NOT SPECIFIED") == []
    assert split_counties("UNMAPPED COUNTY") == []
    assert county_fips_list("AL", ["JEFFERSON", "SHELBY"]) == ["01073", "01117"]


def test_county_from_the_agency_name():
    assert county_from_name("TN", "Polk County Constable District 4") == "47139"
    assert county_from_name("TX", "Houston Police Department") is None
