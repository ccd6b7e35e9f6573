"""The MCP server over streamable HTTP: what the layer adds to a call, and how it holds up
under 100 concurrent clients.

The server is the one people deploy: ``harvestkit serve --transport http`` in a
subprocess, governed, against a ``harvestkit sandbox`` subprocess (the demo company) as
its Harvest: every client sends a harvestkit API key, every call is decided by the policy,
runs with the key's user's credential from the encrypted vault, and is audited. Its store
(vault, keys, audit trail) is a SQLite file in a temporary folder. Rate-limit windows are
scaled to the sandbox's smallest (100 requests per 15 ms), because at Harvest's real 100
per 15 s every figure here would measure the rate limiter, not the server.

(a) Layer overhead over HTTP: ``harvest_projects_get`` through the MCP server (client:
the ``mcp`` SDK's streamable HTTP client) against a plain ``GET /v2/projects/{id}`` to
the same sandbox. The calls alternate, so a slow spell of the machine hits both. The MCP
call costs its own HTTP hop plus the server's hop to the sandbox; the difference of the
medians is what the harvestkit layer (MCP framing both sides, policy, audit, validation,
the SDK, the result models) adds. The figure checks itself: each timed call must have
left an ``ok`` audit record, and ``harvestkit audit verify`` must pass.

A third path, timed in the same rounds, is the floor the MCP SDK itself sets:
``bench._bare_server``, a bare `MCPServer` whose one tool makes the same GET and returns
its JSON (no policy, audit, validation or harvestkit SDK), called by the same client.
``bare_sdk_over_direct`` is the SDK's share of the ratio; ``harvestkit_over_bare_sdk``
what harvestkit adds on top. Targets: p50 at most 1.5 times a direct GET, p99 at most 3.

(b) Load: 100 MCP client sessions in this process, each calling ``harvest_projects_get``
in a loop for a fixed time. Throughput is the calls completed in that time; latency is
per call. The server's peak memory is ``VmHWM`` (peak resident set) of its process from
``/proc/<pid>/status``, read at start and after the load; CPU seconds of the server and
of this (client) process over the load are reported so a client-bound run can be seen
(everything shares the machine's cores).

Bounds: server and sandbox start together (about 5 s), (a) is 30 + 400 calls of each
kind (about 30 s at 60 ms a call), (b) connects 100 sessions and then runs for 20 s:
about a minute in all, a minute and a half on a busy machine.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import os
import resource
import socket
import statistics
import subprocess
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx2
from mcp import Client

from ._bare_server import command as bare_command
from ._sandbox import ACCOUNT_ID, TOKEN, USER_AGENT, free_port, sandbox
from ._serve import Server, percentile, session

REPO = Path(__file__).resolve().parent.parent
SANDBOX_SCALE = 0.001  # the smallest `harvestkit sandbox` accepts: 100 requests per 15 ms
TOOL = "harvest_projects_get"
WARMUP = 30
CALLS = 400
CLIENTS = 100
TARGET_P50 = 1.5
TARGET_P99 = 3.0
LOAD_SECONDS = 20.0
TIMEOUT = 60.0


BENCH_USER, BENCH_ENV = "bench", "bench"


@contextlib.contextmanager
def mcp_server(
    sandbox_url: str, tools: tuple[str, ...] = (TOOL,)
) -> Iterator[tuple[Server, str, dict[str, str]]]:
    """The governed server offering `tools`, its API key, and the environment its commands
    need."""
    with tempfile.TemporaryDirectory() as home:
        # Its own store (vault, keys, audit trail) in a temporary folder, never the machine's.
        env = {
            **os.environ,
            "HARVESTKIT_DATABASE_URL": f"sqlite:///{Path(home) / 'harvestkit.sqlite3'}",
            "HARVESTKIT_SECRET_KEY": base64.b64encode(os.urandom(32)).decode(),
            "HARVESTKIT_POLICY_FILE": str(Path(home) / "policy.toml"),
            "HARVEST_BASE_URL": f"{sandbox_url}/v2",
        }
        key = _credential_and_key(env)
        args = ["--transport", "http", "--port", str(free_port()),
                "--rate-limit-scale", str(SANDBOX_SCALE),
                "--toolsets", "default", "--tools", ",".join(tools)]  # fmt: skip
        server = Server(args, env)
        try:
            yield server, key, env
        finally:
            server.stop()


@contextlib.contextmanager
def bare_http_server(sandbox_url: str) -> Iterator[str]:
    """`bench._bare_server` over streamable HTTP on a free port; yields its MCP URL."""
    port = free_port()
    process = subprocess.Popen(
        bare_command(sandbox_url, "http", port), cwd=REPO, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError("the bare SDK server exited")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("the bare SDK server did not start") from None
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/mcp"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _credential_and_key(env: dict[str, str]) -> str:
    """The sandbox's token saved in the vault for the bench user, and an API key for it."""
    from harvestkit.auth import Secret, TokenSet, open_vault
    from harvestkit.governance import ApiKeyStore
    from harvestkit.store import Store

    saved = {k: os.environ.get(k) for k in ("HARVESTKIT_SECRET_KEY",)}
    os.environ["HARVESTKIT_SECRET_KEY"] = env["HARVESTKIT_SECRET_KEY"]
    try:
        store = Store(env["HARVESTKIT_DATABASE_URL"])
        open_vault(store).save(
            BENCH_USER, BENCH_ENV, "pat", TokenSet(Secret(TOKEN)),
            account_ids=[ACCOUNT_ID], default_account_id=ACCOUNT_ID,
        )  # fmt: skip
        key, _ = ApiKeyStore(store).create(BENCH_USER, BENCH_ENV, "bench")
        store.close()
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return key.reveal()


def _audited(env: dict[str, str]) -> tuple[int, bool]:
    """How many `ok` records of the tool the trail holds, and whether it verifies."""
    from harvestkit.governance import AuditLog
    from harvestkit.store import Store

    store = Store(env["HARVESTKIT_DATABASE_URL"])
    log = AuditLog(store)
    count = len(log.records(tool=TOOL, outcome="ok"))
    ok = log.verify().ok
    store.close()
    return count, ok


def _ms(value: float) -> float:
    return round(value, 3)


async def _call(client: Client, project_id: int) -> None:
    result = await client.call_tool(TOOL, {"project_id": project_id})
    if result.is_error:
        raise RuntimeError(f"{TOOL} failed: {result.content}")


async def _overhead(
    url: str, key: str | None, sandbox_url: str, project_id: int, bare_url: str
) -> dict[str, Any]:
    async with (
        direct_client(sandbox_url) as http,
        session(url, key) as client,
        session(bare_url, None) as bare,
    ):
        return await compared("http", http, client, bare, project_id)


def direct_client(sandbox_url: str) -> httpx2.AsyncClient:
    """A plain HTTP client for the sandbox: the direct GET every ratio is taken against."""
    headers = {
        "Authorization": f"Bearer {TOKEN}",
        "Harvest-Account-Id": str(ACCOUNT_ID),
        "User-Agent": USER_AGENT,
    }
    return httpx2.AsyncClient(base_url=sandbox_url, headers=headers, timeout=TIMEOUT)


async def compared(
    transport: str, http: httpx2.AsyncClient, client: Client, bare: Client, project_id: int
) -> dict[str, Any]:
    """The same project read three ways, alternately: directly, through the bare SDK server
    and through harvestkit; the figures of `transport`."""

    async def direct() -> None:
        (await http.get(f"/v2/projects/{project_id}")).raise_for_status()

    async def through_mcp() -> None:
        await _call(client, project_id)

    async def through_bare_sdk() -> None:
        await _call(bare, project_id)

    samples = await timed_alternately(direct, through_bare_sdk, through_mcp)
    return overhead_figures(transport, *samples)


async def timed_alternately(*calls: Callable[[], Awaitable[None]]) -> list[list[float]]:
    """Milliseconds per call of each function, `WARMUP` then `CALLS` rounds; the calls
    alternate, so a slow spell of the machine hits every path alike."""
    for _ in range(WARMUP):
        for call in calls:
            await call()
    samples: list[list[float]] = [[] for _ in calls]
    for _ in range(CALLS):
        for call, times in zip(calls, samples, strict=True):
            started = time.perf_counter()
            await call()
            times.append((time.perf_counter() - started) * 1000)
    return samples


def overhead_figures(
    transport: str, direct_ms: list[float], bare_ms: list[float], mcp_ms: list[float]
) -> dict[str, Any]:
    """The figures of one overhead run, and whether they meet the targets."""
    direct_p50, bare_p50, mcp_p50 = (statistics.median(x) for x in (direct_ms, bare_ms, mcp_ms))
    direct_p99, bare_p99, mcp_p99 = (percentile(x, 0.99) for x in (direct_ms, bare_ms, mcp_ms))
    p50_ratio, p99_ratio = mcp_p50 / direct_p50, mcp_p99 / direct_p99
    t = transport
    return {
        "calls_each": CALLS,
        "direct_http_p50_ms": _ms(direct_p50),
        "direct_http_p99_ms": _ms(direct_p99),
        f"mcp_{t}_tool_call_p50_ms": _ms(mcp_p50),
        f"mcp_{t}_tool_call_p99_ms": _ms(mcp_p99),
        "mcp_over_direct_p50_ratio": round(p50_ratio, 2),
        "mcp_over_direct_p99_ratio": round(p99_ratio, 2),
        "mcp_added_p50_ms": _ms(mcp_p50 - direct_p50),
        f"bare_sdk_{t}_tool_call_p50_ms": _ms(bare_p50),
        "bare_sdk_over_direct_p50_ratio": round(bare_p50 / direct_p50, 2),
        "bare_sdk_over_direct_p99_ratio": round(bare_p99 / direct_p99, 2),
        "harvestkit_over_bare_sdk_p50_ratio": round(mcp_p50 / bare_p50, 2),
        "target": f"p50 <= {TARGET_P50}x, p99 <= {TARGET_P99}x a direct GET",
        "passed": p50_ratio <= TARGET_P50 and p99_ratio <= TARGET_P99,
    }


async def _load(url: str, key: str | None, server: Server, project_id: int) -> dict[str, Any]:
    latencies: list[float] = []
    errors: list[str] = []
    start = asyncio.Event()
    connected = 0
    deadline = 0.0

    async def one_client() -> None:
        nonlocal connected
        async with session(url, key) as client:
            await _call(client, project_id)  # connected and answered once
            connected += 1
            await start.wait()
            while time.perf_counter() < deadline:
                began = time.perf_counter()
                try:
                    await _call(client, project_id)
                except Exception as exc:  # counted, not hidden: the run goes on
                    errors.append(type(exc).__name__)
                    continue
                if time.perf_counter() <= deadline:
                    latencies.append((time.perf_counter() - began) * 1000)

    tasks = [asyncio.create_task(one_client()) for _ in range(CLIENTS)]
    while connected < CLIENTS and not any(t.done() for t in tasks):
        await asyncio.sleep(0.05)
    for task in tasks:
        if task.done():
            task.result()  # a client that could not connect stops the benchmark
    server_cpu, client_cpu = server.cpu_seconds(), _own_cpu()
    began = time.perf_counter()
    deadline = began + LOAD_SECONDS
    start.set()
    await asyncio.gather(*tasks)
    server_cpu, client_cpu = server.cpu_seconds() - server_cpu, _own_cpu() - client_cpu
    return {
        "load_clients": CLIENTS,
        "load_seconds": LOAD_SECONDS,
        "load_calls": len(latencies),
        "load_errors": len(errors),
        "load_calls_per_second": round(len(latencies) / LOAD_SECONDS, 1),
        "load_p50_ms": round(statistics.median(latencies), 1),
        "load_p99_ms": round(percentile(latencies, 0.99), 1),
        "load_server_cpu_seconds": round(server_cpu, 1),
        "load_client_cpu_seconds": round(client_cpu, 1),
    }


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def _first_project(sandbox_url: str) -> int:
    headers = {"Authorization": f"Bearer {TOKEN}", "Harvest-Account-Id": str(ACCOUNT_ID),
               "User-Agent": USER_AGENT}  # fmt: skip
    async with httpx2.AsyncClient(base_url=sandbox_url, headers=headers) as http:
        response = await http.get("/v2/projects", params={"per_page": 1})
        response.raise_for_status()
        project_id: int = response.json()["projects"][0]["id"]
        return project_id


def run() -> dict[str, Any]:
    """Layer overhead over HTTP and 100 concurrent clients (see the module docstring)."""
    with (
        sandbox(rate_limit_scale=SANDBOX_SCALE, seed="demo") as sandbox_url,
        mcp_server(sandbox_url) as (server, key, env),
    ):
        url, _ = server.wait_ready()
        idle_kb = server.status("VmHWM")
        project_id = asyncio.run(_first_project(sandbox_url))
        with bare_http_server(sandbox_url) as bare_url:
            figures = asyncio.run(_overhead(url, key, sandbox_url, project_id, bare_url))
        audited, verified = _audited(env)
        if audited < WARMUP + CALLS or not verified:
            raise RuntimeError(f"{audited} audited calls of {WARMUP + CALLS}: not governed")
        figures["audited_calls_checked"] = audited
        figures.update(asyncio.run(_load(url, key, server, project_id)))
        figures.update(
            {
                "server_peak_rss_mb_at_start": round(idle_kb / 1024, 1),
                "server_peak_rss_mb": round(server.status("VmHWM") / 1024, 1),
                "server_memory_source": "VmHWM of the server subprocess (/proc/<pid>/status)",
                "server": "governed: API key, policy, vault credential, audit trail",
                "load_average_1min": round(os.getloadavg()[0], 2),
            }
        )
    return figures


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}: {value}")
