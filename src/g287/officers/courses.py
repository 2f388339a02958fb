"""The courses the program starts with. Press figures (2025): TFM 40 hours, WSO about 8, JEM about four
weeks. TFM authorization runs two years from the authorization; JEM refresher training is due two
years after training; no term is published for WSO. All editable on the courses page."""

from typing import Any

DEFAULT_COURSES = [
    ("JEM", "Jail Enforcement Model training", 160, 2, "training"),
    ("TFM", "Task Force Model training", 40, 2, "authorization"),
    ("WSO", "Warrant Service Officer training", 8, None, "authorization"),
]


def load_courses(model: Any) -> None:
    """Adds the missing courses; `model` is Course (or its historical migration model)."""
    for code, name, hours, years, valid_from in DEFAULT_COURSES:
        model.objects.get_or_create(
            model=code,
            defaults={
                "name": name,
                "hours": hours,
                "pass_mark": 70,
                "valid_years": years,
                "valid_from": valid_from,
            },
        )
