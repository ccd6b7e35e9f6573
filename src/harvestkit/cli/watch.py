"""`harvestkit watch FILE`: the watch worker, with the rules of a TOML watch file.

Credentials: HARVEST_ACCESS_TOKEN and HARVEST_ACCOUNT_ID (and HARVEST_BASE_URL), else the
vault's credential of --user in --env; --sandbox watches an embedded demo company. The
worker draws on Harvest's rate budget shared with everyone using that credential in this
process (and through HARVESTKIT_REDIS_URL, on every host), within its configured share.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from ._clock import NowOption

if TYPE_CHECKING:
    from harvestkit.api import AsyncHarvest, RateLimiter, RateLimits
    from harvestkit.clock import Clock
    from harvestkit.store import Store
    from harvestkit.watch import WatchConfig, Worker

console = Console(stderr=True, highlight=False)


def _limiter(limits: RateLimits, share: float) -> RateLimiter:
    """The worker's pacing: its share first, then the budget everyone with this credential
    draws on (this process's, or with HARVESTKIT_REDIS_URL every host's, where the share
    is counted too, so several workers stay within it together)."""
    from harvestkit.api import RedisRateLimiter, shared_limiter
    from harvestkit.store import REDIS_URL_ENV
    from harvestkit.watch import ShareLimiter, share_limits

    redis_url = os.environ.get(REDIS_URL_ENV)
    if not redis_url:
        return ShareLimiter(shared_limiter(limits), limits, share)
    own = RedisRateLimiter(redis_url, share_limits(limits, share), prefix="harvestkit:watch")
    return ShareLimiter(RedisRateLimiter(redis_url, limits), limits, share, own)


def _client(
    config: WatchConfig,
    store: Store,
    *,
    sandbox: bool,
    user: str,
    env: str,
    scale: float,
    clock: Clock,
) -> tuple[AsyncHarvest, int, Callable[[], datetime]]:
    from harvestkit.api import RateLimits, RetryPolicy

    limits = RateLimits().scaled(scale)
    pacing: dict[str, Any] = {
        "rate_limits": limits,
        "rate_limiter": _limiter(limits, config.rate_share),
        "retry": RetryPolicy(),  # nobody waits on a poll: queue for the limits, don't fail
    }
    return harvest_client(
        store, sandbox=sandbox, user=user, env=env, scale=scale, clock=clock, **pacing
    )


def harvest_client(
    store: Store,
    *,
    sandbox: bool,
    user: str,
    env: str,
    scale: float = 1.0,
    clock: Clock | None = None,
    **pacing: Any,
) -> tuple[AsyncHarvest, int, Callable[[], datetime]]:
    """A Harvest client, its account and the clock that agrees with it: the embedded demo
    (on its own clock, started at ``clock``'s instant), HARVEST_ACCESS_TOKEN and
    HARVEST_ACCOUNT_ID, else the vault's credential of ``user`` in ``env``."""
    from harvestkit.clock import resolve

    clock = clock or resolve(None)  # HARVESTKIT_NOW, else real time
    import httpx

    from harvestkit.api import AsyncHarvest

    if sandbox:
        from harvestkit.sandbox import SandboxConfig, create_app

        config = SandboxConfig(db=":memory:", seed="demo", rate_limit_scale=scale)
        if clock.start is not None:
            config.now = clock.start
        app = create_app(config)
        state = app.state.sandbox
        harvest = AsyncHarvest(
            state.admin_token,
            state.account_id,
            base_url="http://sandbox.local/v2",
            identity_url="http://sandbox.local",
            transport=httpx.ASGITransport(app=app),
            **pacing,
        )
        return harvest, int(state.account_id), state.clock.now
    token = os.environ.get("HARVEST_ACCESS_TOKEN", "").strip()
    account = os.environ.get("HARVEST_ACCOUNT_ID", "").strip()
    base = os.environ.get("HARVEST_BASE_URL", "").strip()
    if base:
        pacing["base_url"] = base
    if token and account:
        return AsyncHarvest(token, account, **pacing), int(account), clock
    from harvestkit.auth import VaultTokenProvider, open_vault

    vault = open_vault(store)
    account_id = vault.get(user, env).default_account_id
    if account_id is None:
        raise ValueError(f"the credential of {user} in {env} names no Harvest account")
    provider = VaultTokenProvider(vault, user, env)
    harvest = AsyncHarvest(token_provider=provider, account_id=account_id, **pacing)
    return harvest, int(account_id), clock


def build_worker(
    path: Path,
    *,
    sandbox: bool = False,
    user: str = "watch",
    env: str = "default",
    now: str | None = None,
    scale: float = 1.0,
    lease_seconds: float | None = None,
) -> Worker:
    """The worker `harvestkit watch` runs (also started beside `harvestkit serve`)."""
    import httpx

    from harvestkit.governance import AuditLog, Policy, PolicyDocument, default_policy_path
    from harvestkit.store import open_store
    from harvestkit.watch import WatchConfig, Worker, channels_of

    from ._clock import clock_for, harvest_base_url

    config = WatchConfig.load(path)
    store = open_store()
    harvest, account_id, clock = _client(
        config,
        store,
        sandbox=sandbox,
        user=user,
        env=env,
        scale=scale,
        clock=clock_for(now, sandbox=sandbox, base_url=harvest_base_url()),
    )
    return Worker(
        config,
        store,
        harvest,
        account_id=account_id,
        channels=channels_of(config, httpx.AsyncClient(timeout=30)),
        clock=clock,
        user=user,
        env=env,
        audit=AuditLog(store),
        policy=Policy(store, PolicyDocument.load(default_policy_path())),
        lease_seconds=lease_seconds,
    )


async def _run(worker: Worker, once: bool, stop: asyncio.Event) -> None:
    from harvestkit.watch import describe

    if once:
        result = await worker.poll()
        typer.echo(json.dumps(describe(result)))
        return
    await worker.run(stop)


def start_beside(worker: Worker) -> threading.Thread:
    """Run ``worker`` in a thread of its own (beside a server's event loop)."""
    thread = threading.Thread(
        target=lambda: asyncio.run(worker.run()), name="harvestkit-watch", daemon=True
    )
    thread.start()
    return thread


def watch(
    config: Annotated[Path, typer.Argument(help="The watch file (TOML): rules and delivery.")],
    sandbox: Annotated[
        bool, typer.Option(help="Watch an embedded demo company instead of a Harvest account.")
    ] = False,
    once: Annotated[bool, typer.Option(help="Poll once, deliver, print what it did.")] = False,
    now: NowOption = None,
    user: Annotated[
        str, typer.Option(help="The harvestkit user the watch acts as (grants, vault).")
    ] = "watch",
    env: Annotated[str, typer.Option(help="The environment whose grants apply.")] = "default",
    rate_limit_scale: Annotated[
        float, typer.Option(min=0.000001, help="Harvest's windows times this (sandbox tests).")
    ] = 1.0,
    lease_seconds: Annotated[
        float | None,
        typer.Option(help="How long a worker holds an account's poll [2 × poll_seconds + 60]."),
    ] = None,
) -> None:
    """Watch Harvest: budgets, accepted estimates, a daily summary, timesheet gaps, money."""
    from harvestkit.watch import WatchConfigError

    try:
        worker = build_worker(
            config,
            sandbox=sandbox,
            user=user,
            env=env,
            now=now,
            scale=rate_limit_scale,
            lease_seconds=lease_seconds,
        )
    except (WatchConfigError, ValueError) as exc:
        console.print(f"[red]{exc}[/red]", soft_wrap=True)
        raise typer.Exit(2) from exc
    if not once:
        channels = ", ".join(worker.channel_names) or "the notification log only"
        console.print(
            f"Watching account {worker.account_id} every {worker.config.poll_seconds:g} s "
            f"(at most {worker.config.rate_share:.0%} of Harvest's rate windows); "
            f"delivering to {channels}. Ctrl+C stops.",
            soft_wrap=True,
        )

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(signum, stop.set)
        async with worker.harvest:
            await _run(worker, once, stop)

    asyncio.run(main())
