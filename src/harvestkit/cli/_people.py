"""What the credential, policy, audit and key commands share: who is acting, in which
environment, the store, and how a failure is told to the person."""

from __future__ import annotations

import getpass
import os
from datetime import UTC, datetime, timedelta
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from harvestkit.store import Store, open_store

__all__ = [
    "ENV_ENV",
    "USER_ENV",
    "EnvOption",
    "UserOption",
    "console",
    "default_env",
    "default_user",
    "fail",
    "parse_since",
    "store",
    "when",
]

USER_ENV = "HARVESTKIT_USER"
ENV_ENV = "HARVESTKIT_ENV"

console = Console(highlight=False)
_errors = Console(stderr=True, highlight=False)


def default_user() -> str:
    """``HARVESTKIT_USER``, else the operating-system login name."""
    return os.environ.get(USER_ENV) or getpass.getuser()


def default_env() -> str:
    """``HARVESTKIT_ENV``, else ``dev``."""
    return os.environ.get(ENV_ENV) or "dev"


UserOption = Annotated[
    str | None, typer.Option("--user", help="harvestkit user [default: $HARVESTKIT_USER or login]")
]
EnvOption = Annotated[
    str | None,
    typer.Option("--env", help="Environment, e.g. dev or prod [default: $HARVESTKIT_ENV or dev]"),
]


def fail(message: str, code: int = 1) -> NoReturn:
    """Tell the person what went wrong and what to do, then exit."""
    _errors.print(f"[red]error:[/red] {message}", soft_wrap=True)
    raise typer.Exit(code)


def store() -> Store:
    """The store the environment names (migrated on first use)."""
    try:
        return open_store()
    except Exception as exc:  # a wrong URL or an unreachable server, said plainly
        fail(f"cannot open the harvestkit database: {type(exc).__name__}: {exc}")


def when(epoch: float | None) -> str:
    """An epoch timestamp for a table cell (UTC, to the minute)."""
    if epoch is None:
        return "-"
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d %H:%M UTC")


def parse_since(value: str | None) -> datetime | None:
    """``24h``, ``7d``, ``30m`` ago, or an ISO date or time (UTC unless it says otherwise)."""
    if value is None:
        return None
    units = {"m": 60, "h": 3600, "d": 86400}
    number, unit = value[:-1], value[-1:]
    if unit in units and number.isdigit():
        return datetime.now(UTC) - timedelta(seconds=int(number) * units[unit])
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        fail(f"cannot read the time {value!r}; use e.g. 24h, 7d or 2026-11-01")
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
