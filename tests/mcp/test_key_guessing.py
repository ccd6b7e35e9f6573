"""Guessing API keys is slowed and logged, and a wrong key writes nothing to the store."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from harvestkit.governance import ApiKeyStore, InvalidApiKeyError
from harvestkit.mcp._auth import ApiKeyAuth, FailureThrottle
from harvestkit.store import Store

ATTEMPTS = 3000


def _counting_writes(store: Store) -> list[int]:
    writes: list[int] = []
    original = store.transaction

    @contextmanager
    def transaction(*args: object, **kwargs: object) -> Iterator[object]:
        writes.append(1)
        with original(*args, **kwargs) as conn:  # type: ignore[arg-type]
            yield conn

    store.transaction = transaction  # type: ignore[method-assign]
    return writes


def test_wrong_keys_open_no_write_transaction(store: Store) -> None:
    keys = ApiKeyStore(store)
    key, _ = keys.create("alice", "dev")
    writes = _counting_writes(store)
    prefix = key.reveal().split("_")[1]
    for n in range(ATTEMPTS):
        guess = f"hk_{prefix if n % 2 else 'deadbeef'}_{n:043d}"
        with pytest.raises(InvalidApiKeyError):
            keys.verify(guess)
    assert writes == []
    keys.verify(key)  # the first use is noted, later ones within a minute are not
    keys.verify(key)
    assert len(writes) == 1


def _app(keys: ApiKeyStore, throttle: FailureThrottle) -> ApiKeyAuth:
    async def ok(_: object) -> PlainTextResponse:
        return PlainTextResponse("ok")

    return ApiKeyAuth(Starlette(routes=[Route("/mcp", ok)]), keys, throttle)


@pytest.mark.anyio
async def test_repeated_wrong_keys_are_slowed_and_logged(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    keys = ApiKeyStore(store)
    good, _ = keys.create("alice", "dev")
    throttle = FailureThrottle(free=5, base=0.05, cap=0.2)
    transport = httpx.ASGITransport(app=_app(keys, throttle), client=("203.0.113.9", 4000))
    waits: list[float] = []
    caplog.set_level(logging.WARNING, logger="harvestkit.mcp.auth")
    async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as http:
        for n in range(20):
            started = time.monotonic()
            response = await http.get("/mcp", headers={"Authorization": f"Bearer hk_x_{n}"})
            waits.append(time.monotonic() - started)
            assert response.status_code == 401
        allowed = await http.get("/mcp", headers={"Authorization": f"Bearer {good.reveal()}"})
    assert allowed.status_code == 200
    assert max(waits[:5]) < 0.1  # the first few answer at once
    assert min(waits[8:]) >= 0.2  # then each waits the cap
    warnings = [r.getMessage() for r in caplog.records if r.name == "harvestkit.mcp.auth"]
    assert len(warnings) == 5  # 1st, 2nd, 4th, 8th and 16th failure
    assert all("203.0.113.9" in w for w in warnings) and "(16 in the last 60 s)" in warnings[-1]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(f"sqlite:///{tmp_path / 'keys.sqlite3'}")
    yield opened
    opened.close()
