"""kill -9 in the middle of a load of audited calls: the server answers before its audit
records reach the disk, so this is where a crash could hurt. After it, the trail verifies
(`harvestkit audit verify`), holds a record for every call up to the last write, and a
restarted server extends the same chain."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import anyio
import pytest
from mcp import Client

from harvestkit.governance import QUEUE_LIMIT, AuditLog
from harvestkit.store import Store
from tests.conftest import endpoint_of

HARVESTKIT = str(Path(sys.executable).with_name("harvestkit"))
CLIENTS = 6
TOOL = "harvest_users_me"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@contextmanager
def server(env: dict[str, str]) -> Iterator[tuple[subprocess.Popen[str], str]]:
    command = [HARVESTKIT, "serve", "--sandbox", "--transport", "http", "--port", "0"]
    command += ["--rate-limit-scale", "1e-6"]  # load on the server, not on the rate limits
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    try:
        yield process, endpoint_of(process)
    finally:
        if process.poll() is None:
            process.terminate()
        process.wait(timeout=30)


async def load_until(url: str, calls: int) -> int:
    """`CLIENTS` sessions calling a read in a loop until `calls` have been answered (or
    the server dies under them); how many were answered."""
    answered = 0

    async def one() -> None:
        nonlocal answered
        async with Client(url) as client:
            while answered < calls:
                result = await client.call_tool(TOOL, {})
                assert not result.is_error, result.content
                answered += 1

    async with anyio.create_task_group() as group:
        for _ in range(CLIENTS):
            group.start_soon(one)
    return answered


def verify(env: dict[str, str]) -> str:
    done = subprocess.run(
        [HARVESTKIT, "audit", "verify"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.mark.anyio
async def test_kill_9_under_load_leaves_a_trail_that_verifies(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'harvestkit.sqlite3'}"
    env = {**os.environ, "HARVESTKIT_DATABASE_URL": database}
    with server(env) as (process, url):
        answered = await load_until(url, 120)

        async def kill_while_loaded() -> None:
            await anyio.sleep(0.3)
            process.send_signal(signal.SIGKILL)

        with pytest.raises(BaseExceptionGroup):  # the clients lose their server mid-call
            async with anyio.create_task_group() as group:
                group.start_soon(kill_while_loaded)
                group.start_soon(load_until, url, 10**9)
        assert process.wait(timeout=10) == -signal.SIGKILL

    assert "Audit trail intact" in verify(env)
    store = Store(database)
    kept = len(AuditLog(store).records())
    # Calls answered before the load that was cut: all written, bar at most one queue.
    assert kept >= answered - QUEUE_LIMIT and kept >= 1

    with server(env) as (_, url):
        async with Client(url) as client:
            assert not (await client.call_tool(TOOL, {})).is_error
    verified = verify(env)
    assert f"{kept + 1} records" in verified, verified
    [last] = AuditLog(store).records(newest_first=True, limit=1)
    assert (last.seq, last.tool, last.outcome) == (kept + 1, TOOL, "ok")
    store.close()
