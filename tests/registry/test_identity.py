import pytest

from g287.registry.identity import agency_id, name_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Harris County Sheriff's Office", "Harris County Sheriffs Office"),
        ("Harris County Sheriff\u2019s Office", "HARRIS COUNTY SHERIFF'S OFFICE "),
        ("Harris Co. Sheriff's Office", "Harris County Sheriff's Office"),
        ("St. Cloud Police Department", "St Cloud Police Department"),
        ("Kenneth City PD", "Kenneth City Police Department"),
        ("Florida Dept. of Corrections", "Florida Department of Corrections"),
        (
            "Louisiana Department of Public Safety & Corrections",
            "Louisiana Department of Public Safety and Corrections",
        ),
        ("Collier  County   Sheriff's Office", "Collier County Sheriff's Office"),
    ],
)
def test_spellings_of_one_agency_share_a_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Harris County Sheriff's Office", "Harris County Constable Precinct 1"),
        ("Lee County Sheriff's Office", "Levy County Sheriff's Office"),
        ("Tennessee State Constable 4th District", "Tennessee State Constable 5th District"),
    ],
)
def test_different_agencies_keep_different_keys(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


def test_agency_ids_are_readable_and_stable() -> None:
    assert agency_id("TX", name_key("Harris County Sheriff's Office")) == "TX-harris-county-sheriffs-office"
    assert agency_id("TX", name_key("HARRIS CO. SHERIFFS OFFICE")) == "TX-harris-county-sheriffs-office"
