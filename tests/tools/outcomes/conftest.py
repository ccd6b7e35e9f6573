"""Fixtures for outcome tools: a demo sandbox per test, contexts acting as any user, and a
request counter."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import BaseModel

from harvestkit.api import AsyncHarvest, RateLimits
from harvestkit.sandbox import SandboxConfig, create_app
from harvestkit.tools import InMemoryCache, Tool, ToolContext, execute
from tests.conftest import ACCOUNT_ID, TOKEN, open_copy

# Ethan Brooks: a member in New York, assigned to Website Redesign, Website Maintenance,
# Internal Training and others.
ETHAN = 1782890
RAVI = 1782893  # a member who is not on Website Redesign
PRIYA = 1782886  # a manager
MARCUS = 1782887  # a manager who leads Dispatch Dashboard, Product Configurator and the Audit
AVERY = 1782884  # an administrator (the sandbox's own token)
# 18:00 in New York on Friday 20 November 2026 is 23:00 UTC.
NY_EVENING = datetime(2026, 11, 20, 23, 0, tzinfo=UTC)
# The demo company is seeded as of Saturday 21 November 2026 (its history ends the day before).
SEEDED_AT = datetime(2026, 11, 21, 15, 0, tzinfo=UTC)
# Sandbox and SDK rate-limit windows scaled down together, so a test's requests never wait
# for a 15-second window (pacing itself is the SDK's, tested there).
RATE_LIMIT_SCALE = 0.001


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


class Counter(httpx.AsyncBaseTransport):
    """Counts the requests that reach Harvest (here: the sandbox)."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.requests: list[tuple[str, str]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append((request.method, request.url.path))
        return await self.inner.handle_async_request(request)


class World:
    """One demo sandbox, with contexts for any user at a pinned instant."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.sandbox = app.state.sandbox
        self.counter = Counter(httpx.ASGITransport(app=app))
        self.caches: dict[int | None, InMemoryCache] = {}
        self.tokens: dict[int | None, str] = {None: TOKEN}

    def token(self, user_id: int | None) -> str:
        """The user's token (the administrator's for None), minted once."""
        if user_id not in self.tokens:
            self.tokens[user_id] = self.sandbox.mint_token(user_id)
        return self.tokens[user_id]

    def pin(self, when: datetime) -> None:
        self.sandbox.clock.set(when)

    def ctx(
        self,
        user_id: int | None = None,
        *,
        now: datetime = NY_EVENING,
        answers: dict[str, Any] | None = None,
    ) -> ToolContext:
        self.pin(now)
        token = self.token(user_id)
        harvest = AsyncHarvest(
            token,
            ACCOUNT_ID,
            base_url="http://sandbox.test/v2",
            identity_url="http://sandbox.test",
            transport=self.counter,
            rate_limits=RateLimits().scaled(RATE_LIMIT_SCALE),
        )
        cache = self.caches.setdefault(user_id, InMemoryCache())
        return ToolContext(harvest=harvest, cache=cache, answers=answers or {}, clock=lambda: now)


@pytest.fixture(scope="session")
def pinned_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo company seeded as of SEEDED_AT, whatever today's date: the demo seed dates
    its history back from "today", and these tests assert exact dates and figures."""
    path = tmp_path_factory.mktemp("outcomes") / "demo.sqlite3"
    config = SandboxConfig(
        db=str(path),
        seed="demo",
        token=TOKEN,
        account_id=ACCOUNT_ID,
        use_templates=False,
        now=SEEDED_AT,
    )
    create_app(config).state.sandbox.close()
    return path


@pytest.fixture
def world(pinned_template: Path, tmp_path: Path) -> Iterator[World]:
    app = open_copy(pinned_template, tmp_path, rate_limit_scale=RATE_LIMIT_SCALE)
    yield World(app)
    app.state.sandbox.close()


async def run(tool: Tool, ctx: ToolContext, arguments: dict[str, Any]) -> Any:
    """Run a tool the way every transport does: through the catalog's `execute`."""
    result: BaseModel = await execute(tool, ctx, arguments)
    return result
