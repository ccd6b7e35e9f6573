"""Fixtures for the robustness tests: a transport that records every request with its
status, and SDK clients with fast retries on a sandbox whose rate-limit windows are scaled
down."""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from harvestkit.api import (
    AsyncHarvest,
    InProcessRateLimiter,
    RateLimits,
    RetryPolicy,
)
from harvestkit.tools import InMemoryCache, ToolContext
from tests.conftest import ACCOUNT_ID, TOKEN

# Sandbox windows, the SDK's windows and the sandbox's Retry-After are all scaled by this.
SCALE = 0.001
FAST_RETRY = RetryPolicy(max_retries=8, initial_delay=0.001, max_delay=0.004, recheck_delay=0.001)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@dataclass(frozen=True)
class Sent:
    method: str
    path: str
    status: int


@dataclass
class Recorder(httpx.AsyncBaseTransport):
    """Passes requests to the sandbox in process and records each with its status.

    The sandbox's injected 429s say `Retry-After: 1` (whole seconds, as Harvest does); that
    wait is scaled by ``SCALE`` like the rate-limit windows, so no test sleeps for seconds.
    """

    app: Any
    sent: list[Sent] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.inner = httpx.ASGITransport(app=self.app)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        self.sent.append(Sent(request.method, request.url.path, response.status_code))
        if response.status_code == 429 and "Retry-After" in response.headers:
            scaled = float(response.headers["Retry-After"]) * SCALE
            response.headers["Retry-After"] = f"{scaled:.4f}"
        return response

    def committed_writes(self) -> list[Sent]:
        """Writes the sandbox accepted (a 2xx answer)."""
        return [s for s in self.sent if s.method != "GET" and 200 <= s.status < 300]

    def server_errors(self) -> list[Sent]:
        return [s for s in self.sent if s.status >= 500]


def client(transport: httpx.AsyncBaseTransport, token: str = TOKEN) -> AsyncHarvest:
    """An SDK client on the in-process sandbox with fast retries and its own rate budget."""
    limits = RateLimits().scaled(SCALE)
    return AsyncHarvest(
        token,
        ACCOUNT_ID,
        base_url="http://sandbox.test/v2",
        identity_url="http://sandbox.test",
        transport=transport,
        rate_limits=limits,
        # A limiter carries its own limits; one per client keeps tests from sharing a budget.
        rate_limiter=InProcessRateLimiter(limits),
        retry=FAST_RETRY,
    )


# One reference cache per client, as a server keeps one per principal's client.
_CACHES: weakref.WeakKeyDictionary[AsyncHarvest, InMemoryCache] = weakref.WeakKeyDictionary()


def context(harvest: AsyncHarvest, **answers: Any) -> ToolContext:
    cache = _CACHES.setdefault(harvest, InMemoryCache())
    return ToolContext(harvest=harvest, cache=cache, answers=answers)
