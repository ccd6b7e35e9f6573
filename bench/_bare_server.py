"""The floor the MCP SDK itself sets: a bare `MCPServer` whose one tool makes the same GET
to the sandbox and returns its JSON, with nothing of harvestkit (no policy, audit, models or
SDK). The overhead benchmarks time it beside harvestkit, so a ratio can be read as the
SDK's share and harvestkit's own.

Run as ``python -m bench._bare_server SANDBOX_URL stdio`` or ``... http PORT``.
"""

from __future__ import annotations

import sys
from typing import Any

import httpx
import uvicorn
from mcp.server.mcpserver import MCPServer

from ._sandbox import ACCOUNT_ID, TOKEN, USER_AGENT

TOOL = "harvest_projects_get"


def server(sandbox_url: str) -> MCPServer[Any]:
    bare: MCPServer[Any] = MCPServer("bare", log_level="WARNING")
    clients: list[httpx.AsyncClient] = []

    @bare.tool(name=TOOL)
    async def get_project(project_id: int) -> dict[str, Any]:
        """GET /v2/projects/{project_id}, as is."""
        if not clients:  # one client, made on the server's own event loop
            headers = {
                "Authorization": f"Bearer {TOKEN}",
                "Harvest-Account-Id": str(ACCOUNT_ID),
                "User-Agent": USER_AGENT,
            }
            clients.append(httpx.AsyncClient(base_url=sandbox_url, headers=headers))
        response = await clients[0].get(f"/v2/projects/{project_id}")
        response.raise_for_status()
        project: dict[str, Any] = response.json()
        return project

    return bare


def command(sandbox_url: str, transport: str, port: int | None = None) -> list[str]:
    args = [sys.executable, "-m", "bench._bare_server", sandbox_url, transport]
    return args if port is None else [*args, str(port)]


def main(argv: list[str]) -> None:
    sandbox_url, transport = argv[0], argv[1]
    bare = server(sandbox_url)
    if transport == "stdio":
        bare.run("stdio")
        return
    app = bare.streamable_http_app()
    uvicorn.run(app, host="127.0.0.1", port=int(argv[2]), log_level="warning")


if __name__ == "__main__":
    main(sys.argv[1:])
