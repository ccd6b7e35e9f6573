"""The server's Harvest clients pace themselves: scaled windows for a scaled sandbox, and
one budget shared through Redis by every server acting with one credential."""

from __future__ import annotations

import asyncio
import math
import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from mcp import Client
from mcp_types import TextContent

from harvestkit.api import InProcessRateLimiter, RateLimits, RedisRateLimiter, RetryPolicy
from harvestkit.auth import Cipher, Secret, TokenSet, Vault
from harvestkit.mcp import (
    RateBudget,
    create_server,
    environment_backend,
    sandbox_backend,
    vault_clients,
)
from harvestkit.sandbox import SandboxConfig, create_app
from harvestkit.store import Store
from harvestkit.tools import catalog
from tests.api.test_redis_limiter import REDIS_URL, redis_or_skip

SCALE = 0.1  # 100 requests per 1.5 s: more than the sandbox in process serves
SERVERS = 3
CALLS_EACH = 50


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def test_windows_are_scaled_and_kept_in_process_by_default() -> None:
    budget = RateBudget.configure(scale=0.1)
    assert budget.limits == RateLimits().scaled(0.1)
    assert budget.limiter is None
    assert budget.describe() == "rate limit 100 requests per 1.5 s, kept in this process"
    with pytest.raises(ValueError, match="positive"):
        RateBudget.configure(scale=0)


def test_a_redis_url_shares_the_budget_without_showing_its_password() -> None:
    budget = RateBudget.configure(redis_url="redis://user:secret@127.0.0.1:6379/0")
    assert isinstance(budget.limiter, RedisRateLimiter)
    assert budget.limiter.limits == RateLimits()
    assert "secret" not in budget.describe()
    assert budget.describe().endswith("shared through Redis at redis://user@127.0.0.1:6379/0")


def test_the_backend_paces_with_its_budget() -> None:
    limits = RateLimits().scaled(0.5)
    budget = RateBudget(limits, InProcessRateLimiter(limits))
    environ = {"HARVEST_ACCESS_TOKEN": "t", "HARVEST_ACCOUNT_ID": "1"}
    backend = environment_backend(environ, budget=budget)
    config = backend.harvest_factory()._core.config
    assert config.limiter is budget.limiter
    assert backend.description.endswith("; rate limit 100 requests per 7.5 s, kept in this process")


async def _three_servers(budgets: list[RateBudget], store: Store) -> dict[str, int]:
    """Each budget is one server's (as in its own process), all acting for one user with
    one credential on one sandbox; every call lands. The sandbox's counts of the requests it
    let through and throttled."""
    token = f"pacing-{uuid.uuid4().hex}"  # a fresh key in Redis for this run
    config = SandboxConfig(seed="empty", token=token, account_id=1, rate_limit_scale=SCALE)
    app = create_app(config)
    vault = Vault(store, Cipher(os.urandom(32)))
    vault.save("ana", "prod", "pat", TokenSet(Secret(token)), account_ids=[1], default_account_id=1)
    transport = httpx.ASGITransport(app=app)
    servers = [
        vault_clients(
            vault,
            base_url="http://sandbox.test/v2",
            identity_url="http://sandbox.test",
            transport=transport,
            budget=budget,
        )("ana", "prod").harvest
        for budget in budgets
    ]
    try:
        await asyncio.gather(
            *(h.call("company.retrieve") for h in servers for _ in range(CALLS_EACH))
        )
        async with httpx.AsyncClient(
            transport=transport,
            base_url="http://sandbox.test",
            headers={"Authorization": f"Bearer {token}"},
        ) as admin:
            stats: dict[str, int] = (await admin.get("/_sandbox/stats")).json()
    finally:
        for h in servers:
            await h.aclose()
        app.state.sandbox.close()
    return stats


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(f"sqlite:///{tmp_path / 'harvestkit.sqlite3'}")
    yield opened
    opened.close()


@pytest.mark.anyio
async def test_servers_sharing_redis_stay_within_one_window_together(store: Store) -> None:
    redis_or_skip()
    budgets = [RateBudget.configure(scale=SCALE, redis_url=REDIS_URL) for _ in range(SERVERS)]
    try:
        stats = await _three_servers(budgets, store)
    finally:
        for budget in budgets:
            assert isinstance(budget.limiter, RedisRateLimiter)
            await budget.limiter.aclose()
    assert stats["throttled"] == 0
    assert stats["admitted"] == SERVERS * CALLS_EACH


@pytest.mark.anyio
async def test_servers_counting_alone_overrun_the_window(store: Store) -> None:
    # The same three servers, each with its own in-process count: together they exceed the
    # window, and only the sandbox's 429s (retried) hold them back.
    limits = RateLimits().scaled(SCALE)
    budgets = [RateBudget(limits, InProcessRateLimiter(limits)) for _ in range(SERVERS)]
    stats = await _three_servers(budgets, store)
    assert stats["throttled"] > 0


INTERACTIVE = RetryPolicy.interactive()


def test_the_interactive_policy_only_shortens_rate_limit_waits() -> None:
    assert (INTERACTIVE.max_rate_limit_wait, INTERACTIVE.max_slot_wait) == (60.0, 60.0)
    # SDK users keep the long waits.
    assert (RetryPolicy().max_rate_limit_wait, RetryPolicy().max_slot_wait) == (900.0, math.inf)
    assert RetryPolicy(max_rate_limit_wait=60.0, max_slot_wait=60.0) == INTERACTIVE


def test_server_clients_wait_at_most_the_interactive_bound(store: Store) -> None:
    environ = {"HARVEST_ACCESS_TOKEN": "t", "HARVEST_ACCOUNT_ID": "1"}
    scaled = RateBudget.configure(scale=0.5)
    for backend in (environment_backend(environ), environment_backend(environ, budget=scaled)):
        assert backend.harvest_factory()._core.config.retry == INTERACTIVE
    assert sandbox_backend(rate_limit_scale=0.5).harvest_factory()._core.config.retry == INTERACTIVE
    vault = Vault(store, Cipher(os.urandom(32)))
    vault.save("ana", "prod", "pat", TokenSet(Secret("t")), account_ids=[1], default_account_id=1)
    patient = RetryPolicy(max_rate_limit_wait=900.0)
    assert vault_clients(vault)("ana", "prod").harvest._core.config.retry == INTERACTIVE
    given = vault_clients(vault, budget=scaled, retry=patient)("ana", "prod").harvest
    assert given._core.config.retry is patient  # a caller's policy wins over the budget's


@pytest.mark.anyio
async def test_a_tool_call_hears_when_the_reports_limit_frees_instead_of_waiting() -> None:
    # At scale 0.1 the reports window is 90 s, longer than the 60 s a tool call may wait.
    backend = sandbox_backend(rate_limit_scale=0.1)
    # The server's clients share one in-process budget per credential: use up its reports
    # window as 100 report requests just sent would.
    async with backend.harvest_factory() as harvest:
        config = harvest._core.config
        key = config.limiter_key(await config.tokens.get_token_async())
        for _ in range(100):
            config.limiter.acquire(key, "reports")
    server = create_server(catalog(), backend.harvest_factory)
    started = time.monotonic()
    async with Client(server) as client:
        report = await client.call_tool(
            "harvest_reports_time_by_client", {"from": "2026-11-01", "to": "2026-11-30"}
        )
        general = await client.call_tool("harvest_projects_list", {})
    assert time.monotonic() - started < 10.0
    assert report.is_error
    assert isinstance(report.content[0], TextContent)
    text = report.content[0].text
    assert text.startswith(
        "Harvest's reports rate limit (100 report requests per 15 minutes) is reached; "
        "a request can go through again in 2 min. "
        "This request was not sent to Harvest, so it changed nothing."
    )
    assert (
        "Hint: Call again in 2 min, not before. Meanwhile, tools that do not read reports" in text
    )
    assert not general.is_error  # the general limit is a budget of its own
