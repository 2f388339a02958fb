"""The figures computed at import equal the live computation, on the hand-made lists (every expected
figure known: tests/portal/workbooks.py)."""

import pytest

from g287.portal.precompute import precompute
from tests.portal import figures_check

pytestmark = pytest.mark.usefixtures("registry", "db")


def test_precomputed_figures_equal_the_live_ones() -> None:
    precompute()
    stored = figures_check.stored()
    assert stored == figures_check.live()
    dashboard = next(v for k, v in stored.items() if k.startswith("dashboard:"))
    assert (dashboard["agreements"], dashboard["agencies"], dashboard["states"]) == (4, 3, 3)
    assert stored["state:TX"]["by_model"] == {"JEM": 1, "TFM": 1, "WSO": 0}
    assert [a["name"] for a in stored["state:TX"]["agency_list"]] == [
        "Dallas County Sheriff's Office",
        "Harris County Sheriff's Office",
        "Houston Police Department",
    ]
