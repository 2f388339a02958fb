"""No shared default secret key (issue 17.5): without G287_SECRET_KEY a random key is made once and kept
beside the database, mode 0600; `g287 check --deploy` flags a missing or weak key."""

import os
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from g287.core.secret_key import KEY_FILE_NAME, OLD_DEFAULT, load_or_create

PRINT_KEY = "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"


def g287(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Runs Python (`-c CODE`) or the g287 command in `folder`, with the environment's G287_* and
    DATABASE_URL replaced by `env`."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("G287_") and k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    clean.update({"DJANGO_SETTINGS_MODULE": "g287.settings", **env})
    command = [sys.executable, *args] if args[0] == "-c" else [
        sys.executable, "-c", "from g287.cli import main; main()", *args
    ]  # fmt: skip
    return subprocess.run(command, cwd=folder, env=clean, capture_output=True, text=True, timeout=120)


def test_key_is_made_once_private_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "db" / KEY_FILE_NAME
    key = load_or_create(path)
    assert len(key) >= 50 and key != OLD_DEFAULT
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create(path) == key
    assert load_or_create(tmp_path / "other" / KEY_FILE_NAME) != key


def test_processes_starting_together_agree_on_one_key(tmp_path: Path) -> None:
    path = tmp_path / KEY_FILE_NAME
    with ThreadPoolExecutor(8) as pool:
        keys = set(pool.map(lambda _: load_or_create(path), range(32)))
    assert len(keys) == 1
    assert [p.name for p in tmp_path.iterdir()] == [KEY_FILE_NAME]  # no temporary file left


def test_unset_key_is_generated_beside_the_sqlite_database(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    url = f"sqlite:///{tmp_path / 'data' / 'g287.sqlite3'}"
    first = g287(tmp_path, "-c", PRINT_KEY, DATABASE_URL=url)
    assert first.returncode == 0, first.stderr
    key_file = tmp_path / "data" / KEY_FILE_NAME
    assert first.stdout.strip() == key_file.read_text().strip()
    assert first.stdout.strip() != OLD_DEFAULT and len(first.stdout.strip()) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    again = g287(tmp_path, "-c", PRINT_KEY, DATABASE_URL=url)
    assert again.stdout == first.stdout  # sessions survive a restart


def test_check_deploy_flags_a_generated_key(tmp_path: Path) -> None:
    result = g287(tmp_path, "check", "--deploy")
    assert "g287.W001" in result.stderr + result.stdout
    assert str(tmp_path / KEY_FILE_NAME) in result.stderr + result.stdout


def test_check_deploy_refuses_a_weak_key(tmp_path: Path) -> None:
    for weak in ("short-key", OLD_DEFAULT, "a" * 60):
        result = g287(tmp_path, "check", "--deploy", G287_SECRET_KEY=weak)
        assert result.returncode != 0
        assert "g287.E001" in result.stderr


def test_check_deploy_flags_a_key_file_others_can_read(tmp_path: Path) -> None:
    g287(tmp_path, "-c", PRINT_KEY)
    (tmp_path / KEY_FILE_NAME).chmod(0o644)
    result = g287(tmp_path, "check", "--deploy")
    assert result.returncode != 0 and "g287.E002" in result.stderr
