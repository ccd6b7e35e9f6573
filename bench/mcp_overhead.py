"""What the MCP server costs: the size of its tool list, and the time it adds to a call.

Tool-list size is the JSON of a `tools/list` result, for the default tool set and for the
whole catalog; tokens are estimated as bytes / 4 (an estimate, not a tokenizer count). The
"model-facing" figures count only what hosts put in a model's context (name, description,
input schema); output schemas are for clients that validate results.

Per-call overhead: the same Harvest operation (GET /v2/projects/{id}) timed two ways,
alternating, against one in-process demo sandbox: a plain HTTP request through an ASGI
transport, and a `harvest_projects_get` call from the SDK's in-memory MCP client
(2026-07-28) through a governed server, as every real server is: the policy decision
(grants from a SQLite store), the Harvest requests recorded, the audit record (appended by
the audit writer), the catalog's validation and the SDK. The figure checks itself: every
timed call must have left an `ok` audit record, and the trail must verify. Both paths skip
the network, so the ratio says how much heavier the harvestkit path is than the cheapest
possible request; the difference of the medians is the absolute cost a real Harvest round
trip (100 ms or more) would absorb.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import tempfile
from collections.abc import Callable
from typing import Any

import httpx
from mcp import Client

from harvestkit.api import AsyncHarvest, RateLimits
from harvestkit.governance import AsyncRequestRecorder, AuditLog, Policy
from harvestkit.mcp import Acting, Governance, create_server
from harvestkit.sandbox import SandboxConfig, create_app
from harvestkit.store import Store
from harvestkit.tools import Tool, catalog, select

from .mcp_http import CALLS, WARMUP, timed_alternately

TOKEN = "bench-token"
ACCOUNT_ID = 424242
USER_AGENT = "harvestkit-bench (https://github.com/harvestkit/harvestkit)"
ORIGIN = "http://sandbox.test"
# Both rate-limit windows shrunk to microseconds: this measures framing, not waiting.
SCALE = 1e-6
TOOL = "harvest_projects_get"


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _size(payload: Any) -> int:
    return len(json.dumps(payload, separators=(",", ":")).encode())


async def _list_sizes(
    name: str, tools: tuple[Tool, ...], factory: Callable[[], AsyncHarvest]
) -> dict[str, int]:
    async with Client(create_server(tools, factory)) as client:
        listed = await client.list_tools()
    payload = listed.model_dump(mode="json", by_alias=True, exclude_none=True)
    facing = [
        {key: tool[key] for key in ("name", "description", "inputSchema")}
        for tool in payload["tools"]
    ]
    full, model_facing = _size(payload), _size(facing)
    return {
        f"{name}_tools": len(tools),
        f"{name}_tools_list_bytes": full,
        f"{name}_tools_list_tokens_estimate (bytes/4)": full // 4,
        f"{name}_model_facing_bytes": model_facing,
        f"{name}_model_facing_tokens_estimate (bytes/4)": model_facing // 4,
    }


async def _measure() -> dict[str, Any]:
    app = create_app(
        SandboxConfig(
            db=":memory:", seed="demo", token=TOKEN, account_id=ACCOUNT_ID, rate_limit_scale=SCALE
        )
    )

    def factory(transport: httpx.AsyncBaseTransport | None = None) -> AsyncHarvest:
        return AsyncHarvest(
            TOKEN,
            ACCOUNT_ID,
            base_url=f"{ORIGIN}/v2",
            identity_url=ORIGIN,
            transport=transport or httpx.ASGITransport(app=app),
            rate_limits=RateLimits().scaled(SCALE),
        )

    everything = catalog()
    default = select(everything)
    figures: dict[str, Any] = {
        **await _list_sizes("default", default, factory),
        **await _list_sizes("catalog", everything, factory),
    }

    headers = {"Authorization": f"Bearer {TOKEN}", "Harvest-Account-Id": str(ACCOUNT_ID)}
    tool = next(t for t in everything if t.name == TOOL)
    home = tempfile.TemporaryDirectory()
    store = Store(f"sqlite:///{home.name}/harvestkit.sqlite3")
    audit = AuditLog(store)

    def clients(user: str, env: str) -> Acting:
        recorded = AsyncRequestRecorder(httpx.ASGITransport(app=app))
        return Acting(factory(recorded), ACCOUNT_ID)

    governance = Governance(Policy(store), audit, clients, user="bench", env="bench")
    async with (
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url=ORIGIN,
            headers={**headers, "User-Agent": USER_AGENT},
        ) as http,
        Client(create_server((tool,), None, governance=governance)) as client,
    ):
        first = (await http.get("/v2/projects", params={"per_page": 1})).json()["projects"][0]
        project_id = first["id"]

        async def direct() -> None:
            response = await http.get(f"/v2/projects/{project_id}")
            response.raise_for_status()

        async def through_mcp() -> None:
            result = await client.call_tool(TOOL, {"project_id": project_id})
            if result.is_error:
                raise RuntimeError(f"{TOOL} failed: {result.content}")

        direct_ms, mcp_ms = await timed_alternately(direct, through_mcp)
    app.state.sandbox.close()
    audited = audit.records(tool=TOOL, outcome="ok")
    if len(audited) != WARMUP + CALLS or not audit.verify().ok:
        raise RuntimeError(f"{len(audited)} audited calls of {WARMUP + CALLS}: not governed")
    store.close()
    home.cleanup()

    direct_p50, mcp_p50 = statistics.median(direct_ms), statistics.median(mcp_ms)
    figures.update(
        {
            "calls_each": CALLS,
            "direct_http_p50_ms": round(direct_p50, 3),
            "direct_http_p99_ms": round(_percentile(direct_ms, 0.99), 3),
            "mcp_tool_call_p50_ms": round(mcp_p50, 3),
            "mcp_tool_call_p99_ms": round(_percentile(mcp_ms, 0.99), 3),
            "mcp_over_direct_p50_ratio": round(mcp_p50 / direct_p50, 2),
            "mcp_over_direct_p99_ratio": round(
                _percentile(mcp_ms, 0.99) / _percentile(direct_ms, 0.99), 2
            ),
            "mcp_added_p50_ms": round(mcp_p50 - direct_p50, 3),
            "server": "governed: policy from a SQLite store, audit trail, recorded requests",
            "audited_calls": WARMUP + CALLS,
            "load_average_1min": round(os.getloadavg()[0], 2),
        }
    )
    return figures


def run() -> dict[str, Any]:
    """The figures of one run (see the module docstring)."""
    return asyncio.run(_measure())


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
