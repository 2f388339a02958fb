"""The parse that `g287 import` starts beside Django's start-up (registry.ice.prefetch) is a cache: the
importer takes an outcome from it only for the same bytes, without a date override, and parses the file
itself whenever the child gave nothing."""

import os
from datetime import date
from pathlib import Path

import pytest

from g287.registry.ice import prefetch
from g287.registry.ice.parse import ParsedSnapshot, parse_workbook
from g287.registry.importer import import_paths
from g287.registry.models import Snapshot
from tests.registry.ice_files import Agreement, write

NAME = "participatingAgencies03032025am.xlsx"


@pytest.fixture(autouse=True)
def _nothing_left_over() -> None:
    prefetch.forget()


def test_the_command_lines_it_parses_ahead(tmp_path: Path) -> None:
    one = write(tmp_path, NAME, [Agreement()])
    (tmp_path / "notes.txt").write_text("x")
    assert prefetch.files_of(["import", str(one)]) == [one]
    assert prefetch.files_of(["import", "--quiet", str(one)]) == [one]
    assert prefetch.files_of(["stats"]) == []
    assert prefetch.files_of(["import", "--date", "2025-03-03", str(one)]) == []
    assert prefetch.files_of(["import", str(tmp_path)]) == []  # a folder: walked by the importer
    assert prefetch.files_of(["import", str(tmp_path / "missing.xlsx")]) == []
    assert prefetch.files_of(["import", str(tmp_path / "notes.txt")]) == []
    assert prefetch.files_of(["import", *[str(one)] * (prefetch.MOST_FILES + 1)]) == []


def test_an_outcome_is_given_for_the_same_bytes_only_and_once(tmp_path: Path) -> None:
    path = write(tmp_path, NAME, [Agreement()])
    content = path.read_bytes()
    prefetch.start([path])
    assert prefetch.take(str(path), content + b"changed since", None) is None
    assert prefetch.take(str(path), content, date(2025, 3, 4)) is None
    outcome = prefetch.take(str(path), content, None)
    assert isinstance(outcome, ParsedSnapshot)
    assert outcome == parse_workbook(content, NAME)
    assert prefetch.take(str(path), content, None) is None


def test_a_bad_file_comes_back_as_its_error(tmp_path: Path) -> None:
    path = tmp_path / NAME
    path.write_bytes(b"not a workbook")
    prefetch.start([path])
    outcome = prefetch.take(str(path), path.read_bytes(), None)
    assert isinstance(outcome, str) and outcome.startswith(NAME)


@pytest.mark.usefixtures("empty_registry")
def test_a_file_rewritten_after_the_parse_is_imported_as_it_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, NAME, [Agreement()])
    prefetch.start([path])
    prefetch.wait()  # the child has parsed the first content
    write(tmp_path, NAME, [Agreement(), Agreement(agency="Lee County Sheriff's Office", state="FLORIDA")])
    report = import_paths([path])
    assert [(f.status, f.rows) for f in report.files] == [("imported", 2)]


@pytest.mark.usefixtures("empty_registry")
def test_a_child_that_dies_leaves_the_parse_to_the_importer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, NAME, [Agreement()])
    monkeypatch.setattr(prefetch, "_parse", lambda paths: os._exit(3))
    prefetch.start([path])
    report = import_paths([path])
    assert [(f.status, f.rows) for f in report.files] == [("imported", 1)]
    assert Snapshot.objects.count() == 1
