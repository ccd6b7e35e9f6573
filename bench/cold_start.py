"""How long an MCP host waits for harvestkit: from spawning `harvestkit serve --sandbox`
over stdio to the answer of its first `tools/list`.

Each run starts a new process (no warm interpreter), as a host does when a person opens
it: the clock starts before the spawn and stops when the `tools/list` result is in, so it
covers the interpreter's start, every import, building the catalog and the server, the
embedded demo sandbox, `initialize` and the list. The client is the `mcp` SDK's stdio
client (imported before the clock starts). Its own store is a SQLite file in a temporary
folder.

The figure checks itself: a run whose list is empty, or lacks `log_time` (a default tool),
fails instead of being timed.

Bounds: 5 runs of 1 to 3 s each.
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

RUNS = 5
TARGET_S = 1.0
COMMAND = Path(sys.executable).with_name("harvestkit")


async def _to_tools_list(env: dict[str, str]) -> float:
    params = StdioServerParameters(command=str(COMMAND), args=["serve", "--sandbox"], env=env)
    started = time.perf_counter()
    async with Client(params) as client:
        tools = (await client.list_tools()).tools
        elapsed = time.perf_counter() - started
    names = {tool.name for tool in tools}
    if "log_time" not in names:
        raise RuntimeError(f"tools/list answered without log_time: {sorted(names)[:5]}")
    return elapsed


def run() -> dict[str, Any]:
    """Five cold starts to `tools/list`."""
    times: list[float] = []
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "HARVESTKIT_DATABASE_URL": f"sqlite:///{home}/harvestkit.sqlite3"}
        # The very first start also creates the store and seeds the day's demo template.
        first = asyncio.run(_to_tools_list(env))
        for _ in range(RUNS):
            times.append(asyncio.run(_to_tools_list(env)))
    return {
        "runs": RUNS,
        "first_start_ever_s (creates the store, seeds the demo)": round(first, 3),
        "cold_start_to_tools_list_median_s": round(statistics.median(times), 3),
        "cold_start_to_tools_list_max_s": round(max(times), 3),
        "cold_start_to_tools_list_all_s": [round(t, 3) for t in times],
        "target_median_s": TARGET_S,
        "passed": statistics.median(times) <= TARGET_S,
        "load_average_1min": round(os.getloadavg()[0], 2),
    }


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}: {value}")
