"""Scale-out: three ``harvestkit serve --transport http`` processes for one Harvest account,
sharing the Redis limiter.

One ``harvestkit sandbox`` at ``--rate-limit-scale 0.1`` (100 requests per 1.5 s) stands for
the Harvest account. One harvestkit user has one credential for it
(``harvestkit auth login``) and one API key (``harvestkit keys create``), kept in a fresh
PostgreSQL database that the three servers share (vault, keys, policy, audit trail);
``HARVESTKIT_REDIS_URL`` points all three at one Redis, so they draw on one rate budget.
Each server gets the same number of MCP client sessions, which call ``harvest_users_me``
(one Harvest request a call) in a loop for a fixed time, more than the ceiling allows.

Figures come from the sandbox, which enforces the same sliding window as Harvest: the
requests it let through (``/_sandbox/stats``, sampled every 50 ms) and the 429s it answered.
Zero 429s means the combined rate never went above the ceiling in any window; the sampled
counts give the most requests seen in any window as well. The combined rate is taken after
the first window (whose 100 requests go at once) to the end of the load, as a fraction of
the ceiling (goal at least 0.9). Calls per server show the budget is shared, not taken by
one.

Needs PostgreSQL at ``HARVESTKIT_BENCH_POSTGRES`` (default
``postgresql://postgres@127.0.0.1:5432/postgres``; a database is created for the run and
dropped after) and Redis at ``HARVESTKIT_BENCH_REDIS`` (default
``redis://127.0.0.1:6379/0``); without them the benchmark fails with the reason.

Bounds: start-up (sandbox, three servers) about 10 s, then 30 s of load and a few seconds
to stop: under a minute.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import os
import statistics
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import psycopg
import redis
from psycopg import sql

from ._sandbox import ACCOUNT_ID, command, free_port, sandbox
from ._serve import Server, percentile, session

SCALE = 0.1
SERVERS = 3
SESSIONS_EACH = 8
LOAD_SECONDS = 30.0
SAMPLE_SECONDS = 0.05
TARGET_FRACTION = 0.9
TOOL = "harvest_users_me"
USER, ENV = "bench", "bench"
WINDOW_REQUESTS, WINDOW_SECONDS = 100, 15.0 * SCALE
POSTGRES = os.environ.get(
    "HARVESTKIT_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres"
)
REDIS = os.environ.get("HARVESTKIT_BENCH_REDIS", "redis://127.0.0.1:6379/0")


@contextlib.contextmanager
def _database() -> Iterator[str]:
    """A fresh PostgreSQL database for the run; its SQLAlchemy URL."""
    name = f"harvestkit_bench_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(POSTGRES, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        raise RuntimeError(f"needs PostgreSQL at {POSTGRES}: {exc}") from exc
    with admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            base = POSTGRES.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
            yield f"{base}/{name}"
        finally:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def _check_redis() -> None:
    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=5).ping()
    except redis.RedisError as exc:
        raise RuntimeError(f"needs Redis at {REDIS}: {exc}") from exc


def _harvestkit(env: dict[str, str], *args: str) -> str:
    """Run a harvestkit command; its output (the commands print to stderr, on a console)."""
    done = subprocess.run(
        [*command(), *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"harvestkit {' '.join(args)} failed: {done.stderr[-800:]}")
    return done.stdout + done.stderr


class _Sampler:
    """`/_sandbox/stats` every `SAMPLE_SECONDS`, in a thread: (time, admitted, throttled)."""

    def __init__(self, url: str, token: str) -> None:
        self._http = httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"})
        self.samples: list[tuple[float, int, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def read(self) -> tuple[float, int, int]:
        stats = self._http.get("/_sandbox/stats").raise_for_status().json()
        return time.monotonic(), int(stats["admitted"]), int(stats["throttled"])

    def _run(self) -> None:
        while not self._stop.is_set():
            self.samples.append(self.read())
            self._stop.wait(SAMPLE_SECONDS)

    def __enter__(self) -> _Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.samples.append(self.read())
        self._http.close()


def _most_in_any_window(samples: list[tuple[float, int, int]]) -> int:
    """The most requests let through within any window, from the sampled counts (each pair
    of samples at most a window apart; the true figure lies within one sample of it)."""
    most, start = 0, 0
    for end in range(len(samples)):
        while samples[end][0] - samples[start][0] > WINDOW_SECONDS:
            start += 1
        most = max(most, samples[end][1] - samples[start][1])
    return most


async def _load(endpoints: list[tuple[str, str | None]]) -> dict[str, Any]:
    """`SESSIONS_EACH` sessions on every server call `TOOL` until the deadline."""
    latencies: list[float] = []
    errors: list[str] = []
    calls = [0] * len(endpoints)
    ready = 0
    start = asyncio.Event()
    deadline = 0.0

    async def one_session(server: int) -> None:
        nonlocal ready
        url, key = endpoints[server]
        async with session(url, key) as client:
            await client.list_tools()
            ready += 1
            await start.wait()
            while time.monotonic() < deadline:
                began = time.monotonic()
                result = await client.call_tool(TOOL, {})
                if result.is_error:
                    errors.append(str(result.content)[:200])
                    continue
                calls[server] += 1
                latencies.append((time.monotonic() - began) * 1000)

    tasks = [
        asyncio.create_task(one_session(server))
        for server in range(len(endpoints))
        for _ in range(SESSIONS_EACH)
    ]
    while ready < len(tasks) and not any(t.done() for t in tasks):
        await asyncio.sleep(0.05)
    for task in tasks:
        if task.done():
            task.result()  # a session that could not connect stops the benchmark
    deadline = time.monotonic() + LOAD_SECONDS
    start.set()
    await asyncio.gather(*tasks)
    return {
        "deadline": deadline,
        "calls_per_server": calls,
        "errors": len(errors),
        "first_error": errors[0] if errors else None,
        "call_p50_ms": round(statistics.median(latencies), 1),
        "call_p99_ms": round(percentile(latencies, 0.99), 1),
    }


def _figures(samples: list[tuple[float, int, int]], load: dict[str, Any]) -> dict[str, Any]:
    ceiling = WINDOW_REQUESTS / WINDOW_SECONDS
    deadline = load.pop("deadline")
    began = next(t for t, admitted, _ in samples if admitted > samples[0][1])
    # From the end of the first window to the end of the load (calls still queued at the
    # deadline finish after it, at a trickle).
    steady = [s for s in samples if began + WINDOW_SECONDS <= s[0] <= deadline]
    rate = (steady[-1][1] - steady[0][1]) / (steady[-1][0] - steady[0][0])
    return {
        "servers": SERVERS,
        "sessions_per_server": SESSIONS_EACH,
        "rate_limit_scale": SCALE,
        "load_seconds": LOAD_SECONDS,
        "ceiling_requests_per_second": round(ceiling, 2),
        "combined_requests_per_second": round(rate, 2),
        "fraction_of_ceiling": round(rate / ceiling, 3),
        "target_fraction": TARGET_FRACTION,
        "sandbox_requests": samples[-1][1] - samples[0][1],
        "sandbox_429s": samples[-1][2] - samples[0][2],
        "most_in_any_window_sampled": _most_in_any_window(samples),
        "window_limit": WINDOW_REQUESTS,
        **load,
        "load_average_1min": round(os.getloadavg()[0], 2),
    }


def run() -> dict[str, Any]:
    """Three servers, one credential, one Redis budget (see the module docstring)."""
    _check_redis()
    token = f"bench-{uuid.uuid4().hex}"  # a fresh count in Redis for this run
    with (
        _database() as database,
        tempfile.TemporaryDirectory() as home,
        sandbox(rate_limit_scale=SCALE, seed="empty", token=token) as url,
    ):
        env = {
            **os.environ,
            "HOME": home,
            "XDG_CONFIG_HOME": str(Path(home) / "config"),
            "XDG_DATA_HOME": str(Path(home) / "data"),
            "HARVESTKIT_DATABASE_URL": database,
            "HARVESTKIT_REDIS_URL": REDIS,
            "HARVESTKIT_SECRET_KEY": base64.b64encode(os.urandom(32)).decode(),
            "HARVEST_BASE_URL": f"{url}/v2",
            "HARVEST_IDENTITY_URL": url,
        }
        who = ["--user", USER, "--env", ENV]
        login = {**env, "HARVEST_ACCESS_TOKEN": token}  # never on a command line
        _harvestkit(login, "auth", "login", "--account-id", str(ACCOUNT_ID), *who)
        key = _harvestkit(env, "keys", "create", *who).split()[-1]
        args = ["--transport", "http", "--rate-limit-scale", str(SCALE), "--tools", TOOL]
        servers = [Server([*args, "--port", str(free_port())], env) for _ in range(SERVERS)]
        try:
            endpoints = [(server.wait_ready()[0], key) for server in servers]
            with _Sampler(url, token) as sampler:
                load = asyncio.run(_load(endpoints))
        finally:
            for server in servers:
                server.stop()
    return _figures(sampler.samples, load)


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}: {value}")
