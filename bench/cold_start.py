"""How long an MCP host waits for harvestkit: from spawning `harvestkit serve --sandbox`
over stdio to the answer of its first `tools/list`.

Each run starts a new process (no warm interpreter), as a host does when a person opens
it: the clock starts before the spawn and stops when the `tools/list` result is in, so it
covers the interpreter's start, every import, building the catalog and the server, the
embedded demo sandbox, `initialize` and the list. The client is the `mcp` SDK's stdio
client (imported before the clock starts). Its own store is a SQLite file in a temporary
folder.

The servers may write Python's bytecode cache (``PYTHONDONTWRITEBYTECODE`` is removed from
their environment), as an installed package does: the first start compiles, the timed
ones read it.

The figure checks itself: a run whose list is empty, or lacks `log_time` (a default tool),
fails instead of being timed.

For scale, the same is timed for the MCP SDK alone, in alternating runs:
``bench._bare_server`` over stdio, a bare `MCPServer` with one tool (its interpreter start,
the SDK's imports, `initialize` and the list; nothing of harvestkit).

Bounds: 5 runs of 1 to 3 s each, and 5 of the bare server (under a second each).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from mcp import Client, StdioServerParameters

from ._bare_server import TOOL as BARE_TOOL
from ._bare_server import command as bare_command

RUNS = 5
TARGET_S = 1.0
COMMAND = Path(sys.executable).with_name("harvestkit")
REPO = Path(__file__).resolve().parent.parent


async def _to_tools_list(env: dict[str, str], bare: bool = False) -> float:
    if bare:
        command, *args = bare_command("http://127.0.0.1:9", "stdio")  # never called
        params = StdioServerParameters(command=command, args=args, env=env, cwd=str(REPO))
        expected = BARE_TOOL
    else:
        params = StdioServerParameters(command=str(COMMAND), args=["serve", "--sandbox"], env=env)
        expected = "log_time"
    started = time.perf_counter()
    async with Client(params) as client:
        tools = (await client.list_tools()).tools
        elapsed = time.perf_counter() - started
    names = {tool.name for tool in tools}
    if expected not in names:
        raise RuntimeError(f"tools/list answered without {expected}: {sorted(names)[:5]}")
    return elapsed


def run() -> dict[str, Any]:
    """Five cold starts to `tools/list`."""
    times: list[float] = []
    bare_times: list[float] = []
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "HARVESTKIT_DATABASE_URL": f"sqlite:///{home}/harvestkit.sqlite3"}
        # As installed: Python keeps the bytecode it compiles (pip compiles a wheel's at
        # install), unless a development shell said otherwise.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        # The very first start also creates the store and seeds the day's demo template.
        first = asyncio.run(_to_tools_list(env))
        asyncio.run(_to_tools_list(env, bare=True))  # its first start, for the bytecode cache
        for _ in range(RUNS):
            times.append(asyncio.run(_to_tools_list(env)))
            bare_times.append(asyncio.run(_to_tools_list(env, bare=True)))
    return {
        "runs": RUNS,
        "first_start_ever_s (creates the store, seeds the demo)": round(first, 3),
        "cold_start_to_tools_list_median_s": round(statistics.median(times), 3),
        "cold_start_to_tools_list_max_s": round(max(times), 3),
        "cold_start_to_tools_list_all_s": [round(t, 3) for t in times],
        "bare_sdk_cold_start_median_s": round(statistics.median(bare_times), 3),
        "target_median_s": TARGET_S,
        "passed": statistics.median(times) <= TARGET_S,
        "load_average_1min": round(os.getloadavg()[0], 2),
    }


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}: {value}")
