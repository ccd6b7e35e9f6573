"""A token Harvest rejects is refreshed once, however many requests it rejected.

The vault believes the token valid (it expires in an hour); Harvest answers 401 to it.
Every request hands its own rejected token to ``refresh(rejected=...)``, so the first
refresh wins and everyone else picks up its result, on every lock the store can use.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from harvestkit.api import AsyncHarvest, Harvest, RateLimits
from harvestkit.auth import Cipher, Vault, VaultTokenProvider
from harvestkit.store import Store
from tests.auth.helpers import KEY, CountingRefresher, make_vault, oauth_tokens
from tests.auth.test_refresh_concurrency import _FileCountingRefresher
from tests.store.fixtures import StoreSpec, store_spec

CALLERS = 50
# 100 requests in 15 s would make the limiter, not the refresh, the slow part.
FAST = RateLimits().scaled(0.001)
ME = {"id": 1, "first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com"}


class RejectsFirstToken:
    """Harvest's side: 401 for ``access-0``, the user for any other token; counts both."""

    def __init__(self) -> None:
        self.rejected = 0
        self.served = 0
        self._lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        time.sleep(0.005)  # let the 50 requests overlap
        with self._lock:
            if request.headers["Authorization"] == "Bearer access-0":
                self.rejected += 1
                return httpx.Response(401, json={"error": "invalid_token"})
            self.served += 1
        return httpx.Response(200, json=ME)


def _valid_looking_vault(spec: StoreSpec, refresher: CountingRefresher) -> tuple[Store, Vault]:
    store = spec.open()
    vault = make_vault(store, refresher)
    vault.save("alice", "prod", "oauth", oauth_tokens(time.time() + 3600), account_ids=[7])
    return store, vault


def _threads(spec: StoreSpec) -> None:
    refresher = CountingRefresher(delay=0.05)
    store, vault = _valid_looking_vault(spec, refresher)
    harvest_side = RejectsFirstToken()
    provider = VaultTokenProvider(vault, "alice", "prod")
    client = Harvest(
        token_provider=provider,
        account_id=7,
        transport=httpx.MockTransport(harvest_side),
        rate_limits=FAST,
    )
    barrier = threading.Barrier(CALLERS)

    def call(_: int) -> int:
        barrier.wait()
        return client.users.me().id

    with ThreadPoolExecutor(CALLERS) as pool:
        ids = list(pool.map(call, range(CALLERS)))
    client.close()
    store.close()
    assert ids == [1] * CALLERS
    assert len(refresher.calls) == 1
    assert harvest_side.served == CALLERS
    assert harvest_side.rejected >= 1


@pytest.mark.parametrize("backend_name", ["sqlite", "postgresql"])
@pytest.mark.parametrize("redis", [False, True], ids=["store-lock", "redis-lock"])
def test_fifty_threads_rejected_together_refresh_once(
    backend_name: str, redis: bool, tmp_path: Path
) -> None:
    with store_spec(backend_name, tmp_path, redis=redis) as spec:
        _threads(spec)


@pytest.mark.parametrize("backend_name", ["sqlite", "postgresql"])
def test_fifty_tasks_rejected_together_refresh_once(backend_name: str, tmp_path: Path) -> None:
    with store_spec(backend_name, tmp_path) as spec:
        refresher = CountingRefresher(delay=0.05)
        store, vault = _valid_looking_vault(spec, refresher)
        harvest_side = RejectsFirstToken()
        provider = VaultTokenProvider(vault, "alice", "prod")

        async def main() -> list[int]:
            async with AsyncHarvest(
                token_provider=provider,
                account_id=7,
                transport=httpx.MockTransport(harvest_side),
                rate_limits=FAST,
            ) as client:
                users = await asyncio.gather(*(client.users.me() for _ in range(CALLERS)))
            return [user.id for user in users]

        assert asyncio.run(main()) == [1] * CALLERS
        store.close()
        assert len(refresher.calls) == 1


def _rejected_child(spec: StoreSpec, log: str, start: Any, results: Any) -> None:
    store = spec.open(migrate=False)  # the parent migrated
    vault = Vault(store, Cipher(KEY), refresher=_FileCountingRefresher(Path(log)))
    provider = VaultTokenProvider(vault, "alice", "prod")
    client = Harvest(
        token_provider=provider,
        account_id=7,
        transport=httpx.MockTransport(RejectsFirstToken()),
        rate_limits=FAST,
    )
    start.wait(30)  # both processes begin together
    with ThreadPoolExecutor(CALLERS // 2) as pool:
        for user_id in pool.map(lambda _: client.users.me().id, range(CALLERS // 2)):
            results.put(user_id)
    client.close()
    store.close()


@pytest.mark.parametrize("backend_name", ["sqlite", "postgresql"])
@pytest.mark.parametrize("redis", [False, True], ids=["store-lock", "redis-lock"])
def test_two_processes_rejected_together_refresh_once(
    backend_name: str, redis: bool, tmp_path: Path
) -> None:
    with store_spec(backend_name, tmp_path, redis=redis) as spec:
        store, _ = _valid_looking_vault(spec, CountingRefresher())
        store.close()
        log = tmp_path / "refreshes.log"
        log.touch()
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        results = context.Queue()
        start = context.Barrier(2)
        children = [
            context.Process(target=_rejected_child, args=(spec, str(log), start, results))
            for _ in range(2)
        ]
        for child in children:
            child.start()
        ids = [results.get(timeout=60) for _ in range(CALLERS)]
        for child in children:
            child.join(60)
            assert child.exitcode == 0
    assert ids == [1] * CALLERS
    assert log.read_text().splitlines() == ["refresh-0"]  # one refresh, by one process
