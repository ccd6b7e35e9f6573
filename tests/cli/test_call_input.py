"""`harvestkit call --json` takes its arguments from a file (`@FILE`) or standard input (`-`):
a CSV for import_time easily passes the 128 KiB one argument may take."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from harvestkit.cli.main import app

ROWS = 300
NOTE = "n" * 500  # 300 rows of 500+ bytes: past 128 KiB


def _arguments() -> str:
    lines = ["date,project,task,duration,notes"]
    lines += [f"2026-11-02,Nowhere Project {i},Design,1h,{NOTE}" for i in range(ROWS)]
    return json.dumps({"csv": "\n".join(lines), "dry_run": True})


def _check(code: int, stdout: str) -> None:
    assert code == 0, stdout
    report = json.loads(stdout)
    assert report["dry_run"] is True and report["rows"] == ROWS
    assert len(report["problems"]) == ROWS  # none of these projects exists: read, not written


def test_json_from_a_file(tmp_path: Path) -> None:
    arguments = _arguments()
    assert len(arguments.encode()) > 128 * 1024
    path = tmp_path / "arguments.json"
    path.write_text(arguments)
    result = CliRunner().invoke(app, ["call", "import_time", "--sandbox", "--json", f"@{path}"])
    _check(result.exit_code, result.stdout)


def test_json_from_standard_input() -> None:
    result = CliRunner().invoke(
        app, ["call", "import_time", "--sandbox", "--json", "-"], input=_arguments()
    )
    _check(result.exit_code, result.stdout)


def test_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["call", "import_time", "--sandbox", "--json", f"@{tmp_path / 'nope.json'}"]
    )
    assert result.exit_code == 2
    assert "No such file" in result.stderr
