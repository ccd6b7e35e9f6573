"""`harvestkit import time FILE.csv`: bulk time entries with a dry run, a progress bar and a
journal file, so an interrupted import resumes without duplicating or losing rows.

It runs under the MCP server's guard, as `harvestkit call import_time` would: for `--user`
in `--env`, under the policy (a write grant on the `time` toolset), with that user's
credential from the vault (`harvestkit auth login`; HARVEST_ACCESS_TOKEN and
HARVEST_ACCOUNT_ID when set, and optionally HARVEST_BASE_URL), and the import leaves one
audit record with every Harvest request it made.

The journal is FILE.csv.journal next to the file: a first line with the import's key and
every row's resolved date, then one JSON line per finished row; delete it only to start
over.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

from harvestkit.api import AsyncHarvest, HarvestError
from harvestkit.cli._clock import NowOption, clock_for, harvest_base_url
from harvestkit.clock import Now, system_now
from harvestkit.tools import ToolContext, ToolError
from harvestkit.tools.outcomes.import_time import IMPORT_TIME, ImportReport, run_import

from ._people import EnvOption, UserOption

app = typer.Typer(help="Bulk imports into Harvest.", no_args_is_help=True)

EXIT_PROBLEMS = 1
EXIT_USAGE = 2


class FileJournal:
    """The import's key and dates, then finished rows, as JSON lines flushed one by one."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._rows: dict[int, int] = {}
        self._started: tuple[str, dict[int, date]] | None = None
        if path.exists():
            for line in path.read_text().splitlines():
                if line.strip():
                    self._read(json.loads(line))

    def _read(self, item: dict[str, Any]) -> None:
        if "import" in item:
            dates = {int(row): date.fromisoformat(day) for row, day in item["dates"].items()}
            self._started = (str(item["import"]), dates)
        else:
            self._rows[int(item["row"])] = int(item["entry_id"])

    def started(self) -> tuple[str, dict[int, date]] | None:
        """The import's key and each row's date, as the first run resolved them."""
        return self._started

    def start(self, import_key: str, dates: dict[int, date]) -> None:
        """Write the import's key and dates before any row is."""
        self._started = (import_key, dict(dates))
        days = {str(row): day.isoformat() for row, day in dates.items()}
        self._append({"import": import_key, "dates": days})

    def done(self) -> dict[int, int]:
        """Rows finished in earlier runs and this one."""
        return dict(self._rows)

    def record(self, row: int, entry_id: int) -> None:
        """Append one finished row durably before moving on."""
        self._rows[row] = entry_id
        self._append({"row": row, "entry_id": entry_id})

    def _append(self, item: dict[str, Any]) -> None:
        with self.path.open("a") as out:
            out.write(json.dumps(item) + "\n")
            out.flush()
            os.fsync(out.fileno())


async def import_file(
    harvest: AsyncHarvest,
    file: Path,
    *,
    dry_run: bool,
    skip_invalid: bool,
    console: Console,
    clock: Now = system_now,
) -> ImportReport:
    """Run the import of `file` with a progress bar on `console`; relative dates ("yesterday")
    are read on `clock`'s day."""
    journal = FileJournal(_journal_path(file))
    ctx = ToolContext(harvest=harvest, clock=clock)
    columns = (
        *Progress.get_default_columns()[:1],
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("Importing", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return await run_import(
            ctx,
            file.read_text(),
            journal=journal,
            dry_run=dry_run,
            skip_invalid=skip_invalid,
            progress=progress,
        )


def _journal_path(file: Path) -> Path:
    return file.with_name(file.name + ".journal")


def _stopped(console: Console, exc: HarvestError, journal: FileJournal) -> None:
    """One line for Harvest's error, one for where the import stands and how to go on."""
    reason = " ".join(str(exc).split())
    console.print(f"Harvest error: {reason[:300]}", markup=False, soft_wrap=True)
    console.print(
        f"{len(journal.done())} rows are done and journaled in {journal.path.name}. Run the "
        "same command again to resume: done rows are skipped, and an entry whose answer was "
        "lost is found by its key, not written twice.",
        markup=False,
        soft_wrap=True,
    )


def _print(report: ImportReport, console: Console) -> None:
    verb = "would create" if report.dry_run else "created"
    count = report.to_create if report.dry_run else report.created
    console.print(
        f"{report.rows} rows: {verb} {count}, already in Harvest {report.already_in_harvest}, "
        f"done in an earlier run {report.already_done}, problems {len(report.problems)}"
    )
    for problem in report.problems:
        names = ", ".join(str(c.get("name")) for c in problem.candidates)
        console.print(
            f"  row {problem.row}: {problem.message}" + (f" ({names})" if names else ""),
            markup=False,
        )
        _details(console, [(d.label, d.value) for d in problem.details])


def _details(console: Console, pairs: list[tuple[str, str]]) -> None:
    """Harvest text a message refers to, one JSON-quoted value a line, apart from it."""
    for label, value in pairs:
        console.print(f"    {label}: {json.dumps(value, ensure_ascii=False)}", markup=False)


@app.command("time")
def time(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="CSV file.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Report only; write nothing.")] = False,
    skip_invalid: Annotated[
        bool, typer.Option("--skip-invalid", help="Import valid rows despite bad ones.")
    ] = False,
    user: UserOption = None,
    env: EnvOption = None,
    now: NowOption = None,
) -> None:
    """Import time entries from FILE.csv (columns: date, project, task, duration, notes)."""
    console = Console(stderr=True)
    clock = clock_for(now, sandbox=False, base_url=harvest_base_url())
    # What the audit record keeps of the call: the file's name, not its rows.
    arguments = {"file": file.name, "dry_run": dry_run, "skip_invalid": skip_invalid}

    async def work(context: ToolContext, _: Mapping[str, Any]) -> ImportReport:
        return await import_file(
            context.harvest,
            file,
            dry_run=dry_run,
            skip_invalid=skip_invalid,
            console=console,
            clock=context.clock,
        )

    async def go() -> ImportReport:
        from ._governed import guard, run_guarded

        async with guard(sandbox=False, user=user, env=env, clock=clock, bulk=True) as guarded:
            return await run_guarded(guarded, IMPORT_TIME, arguments, {}, work)

    try:
        report = asyncio.run(go())
    except HarvestError as exc:
        _stopped(console, exc, FileJournal(_journal_path(file)))
        raise typer.Exit(EXIT_PROBLEMS) from exc
    except ToolError as exc:
        console.print(exc.message, markup=False)
        _details(console, [(d.label, d.value) for d in exc.details])
        for item in exc.candidates:
            console.print(f"  row {item.get('row')}: {item.get('message')}", markup=False)
            _details(console, [(d["label"], d["value"]) for d in item.get("details", [])])
        if exc.hint:
            console.print(f"Hint: {exc.hint}", markup=False)
        raise typer.Exit(EXIT_PROBLEMS) from exc
    _print(report, console)
    if report.problems and not report.dry_run:
        raise typer.Exit(EXIT_PROBLEMS)
