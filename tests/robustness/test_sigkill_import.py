"""`harvestkit import time` killed with SIGKILL five times mid-import, then run to the end:
every row lands exactly once. Each kill may cut a write off between Harvest's commit and
the journal line; the next run finds that entry by its row's key instead of writing it
again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from harvestkit.api import Harvest
from tests.api.conftest import serve
from tests.conftest import ACCOUNT_ID, TOKEN, open_copy

from .test_faults import csv_of, monday_before, rows_for

ROWS = 60
KILLS = 5
HARVESTKIT = Path(sys.executable).parent / "harvestkit"


@pytest.fixture
def served(demo_template: Path, tmp_path: Path) -> Iterator[tuple[Any, str]]:
    app = open_copy(demo_template, tmp_path)
    with serve(app) as url:
        yield app, url
    app.state.sandbox.close()


def _journaled(journal: Path) -> int:
    if not journal.exists():
        return 0
    return sum('"entry_id"' in line for line in journal.read_text().splitlines())


def _start(file: Path, url: str) -> subprocess.Popen[bytes]:
    # The import runs under the policy: its user may write time entries.
    policy = file.with_name("policy.toml")
    policy.write_text('[[grant]]\nuser = "*"\nenv = "*"\ntoolsets = ["time"]\n')
    env = os.environ | {
        "HARVESTKIT_POLICY_FILE": str(policy),
        "HARVEST_ACCESS_TOKEN": TOKEN,
        "HARVEST_ACCOUNT_ID": str(ACCOUNT_ID),
        "HARVEST_BASE_URL": f"{url}/v2",
    }
    return subprocess.Popen(
        [str(HARVESTKIT), "import", "time", str(file)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _kill_after_progress(process: subprocess.Popen[bytes], journal: Path, more: int) -> None:
    """SIGKILL once ``more`` further rows are journaled (or the import ended)."""
    start = _journaled(journal)
    deadline = time.monotonic() + 60
    while _journaled(journal) < start + more and process.poll() is None:
        assert time.monotonic() < deadline, "the import made no progress"
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait(10)


def _notes_in_harvest(url: str, prefix: str) -> list[str]:
    with Harvest(TOKEN, ACCOUNT_ID, base_url=f"{url}/v2") as h:
        return [
            e.notes or ""
            for e in h.time_entries.list(per_page=2000)
            if (e.notes or "").startswith(prefix)
        ]


@pytest.mark.slow
def test_five_sigkills_lose_nothing_and_double_nothing(
    served: tuple[Any, str], tmp_path: Path
) -> None:
    app, url = served
    rows = rows_for(monday_before(app), ROWS, "killed import")
    file = tmp_path / "hours.csv"
    file.write_text(csv_of(rows))
    journal = file.with_name("hours.csv.journal")
    # Writes take a little while, so a kill lands with several of them in flight.
    app.state.sandbox.faults.update(latency_ms=40)
    cut_off = 0
    for _ in range(KILLS):
        _kill_after_progress(_start(file, url), journal, more=7)
        cut_off += len(_notes_in_harvest(url, "killed import")) - _journaled(journal)
    finished = _start(file, url)
    _, err = finished.communicate(timeout=120)
    assert finished.returncode == 0, err.decode()
    notes = _notes_in_harvest(url, "killed import")
    assert sorted(notes) == sorted(note for _, _, note in rows)  # 0 lost, 0 duplicated
    # At least one kill left a committed write without its journal line.
    assert cut_off > 0
