"""Shared fixtures. `../shared` data is optional: tests that need it are marked and skip without it."""

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
ICE_DIR = SHARED / "data" / "ice-287g"
FBI_DIR = SHARED / "data" / "fbi-lee"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if ICE_DIR.is_dir():
        return
    skip = pytest.mark.skip(reason="../shared/data is not present")
    for item in items:
        if "shared" in item.keywords:
            item.add_marker(skip)
