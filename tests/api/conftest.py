"""Fixtures for the SDK tests: the sandbox in process, and clients wired to it."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import anyio.from_thread
import httpx
import pytest

from harvestkit.api import AsyncHarvest, Harvest, InProcessRateLimiter, RateLimits, RetryPolicy
from harvestkit.sandbox import SandboxConfig, create_app

TOKEN = "test-token"
ACCOUNT_ID = 123456
BASE_URL = "http://sandbox.test/v2"
IDENTITY_URL = "http://sandbox.test"
# The sandbox's windows are multiplied by this; the client's limiter uses the same scale.
RATE_SCALE = 0.01
FAST_RETRY = RetryPolicy(initial_delay=0.01, max_delay=0.05, recheck_delay=0.05)


class SyncASGITransport(httpx.BaseTransport):
    """Runs an ASGI app for a synchronous httpx client, through a blocking portal."""

    def __init__(self, app: Any) -> None:
        self._inner = httpx.ASGITransport(app=app)
        self._portal_cm = anyio.from_thread.start_blocking_portal()
        self._portal = self._portal_cm.__enter__()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()

        async def send() -> httpx.Response:
            async_request = httpx.Request(
                request.method, request.url, headers=request.headers, content=body
            )
            response = await self._inner.handle_async_request(async_request)
            content = await response.aread()
            return httpx.Response(response.status_code, headers=response.headers, content=content)

        return self._portal.call(send)

    def close(self) -> None:
        self._portal_cm.__exit__(None, None, None)


def make_app(seed: str = "demo", faults: str = "", scale: float = RATE_SCALE) -> Any:
    """A fresh in-memory sandbox with the test token and account."""
    config = SandboxConfig(
        db=":memory:",
        seed=seed,
        token=TOKEN,
        account_id=ACCOUNT_ID,
        rate_limit_scale=scale,
        faults=faults,
    )
    return create_app(config)


def client_options(scale: float = RATE_SCALE) -> dict[str, Any]:
    limits = RateLimits().scaled(scale)
    return {
        "base_url": BASE_URL,
        "identity_url": IDENTITY_URL,
        "rate_limits": limits,
        "rate_limiter": InProcessRateLimiter(limits),
        "retry": FAST_RETRY,
    }


@pytest.fixture
def app() -> Any:
    return make_app(seed="empty")


@pytest.fixture
def sandbox(app: Any) -> Any:
    return app.state.sandbox


@pytest.fixture
def h(app: Any) -> Iterator[Harvest]:
    transport = SyncASGITransport(app)
    client = Harvest(TOKEN, ACCOUNT_ID, transport=transport, **client_options())
    yield client
    client.close()
    transport.close()


@pytest.fixture
async def ah(app: Any) -> AsyncIterator[AsyncHarvest]:
    client = AsyncHarvest(
        TOKEN, ACCOUNT_ID, transport=httpx.ASGITransport(app=app), **client_options()
    )
    yield client
    await client.aclose()


Handler = Any  # Callable[[httpx.Request], httpx.Response]


def mock_harvest(handler: Handler, **options: Any) -> Harvest:
    """A client whose requests go to ``handler`` (an ``httpx.MockTransport`` function)."""
    settings = client_options() | {"base_url": "https://api.harvestapp.com/v2"} | options
    return Harvest(TOKEN, ACCOUNT_ID, transport=httpx.MockTransport(handler), **settings)


def mock_async_harvest(handler: Handler, **options: Any) -> AsyncHarvest:
    """Async twin of ``mock_harvest``."""
    settings = client_options() | {"base_url": "https://api.harvestapp.com/v2"} | options
    return AsyncHarvest(TOKEN, ACCOUNT_ID, transport=httpx.MockTransport(handler), **settings)


def envelope(key: str, items: list[Any], next_link: str | None, total: int) -> dict[str, Any]:
    """A Harvest list response."""
    return {
        key: items,
        "per_page": 2,
        "total_pages": None,
        "total_entries": total,
        "next_page": None,
        "previous_page": None,
        "page": None,
        "links": {"first": "x", "next": next_link, "previous": None, "last": "y"},
    }


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "money: invoices, estimates, expenses and reports (sandbox routes land later)"
    )


@contextlib.contextmanager
def serve(app: Any) -> Iterator[str]:
    """Serve ``app`` over a real socket (uvicorn in a thread); yields the API base URL."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the sandbox server did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
