"""Fixtures for the catalog tests: a demo sandbox per test and an SDK client on it that
records every request it sends."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from harvestkit.api import AsyncHarvest, InProcessRateLimiter
from harvestkit.tools import ToolContext
from tests.conftest import ACCOUNT_ID, TOKEN, open_copy


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


class RecordingTransport(httpx.AsyncBaseTransport):
    """Passes requests to the sandbox and remembers (method, path) of each."""

    def __init__(self, app: Any) -> None:
        self.inner = httpx.ASGITransport(app=app)
        self.sent: list[tuple[str, str]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.sent.append((request.method, request.url.path))
        return await self.inner.handle_async_request(request)

    def writes(self) -> list[tuple[str, str]]:
        return [(method, path) for method, path in self.sent if method != "GET"]


@pytest.fixture
def sandbox_app(demo_template: Path, tmp_path: Path) -> Iterator[Any]:
    app = open_copy(demo_template, tmp_path)
    yield app
    app.state.sandbox.close()


@pytest.fixture
def transport(sandbox_app: Any) -> RecordingTransport:
    return RecordingTransport(sandbox_app)


@pytest.fixture
async def harvest(transport: RecordingTransport) -> AsyncIterator[AsyncHarvest]:
    client = AsyncHarvest(
        TOKEN,
        ACCOUNT_ID,
        base_url="http://sandbox.test/v2",
        identity_url="http://sandbox.test",
        transport=transport,
        # A budget of its own: the process-wide limiter would make later tests wait for
        # requests earlier tests made against other sandboxes.
        rate_limiter=InProcessRateLimiter(),
    )
    async with client:
        yield client


@pytest.fixture
def ctx(harvest: AsyncHarvest) -> ToolContext:
    return ToolContext(harvest=harvest)
