"""The streamable HTTP app in process: both protocol eras, and the Host/Origin allowlist."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx2
import pytest
import uvicorn
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp_types import ElicitRequestParams, ElicitResult
from starlette.applications import Starlette

from harvestkit.api import AsyncHarvest
from harvestkit.mcp import MCP_PATH, bind, create_server, http_app, transport_security

from .sample_tools import SAMPLE_TOOLS

pytestmark = pytest.mark.anyio

BASE = "http://127.0.0.1:8766"
LIST_TOOLS = {"jsonrpc": "2.0", "id": 1, "method": "tools/list"}
DELETE = "harvest_time_entries_delete"
ACCEPT = {"accept": "application/json, text/event-stream"}


@pytest.fixture
async def app(harvest_factory: Callable[[], AsyncHarvest]) -> AsyncIterator[Starlette]:
    server = create_server(SAMPLE_TOOLS, harvest_factory)
    app = http_app(server, transport_security())
    # What the app's lifespan does under uvicorn; an ASGI transport runs no lifespan.
    async with server.session_manager.run():
        yield app


def http(app: Starlette, base: str = BASE) -> httpx2.AsyncClient:
    return httpx2.AsyncClient(transport=httpx2.ASGITransport(app=app), base_url=base)


@pytest.mark.parametrize(("mode", "version"), [("auto", "2026-07-28"), ("legacy", "2025-11-25")])
async def test_lists_and_calls_over_http(app: Starlette, mode: str, version: str) -> None:
    async with (
        http(app) as client,
        Client(streamable_http_client(BASE + MCP_PATH, http_client=client), mode=mode) as mcp,
    ):
        assert mcp.protocol_version == version
        tools = (await mcp.list_tools()).tools
        result = await mcp.call_tool("harvest_projects_list", {})
    assert [t.name for t in tools] == [t.name for t in SAMPLE_TOOLS]
    assert not result.is_error
    assert result.structured_content is not None
    assert result.structured_content["total_entries"] == 15


@pytest.mark.parametrize("mode", ["auto", "legacy"])
async def test_elicitation_over_a_real_socket(
    harvest_factory: Callable[[], AsyncHarvest], mode: str
) -> None:
    # uvicorn on port 0: a 2025 client is asked on the call's SSE stream, which an ASGI
    # test transport only delivers once the call has finished.
    server = create_server(SAMPLE_TOOLS, harvest_factory)
    sock = bind("127.0.0.1", 0)
    url = f"http://127.0.0.1:{sock.getsockname()[1]}{MCP_PATH}"
    config = uvicorn.Config(http_app(server, transport_security()), log_level="warning")
    web = uvicorn.Server(config)
    serving = asyncio.create_task(web.serve(sockets=[sock]))
    asked: list[str] = []

    async def confirm(context: Any, params: ElicitRequestParams) -> ElicitResult:
        asked.append(params.message)
        return ElicitResult(action="accept", content={"confirm": True})

    try:
        while not web.started:
            await asyncio.sleep(0.01)
        async with Client(url, mode=mode, elicitation_callback=confirm) as mcp:
            entry = await mcp.call_tool(
                "harvest_time_entries_create",
                {
                    "project_id": 14307913,
                    "task_id": 8083366,
                    "spent_date": "2026-11-20",
                    "hours": 1,
                },
            )
            assert entry.structured_content is not None
            entry_id = entry.structured_content["id"]
            deleted = await mcp.call_tool(
                "harvest_time_entries_delete", {"time_entry_id": entry_id}
            )
    finally:
        web.should_exit = True
        await serving
    assert deleted.structured_content is not None
    assert deleted.structured_content["deleted"] is True
    assert asked == [
        f'Delete 1.0 h on 2026-11-20 (time entry {entry_id})?\n\nproject: "Website Redesign"'
    ]


async def test_confirmation_fallback_over_http(
    app: Starlette, harvest_factory: Callable[[], AsyncHarvest]
) -> None:
    async with harvest_factory() as h:  # an entry of the demo's history: ids move by the day
        entry = (await h.paginate("time_entries.list", per_page=1).page()).items[0]
    async with (
        http(app) as client,
        Client(streamable_http_client(BASE + MCP_PATH, http_client=client)) as mcp,
    ):
        result = await mcp.call_tool("harvest_time_entries_delete", {"time_entry_id": entry.id})
    assert result.structured_content is not None
    assert result.structured_content["status"] == "needs_confirmation"


@pytest.mark.parametrize(
    ("base", "headers", "status"),
    [
        ("http://evil.example", {}, 421),
        ("http://evil.example:8766", {}, 421),
        (BASE, {"origin": "http://evil.example"}, 403),
    ],
)
async def test_refuses_foreign_hosts_and_origins(
    app: Starlette, base: str, headers: dict[str, str], status: int
) -> None:
    async with http(app, base) as client:
        response = await client.post(MCP_PATH, json=LIST_TOOLS, headers={**ACCEPT, **headers})
    assert response.status_code == status


async def test_configured_host_and_origin_replace_localhost(
    harvest_factory: Callable[[], AsyncHarvest],
) -> None:
    server = create_server(SAMPLE_TOOLS, harvest_factory)
    app = http_app(server, transport_security(["mcp.example.com"], ["https://mcp.example.com"]))
    base = "http://mcp.example.com"
    async with server.session_manager.run():
        async with (
            http(app, base) as client,
            Client(streamable_http_client(base + MCP_PATH, http_client=client)) as mcp,
        ):
            client.headers["origin"] = "https://mcp.example.com"
            tools = (await mcp.list_tools()).tools
        async with http(app) as client:
            refused = await client.post(MCP_PATH, json=LIST_TOOLS, headers=ACCEPT)
    assert len(tools) == len(SAMPLE_TOOLS)
    assert refused.status_code == 421
