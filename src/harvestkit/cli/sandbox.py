"""`harvestkit sandbox`: a local Harvest API v2 with demo data."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from harvestkit.cli._clock import NowOption, clock_for
from harvestkit.sandbox import SandboxConfig, create_app
from harvestkit.sandbox.config import DEFAULT_HOST, DEFAULT_PORT, default_db_path
from harvestkit.sandbox.faults import FaultSpec
from harvestkit.sandbox.seed import SEEDS
from harvestkit.sandbox.server import bind, serve

console = Console(stderr=False, highlight=False)


def _check_seed(value: str) -> str:
    if value not in SEEDS:
        raise typer.BadParameter(f"choose one of: {', '.join(SEEDS)}")
    return value


def _check_faults(value: str) -> str:
    try:
        FaultSpec.parse(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    return value


def sandbox(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = DEFAULT_HOST,
    port: Annotated[
        int, typer.Option(help="Port to listen on (0 picks a free one).")
    ] = DEFAULT_PORT,
    db: Annotated[
        str | None,
        typer.Option(
            help="SQLite file for the sandbox's data, or :memory:. "
            "[default: a file in the user data directory]"
        ),
    ] = None,
    token: Annotated[
        str | None, typer.Option(help="Personal access token of the seeded administrator.")
    ] = None,
    account_id: Annotated[
        int | None, typer.Option(help="Harvest account id of the sandbox company.", min=1)
    ] = None,
    seed: Annotated[
        str, typer.Option(help="Data of a new database: demo or empty.", callback=_check_seed)
    ] = "demo",
    scale: Annotated[
        int,
        typer.Option(
            help="demo: the company this many times its size (more people, about this many "
            "times the time entries; 10 makes some 200,000).",
            min=1,
            max=100,
        ),
    ] = 1,
    rate_limit_scale: Annotated[
        float,
        typer.Option(
            help="Multiply both rate-limit windows (0.1: 100 requests per 1.5 s).", min=0.001
        ),
    ] = 1.0,
    faults: Annotated[
        str,
        typer.Option(
            help="Faults to inject, e.g. 'error_rate=0.1,latency_ms=50'.", callback=_check_faults
        ),
    ] = "",
    now: NowOption = None,
) -> None:
    """Serve a local Harvest API v2 (and its OAuth2 identity endpoints) with demo data."""
    started = time.perf_counter()
    clock = clock_for(now, sandbox=True)
    database = db if db is not None else str(default_db_path())
    try:
        sock = bind(host, port)
    except OSError as exc:
        console.print(
            f"[red]Cannot listen on {host}:{port}: {exc.strerror}.[/red] "
            "Choose another --port (0 picks a free one)."
        )
        raise typer.Exit(1) from exc
    config = SandboxConfig(
        db=database,
        seed=seed,
        scale=scale,
        token=token,
        account_id=account_id,
        rate_limit_scale=rate_limit_scale,
        faults=faults,
        now=clock.start,
    )
    with console.status("Preparing the sandbox database…"):
        app = create_app(config)
    state = app.state.sandbox
    bound_host, bound_port = sock.getsockname()[:2]
    shown_host = f"[{bound_host}]" if ":" in bound_host else bound_host
    base = f"http://{shown_host}:{bound_port}"

    def ready() -> None:
        elapsed = time.perf_counter() - started
        console.print(f"Harvest sandbox ready in {elapsed:.1f} s")
        console.print(f"  API base URL   {base}/v2")
        console.print(f"  Identity URL   {base}  (/api/v2/accounts, /oauth2/authorize)")
        console.print(f"  Access token   {state.admin_token}")
        console.print(f"  Account id     {state.account_id}")
        console.print(f"  Data           {database}")
        if clock.pinned:
            console.print(f"  Clock          {clock.describe()}")
        console.print(
            f"Try: curl -H 'Authorization: Bearer {state.admin_token}' "
            f"-H 'Harvest-Account-Id: {state.account_id}' "
            f"-H 'User-Agent: curl (you@example.com)' {base}/v2/users/me",
            soft_wrap=True,
        )
        console.print("Press Ctrl+C to stop.")

    try:
        serve(app, sock, on_ready=ready)
    except KeyboardInterrupt:
        pass
    finally:
        state.close()
        if Path(database).name and database != ":memory:":
            console.print("Sandbox stopped; data kept in", database)
