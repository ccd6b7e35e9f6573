"""`--now` for the commands that run tools: one clock for them and their sandbox."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from harvestkit.clock import EXAMPLE, NOW_ENV, Clock, ClockError, require_real, resolve

NowOption = Annotated[
    str | None,
    typer.Option(
        "--now",
        help=f"Start the clock at this instant, e.g. {EXAMPLE} (default: ${NOW_ENV}, else "
        "real time). Only with a sandbox: 'today' in the tools and in the sandbox is then "
        "that instant's day, and time runs on from it.",
        show_default=False,
    ),
]


def harvest_base_url() -> str:
    """Where the SDK will send requests: HARVEST_BASE_URL, else Harvest itself."""
    from harvestkit.api import DEFAULT_BASE_URL

    return os.environ.get("HARVEST_BASE_URL", "").strip() or DEFAULT_BASE_URL


def clock_for(now: str | None, *, sandbox: bool, base_url: str | None = None) -> Clock:
    """The clock a command runs with; a usage error if it cannot be read, or is pinned for
    Harvest itself (`base_url`, when not `sandbox`)."""
    try:
        clock = resolve(now)
        if not sandbox and base_url is not None:
            require_real(clock, base_url)
    except ClockError as exc:
        typer.echo(f"{exc}.", err=True)
        raise typer.Exit(2) from exc
    return clock
