"""ICE ERO field offices and the states of their areas of responsibility (ice.gov/contact/field-offices).
States split between offices (TX, CA, NY) are given to each office that covers part of them."""

from typing import Any

FIELD_OFFICES: list[tuple[str, str, list[str]]] = [
    ("ATL", "Atlanta", ["GA", "NC", "SC"]),
    ("BAL", "Baltimore", ["MD"]),
    ("BOS", "Boston", ["CT", "MA", "ME", "NH", "RI", "VT"]),
    ("BUF", "Buffalo", ["NY"]),
    ("CHI", "Chicago", ["IL", "IN", "KS", "KY", "MO", "WI"]),
    ("DAL", "Dallas", ["OK", "TX"]),
    ("DEN", "Denver", ["CO", "WY"]),
    ("DET", "Detroit", ["MI", "OH"]),
    ("ELP", "El Paso", ["NM", "TX"]),
    ("HOU", "Houston", ["TX"]),
    ("LOS", "Los Angeles", ["CA"]),
    ("MIA", "Miami", ["FL", "PR", "VI"]),
    ("NEW", "Newark", ["NJ"]),
    ("NOL", "New Orleans", ["AL", "AR", "LA", "MS", "TN"]),
    ("NYC", "New York City", ["NY"]),
    ("PHI", "Philadelphia", ["DE", "PA", "WV"]),
    ("PHO", "Phoenix", ["AZ"]),
    ("SLC", "Salt Lake City", ["ID", "MT", "NV", "UT"]),
    ("SNA", "San Antonio", ["TX"]),
    ("SND", "San Diego", ["CA"]),
    ("SFR", "San Francisco", ["CA", "GU", "HI", "MP"]),
    ("SEA", "Seattle", ["AK", "OR", "WA"]),
    ("SPM", "St. Paul", ["IA", "MN", "ND", "NE", "SD"]),
    ("WAS", "Washington", ["DC", "VA"]),
]


def load_field_offices(model: Any) -> int:
    """Creates or updates the field offices; `model` is FieldOffice (or its historical migration model)."""
    for code, name, states in FIELD_OFFICES:
        model.objects.update_or_create(code=code, defaults={"name": name, "states": states})
    return len(FIELD_OFFICES)
