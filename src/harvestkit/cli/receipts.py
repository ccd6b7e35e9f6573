"""`harvestkit receipts`: read receipts, and watch a folder of them.

`read` prints what each file says as JSON (for scripts and checks); it needs no Harvest
account. `watch` turns each new file in a folder into an expense proposal: an approval
request (see `harvestkit approvals`) when the expense can be worked out whole, else a
question recorded for the owner. Processed files are remembered in the store, so a
restart repeats nothing.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from pathlib import Path
from typing import Annotated, Any

import typer

from ._people import UserOption, default_user, fail, store

__all__ = ["app"]

app = typer.Typer(help="Read receipts; watch a folder of receipts.", no_args_is_help=True)

CategoryOption = Annotated[
    list[str] | None,
    typer.Option(
        "--category",
        help="An expense category of your account (repeat); default: Travel, Lodging, Meals, "
        "Software, Office Supplies, Entertainment.",
    ),
]


def _reading(path: Path, categories: list[str]) -> dict[str, Any]:
    from harvestkit.receipts import ReceiptError, check_size, propose_category, read

    try:
        check_size(path.stat().st_size)
        reading = read(path.read_bytes(), path.name)
    except ReceiptError as exc:
        return {
            "file": str(path),
            "error": {"kind": exc.kind, "message": exc.message, "hint": exc.hint},
        }
    except OSError as exc:
        return {
            "file": str(path),
            "error": {"kind": "unreadable", "message": exc.strerror or str(exc), "hint": None},
        }
    guess = propose_category(reading.vendor.value, reading.lines, categories)
    data = reading.model_dump(mode="json", exclude={"file_name"})
    data["category"] = {
        "value": guess.name,
        "confidence": guess.confidence,
        "words": list(guess.words),
    }
    return {"file": str(path), **data}


@app.command("read")
def read_files(
    files: Annotated[list[Path], typer.Argument(help="Receipt files: PDF, JPEG, PNG, TIFF, HEIC.")],
    category: CategoryOption = None,
) -> None:
    """Print what each receipt says (total, currency, date, vendor, tax, each with its
    confidence, and the proposed category) as a JSON list. Exit code 1 if any file could
    not be read."""
    from harvestkit.receipts import DEFAULT_CATEGORIES

    categories = category or list(DEFAULT_CATEGORIES)
    results = [_reading(path, categories) for path in files]
    typer.echo(json.dumps(results, indent=2, ensure_ascii=False))
    if any("error" in r for r in results):
        raise typer.Exit(1)


def _allow(folder: Path) -> None:
    """`add_expense` reads receipt paths only under HARVESTKIT_RECEIPT_DIR."""
    from harvestkit.tools.outcomes._receipts import RECEIPT_DIR

    allowed = os.environ.get(RECEIPT_DIR)
    if not allowed:
        os.environ[RECEIPT_DIR] = str(folder)
    elif not folder.is_relative_to(Path(allowed).expanduser().resolve()):
        fail(f"{folder} is outside {RECEIPT_DIR} ({allowed}); watch a folder inside it")


async def _watch(
    folder: Path, sandbox: bool, owner: str, interval: float, once: bool, settle: float
) -> None:
    from harvestkit.governance import ApprovalStore
    from harvestkit.tools import ToolContext
    from harvestkit.tools.resolve import load_me
    from harvestkit.watch._state import WatchState
    from harvestkit.watch.receipt_folder import ReceiptFolder

    from .tools import SANDBOX_ACCOUNT, _harvest

    harvest, now = _harvest(sandbox)
    account_id = SANDBOX_ACCOUNT if sandbox else int(os.environ["HARVEST_ACCOUNT_ID"])
    opened = store()
    async with harvest:
        ctx = ToolContext(harvest=harvest, clock=now)
        await load_me(ctx)  # fail early on a wrong token
        watcher = ReceiptFolder(
            folder,
            ctx,
            ApprovalStore(opened),
            WatchState(opened, account_id),
            owner=owner,
            settle=settle,
        )
        while True:
            for outcome in await watcher.scan():
                typer.echo(json.dumps(outcome.as_dict(), ensure_ascii=False))
            if once:
                return
            await asyncio.sleep(interval)


@app.command("watch")
def watch(
    folder: Annotated[Path, typer.Argument(help="The folder receipts are dropped into.")],
    sandbox: Annotated[
        bool, typer.Option("--sandbox", help="Use the in-process demo sandbox.")
    ] = False,
    user: UserOption = None,
    interval: Annotated[float, typer.Option("--interval", help="Seconds between scans.")] = 10.0,
    once: Annotated[bool, typer.Option("--once", help="Scan once and exit.")] = False,
    settle: Annotated[
        float, typer.Option("--settle", help="Skip files changed within this many seconds.")
    ] = 2.0,
) -> None:
    """Turn each new file in FOLDER into an expense proposal for its owner to approve
    (`harvestkit approvals`); prints one JSON line per file dealt with."""
    folder = folder.expanduser().resolve()
    if not folder.is_dir():
        fail(f"{folder} is not a folder")
    _allow(folder)
    started = time.monotonic()
    try:
        asyncio.run(_watch(folder, sandbox, user or default_user(), interval, once, settle))
    except KeyboardInterrupt:
        typer.echo(f"stopped after {time.monotonic() - started:.0f} s", err=True)
