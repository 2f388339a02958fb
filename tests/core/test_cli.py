import subprocess
import sys


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from g287.cli import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_help_lists_the_product_commands() -> None:
    out = run("help").stdout
    for command in (
        "import PATH",
        "stats",
        "changes",
        "export-history",
        "load-history",
        "agencies merge",
        "serve",
    ):
        assert command in out


def test_unknown_command_fails_clearly() -> None:
    result = run("frobnicate")
    assert result.returncode != 0
    assert "Unknown command: 'frobnicate'" in result.stderr
