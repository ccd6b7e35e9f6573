"""Exactly one refresh per credential: 50 threads, 50 tasks, two processes, every lock."""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from harvestkit.auth import Cipher, Secret, TokenSet, Vault, VaultTokenProvider
from tests.auth.helpers import KEY, CountingRefresher, make_vault, oauth_tokens
from tests.store.fixtures import StoreSpec, store_spec

CALLERS = 50


def _expiring(vault: Vault) -> None:
    # Expires in one second: inside the skew, so every caller wants a refresh.
    vault.save("alice", "prod", "oauth", oauth_tokens(time.time() + 1))


def test_fifty_threads_one_refresh(spec: StoreSpec) -> None:
    store = spec.open()
    refresher = CountingRefresher(delay=0.05)
    vault = make_vault(store, refresher)
    _expiring(vault)
    barrier = threading.Barrier(CALLERS)

    def call(_: int) -> str:
        barrier.wait()
        return vault.access_token("alice", "prod").reveal()

    with ThreadPoolExecutor(CALLERS) as pool:
        tokens = list(pool.map(call, range(CALLERS)))
    assert len(refresher.calls) == 1
    assert set(tokens) == {"access-1"}
    store.close()


def test_fifty_tasks_one_refresh(spec: StoreSpec) -> None:
    store = spec.open()
    refresher = CountingRefresher(delay=0.05)
    vault = make_vault(store, refresher)
    _expiring(vault)
    provider = VaultTokenProvider(vault, "alice", "prod")

    async def main() -> list[str]:
        return await asyncio.gather(*(provider.get_token_async() for _ in range(CALLERS)))

    tokens = asyncio.run(main())
    assert len(refresher.calls) == 1
    assert set(tokens) == {"access-1"}
    store.close()


class _FileCountingRefresher:
    """Counts refreshes across processes by appending a line to a shared file."""

    def __init__(self, log: Path) -> None:
        self.log = log

    def __call__(self, refresh_token: str) -> TokenSet:
        with self.log.open("a") as handle:
            handle.write(f"{refresh_token}\n")
        time.sleep(0.2)  # hold the lock long enough for the other process to contend
        return TokenSet(Secret("access-new"), Secret("refresh-new"), time.time() + 3600)


def _child(spec: StoreSpec, log: str, start: Any, results: multiprocessing.Queue[str]) -> None:
    store = spec.open(migrate=False)  # the parent migrated
    vault = Vault(store, Cipher(KEY), refresher=_FileCountingRefresher(Path(log)))
    start.wait(30)  # both processes begin together

    def call(_: int) -> str:
        return vault.access_token("alice", "prod").reveal()

    with ThreadPoolExecutor(10) as pool:
        for token in pool.map(call, range(CALLERS // 2)):
            results.put(token)
    store.close()


def _two_processes(spec: StoreSpec, tmp_path: Path) -> None:
    store = spec.open()
    _expiring(make_vault(store, CountingRefresher()))
    store.close()
    log = tmp_path / "refreshes.log"
    log.touch()
    # A fork server that has imported harvestkit once starts each child in milliseconds,
    # without forking this (threaded) test process itself.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    results: multiprocessing.Queue[str] = context.Queue()
    start = context.Barrier(2)
    children = [
        context.Process(target=_child, args=(spec, str(log), start, results)) for _ in range(2)
    ]
    for child in children:
        child.start()
    tokens = [results.get(timeout=60) for _ in range(CALLERS)]
    for child in children:
        child.join(60)
        assert child.exitcode == 0
    assert log.read_text().splitlines() == ["refresh-0"]
    assert set(tokens) == {"access-new"}


def test_two_processes_one_refresh(spec: StoreSpec, tmp_path: Path) -> None:
    _two_processes(spec, tmp_path)


@pytest.mark.parametrize("backend_name", ["sqlite", "postgresql"])
def test_two_processes_one_refresh_with_redis_lock(backend_name: str, tmp_path: Path) -> None:
    with store_spec(backend_name, tmp_path, redis=True) as spec:
        _two_processes(spec, tmp_path)
