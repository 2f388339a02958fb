"""The raw archive: files read from disk by `g287 import` are kept in the same store as fetched ones."""

import hashlib
from pathlib import Path

import pytest
from django.core.management import call_command

from g287.sources import archive
from g287.sources.models import ArchivedFile, Outcome, Retrieval


@pytest.mark.usefixtures("empty_registry")
def test_g287_import_keeps_the_exact_bytes_of_every_file(ice_files: list[Path], archive_dir: Path) -> None:
    call_command("import", *map(str, ice_files), "--quiet")
    call_command("import", str(ice_files[0]), "--quiet")  # known: kept once, seen again

    for path in ice_files:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert archive.read(digest) == path.read_bytes()
        assert (archive_dir / archive.path_of(digest)).is_file()
        assert ArchivedFile.objects.get(pk=digest).name == path.name
    assert ArchivedFile.objects.count() == 3
    first = Retrieval.objects.filter(url=f"file:{ice_files[0].name}")
    assert first.count() == 2 and {r.outcome for r in first} == {Outcome.ARCHIVED}
