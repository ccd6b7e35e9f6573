"""import_time: dry run, problems, duplicates, resume after an interruption, the CLI."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from harvestkit.api import AsyncHarvest
from harvestkit.cli import _governed as governed
from harvestkit.cli import imports
from harvestkit.cli.main import app
from harvestkit.cli.serve import ServeConfig
from harvestkit.governance import ANY, Grant, Policy, PolicyDocument
from harvestkit.mcp import Acting, Backend, Governance
from harvestkit.tools import NeedsInput, ToolError
from harvestkit.tools.outcomes import import_time as module
from harvestkit.tools.outcomes.import_time import IMPORT_TIME, MemoryJournal, run_import

from .conftest import ETHAN, World, run

pytestmark = pytest.mark.anyio

HEADER = "date,project,task,duration,notes\n"


def csv_rows(n: int) -> str:
    days = ["2026-11-16", "2026-11-17", "2026-11-18"]
    return HEADER + "".join(
        f"{days[i % 3]},internal training,,{i % 4 + 1}h,import row {i}\n" for i in range(n)
    )


async def entries_on(world: World, notes_prefix: str) -> list[Any]:
    h = world.ctx(ETHAN).harvest
    found = [
        e
        async for e in h.paginate(
            "time_entries.list", user_id=ETHAN, from_=date(2026, 11, 16), to=date(2026, 11, 18)
        )
    ]
    return [e for e in found if (e.notes or "").startswith(notes_prefix)]


async def test_dry_run_then_confirmed_import_then_rerun_creates_nothing(world: World) -> None:
    args = {"csv": csv_rows(6)}
    dry = await run(IMPORT_TIME, world.ctx(ETHAN), {**args, "dry_run": True})
    assert (dry.rows, dry.to_create, dry.created, dry.dry_run) == (6, 6, 0, True)
    with pytest.raises(NeedsInput):
        await run(IMPORT_TIME, world.ctx(ETHAN), args)
    assert await entries_on(world, "import row") == []
    done = await run(IMPORT_TIME, world.ctx(ETHAN), {**args, "confirm": True})
    assert done.created == 6 and len(done.created_ids) == 6
    # The same rows give the same keys: a new run finds its entries by key, even one
    # edited in Harvest since, which the identical-entry rule alone would not match.
    first = (await entries_on(world, "import row"))[0]
    await world.ctx(ETHAN).harvest.call("time_entries.update", time_entry_id=first.id, hours=7)
    again = await run(IMPORT_TIME, world.ctx(ETHAN), {**args, "confirm": True})
    assert (again.created, again.already_done, again.already_in_harvest) == (0, 6, 0)
    assert len(await entries_on(world, "import row")) == 6


async def test_bad_rows_block_the_import_unless_skipped(world: World) -> None:
    text = HEADER + (
        "2026-11-16,Website,Design,1h,ambiguous\n"
        "2026-11-16,Nonexistent Project,,1h,unknown\n"
        "2026-11-16,internal training,,banana,bad duration\n"
        "2026-11-16,internal training,,1:30,fine\n"
    )
    dry = await run(IMPORT_TIME, world.ctx(ETHAN), {"csv": text, "dry_run": True})
    assert [p.row for p in dry.problems] == [2, 3, 4] and dry.to_create == 1
    assert len(dry.problems[0].candidates) == 2  # the two Website projects
    with pytest.raises(ToolError):
        await run(IMPORT_TIME, world.ctx(ETHAN), {"csv": text, "confirm": True})
    assert await entries_on(world, "fine") == []
    done = await run(
        IMPORT_TIME, world.ctx(ETHAN), {"csv": text, "confirm": True, "skip_invalid": True}
    )
    assert done.created == 1


async def test_missing_columns(world: World) -> None:
    with pytest.raises(ToolError) as failed:
        await run(IMPORT_TIME, world.ctx(ETHAN), {"csv": "when,what\n1,2\n", "dry_run": True})
    assert "duration" in failed.value.message


class Crash(Exception):
    pass


class CrashingJournal(MemoryJournal):
    """Dies while recording the nth row: that row's entry exists in Harvest, unjournaled."""

    def __init__(self, at: int) -> None:
        super().__init__()
        self.at = at

    def record(self, row: int, entry_id: int) -> None:
        if len(self.done()) + 1 == self.at:
            raise Crash
        super().record(row, entry_id)


async def test_interrupted_import_resumes_without_duplicates_or_losses(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(module, "CONCURRENCY", 1)
    text = csv_rows(12)
    journal = CrashingJournal(at=5)
    with pytest.raises(Crash):
        await run_import(world.ctx(ETHAN), text, journal=journal, dry_run=False)
    assert len(await entries_on(world, "import row")) == 5
    resumed = MemoryJournal()
    for row, entry_id in journal.done().items():
        resumed.record(row, entry_id)
    report = await run_import(world.ctx(ETHAN), text, journal=resumed, dry_run=False)
    # The fifth row's entry, written before the crash, is found by its row's key (the same
    # rows give the same key, even to a journal that never saw the first run start).
    assert (report.already_done, report.already_in_harvest, report.created) == (5, 0, 7)
    made = await entries_on(world, "import row")
    assert sorted(e.notes for e in made) == sorted(f"import row {i}" for i in range(12))


async def test_file_journal_and_progress(world: World, tmp_path: Path) -> None:
    file = tmp_path / "week.csv"
    file.write_text(csv_rows(4))
    console = Console(file=io.StringIO(), force_terminal=False)
    report = await imports.import_file(
        world.ctx(ETHAN).harvest, file, dry_run=False, skip_invalid=False, console=console
    )
    assert report.created == 4
    journal = imports.FileJournal(tmp_path / "week.csv.journal")
    assert sorted(journal.done()) == [2, 3, 4, 5]
    again = await imports.import_file(
        world.ctx(ETHAN).harvest, file, dry_run=False, skip_invalid=False, console=console
    )
    assert (again.already_done, again.created) == (4, 0)


def acting_with(monkeypatch: pytest.MonkeyPatch, harvest: AsyncHarvest) -> None:
    """`harvestkit import time` under a guard whose one client is `harvest`, with a grant
    on the time toolset (the policy's refusal is tested in tests/cli/test_governed_calls)."""
    backend = Backend(lambda: harvest, "test world", lambda _user, _env: Acting(harvest))
    grants = (Grant(ANY, ANY, toolset="time"),)
    governance = Governance(Policy(document=PolicyDocument(grants=grants)), None, backend.clients)

    def made(_config: ServeConfig) -> tuple[Backend, Governance]:
        return backend, governance

    monkeypatch.setattr(governed, "governed", made)


def test_cli_dry_run_prints_a_summary(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "week.csv"
    file.write_text(csv_rows(3))
    harvest = world.ctx(ETHAN).harvest
    acting_with(monkeypatch, harvest)
    result = CliRunner().invoke(app, ["import", "time", str(file), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "3 rows: would create 3" in result.output


ASKS_FOR_A_TASK = HEADER + "2026-11-16,14307913,,1h,which task\n"  # Website Redesign, no task


async def test_problems_keep_harvest_names_apart_as_details(world: World) -> None:
    dry = await run(IMPORT_TIME, world.ctx(ETHAN), {"csv": ASKS_FOR_A_TASK, "dry_run": True})
    [problem] = dry.problems
    assert "Website" not in problem.message and "14307913" in problem.message
    assert [(d.label, d.value) for d in problem.details] == [("project", "Website Redesign")]


def test_cli_prints_a_problem_s_details_as_quoted_lines(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "week.csv"
    file.write_text(ASKS_FOR_A_TASK)
    harvest = world.ctx(ETHAN).harvest
    acting_with(monkeypatch, harvest)
    result = CliRunner().invoke(app, ["import", "time", str(file), "--dry-run"])
    assert "  row 2: Which task on project id 14307913?" in result.output
    assert '    project: "Website Redesign"\n' in result.output


def test_cli_reports_a_harvest_error_in_one_line_with_how_to_resume(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "week.csv"
    file.write_text(csv_rows(6))
    harvest = world.ctx(ETHAN).harvest
    acting_with(monkeypatch, harvest)
    planned = module.plan_import

    async def then_harvest_fails(*args: Any) -> Any:
        plan = await planned(*args)
        world.sandbox.faults.update(error_rate=1.0)  # from the first write on
        return plan

    monkeypatch.setattr(module, "plan_import", then_harvest_fails)
    result = CliRunner().invoke(app, ["import", "time", str(file)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("Harvest error: ")
    assert "Traceback" not in result.stderr and len(lines) == 2, result.stderr
    assert "Run the same command again to resume" in lines[1]
    world.sandbox.faults.clear()
