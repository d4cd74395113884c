"""Every benchmark script under bench/ still starts: its imports resolve and its options
parse (``--help``), so that a figure in bench/README.md can be reproduced by its command."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.local_server import ROOT, isolated_env

SCRIPTS = sorted((ROOT / "bench").glob("*.py"))


def test_the_bench_scripts_are_found():
    assert {path.name for path in SCRIPTS} >= {
        "run.py",
        "search.py",
        "middleware.py",
        "releases.py",
    }


@pytest.mark.slow  # starts a Python process per script
@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_the_script_starts(script: Path):
    result = subprocess.run(
        [sys.executable, str(script), "--help"],
        cwd=ROOT,
        env=isolated_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "usage:" in result.stdout


def test_the_deep_cursor_code_runs_against_the_models(client, whitepaper, capsys):
    """bench/run.py runs this code in a management shell on the database it built (a cursor
    taken from the model layer, which a refactor can move): it must print a cursor the API
    takes."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from run import DEEP_CURSOR
    finally:
        sys.path.remove(str(ROOT / "bench"))
    exec(DEEP_CURSOR.format(from_end=2), {})
    cursor = capsys.readouterr().out.split()[-1]
    response = client.get("/api/v1/statistics", {"after": cursor})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1
