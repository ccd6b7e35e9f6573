"""The MCP server over stdio: what the layer adds to a call, as a desktop host sees it.

The server is ``harvestkit serve`` (stdio) in a subprocess, governed as a person runs it:
it acts for one user in one environment with that user's credential from the encrypted
vault, decides each call by the policy and audits it; its Harvest is a ``harvestkit
sandbox`` subprocess (the demo company) with the sandbox's smallest rate-limit windows.
The client is the ``mcp`` SDK's stdio client.

Timed in alternating rounds, as in `mcp_http`: a plain ``GET /v2/projects/{id}`` to the
sandbox; the same GET through ``bench._bare_server`` over stdio (the SDK's own floor: a
bare `MCPServer`, nothing of harvestkit); and ``harvest_projects_get`` through harvestkit.
The figure checks itself: every timed harvestkit call must have left an ``ok`` audit
record, and the trail must verify. Targets: p50 at most 1.5 times a direct GET, p99 at
most 3.

Bounds: the sandbox and two servers start in about 5 s; 30 + 400 rounds of three calls.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

from mcp import Client, StdioServerParameters

from ._bare_server import command as bare_command
from ._sandbox import command, sandbox
from .mcp_http import (
    BENCH_ENV,
    BENCH_USER,
    CALLS,
    REPO,
    SANDBOX_SCALE,
    TOOL,
    WARMUP,
    _audited,
    _first_project,
    compared,
    direct_client,
    mcp_server,
)


def _stdio(args: list[str], env: dict[str, str]) -> Client:
    return Client(StdioServerParameters(command=args[0], args=args[1:], env=env, cwd=str(REPO)))


async def _overhead(sandbox_url: str, env: dict[str, str], project_id: int) -> dict[str, Any]:
    serve = [*command(), "serve", "--user", BENCH_USER, "--env", BENCH_ENV,
             "--rate-limit-scale", str(SANDBOX_SCALE), "--toolsets", "default",
             "--tools", TOOL]  # fmt: skip
    async with (
        direct_client(sandbox_url) as http,
        _stdio(serve, env) as client,
        _stdio(bare_command(sandbox_url, "stdio"), env) as bare,
    ):
        return await compared("stdio", http, client, bare, project_id)


def run() -> dict[str, Any]:
    """Layer overhead over stdio (see the module docstring)."""
    with (
        sandbox(rate_limit_scale=SANDBOX_SCALE, seed="demo") as sandbox_url,
        mcp_server(sandbox_url) as (_server, _key, env),
    ):
        # The HTTP server of `mcp_server` is not used: its store, vault credential and
        # environment are, by the stdio server this benchmark starts.
        project_id = asyncio.run(_first_project(sandbox_url))
        figures = asyncio.run(_overhead(sandbox_url, env, project_id))
        audited, verified = _audited(env)
    if audited < WARMUP + CALLS or not verified:
        raise RuntimeError(f"{audited} audited calls of {WARMUP + CALLS}: not governed")
    figures.update(
        {
            "audited_calls_checked": audited,
            "server": "governed: policy, vault credential, audit trail (stdio, one user)",
            "load_average_1min": round(os.getloadavg()[0], 2),
        }
    )
    return figures


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}: {value}")
