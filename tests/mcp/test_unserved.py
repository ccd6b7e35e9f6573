"""No dead ends: calling a catalog tool the server does not serve says how to enable it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from mcp import Client
from mcp_types import CallToolResult, TextContent

from harvestkit.api import AsyncHarvest
from harvestkit.mcp import CALL, create_server, error_facts
from harvestkit.tools import catalog, select

pytestmark = pytest.mark.anyio


def text(result: CallToolResult) -> str:
    return "\n".join(c.text for c in result.content if isinstance(c, TextContent))


@pytest.mark.parametrize("mode", ["auto", "legacy"])
async def test_unserved_tool_names_its_toolset_and_how_to_enable_it(
    harvest_factory: Callable[[], AsyncHarvest], mode: str
) -> None:
    server = create_server(select(catalog(), toolsets=["time"]), harvest_factory)
    async with Client(server, mode=mode) as client:
        result = await client.call_tool("invoice_from_time", {"client": "Williams"})
    assert result.is_error and result.structured_content is None
    assert text(result).startswith(
        "invoice_from_time is a harvestkit tool in the 'invoicing' toolset, which this server "
        "does not serve; nothing was run."
    )
    hint = error_facts(result)["hint"]
    assert "--toolsets invoicing" in hint and "--tools invoice_from_time" in hint
    assert "without `--read-only`" in hint  # it writes


async def test_read_only_server_says_so_for_a_write_tool(
    harvest_factory: Callable[[], AsyncHarvest],
) -> None:
    server = create_server(select(catalog(), read_only=True), harvest_factory)
    async with Client(server) as client:
        result = await client.call_tool("log_time", {"entries": []})
        read = await client.call_tool("harvest_reports_uninvoiced", {})
    assert "without `--read-only`" in error_facts(result)["hint"]
    assert "--toolsets reports" in error_facts(read)["hint"]
    assert "--read-only" not in error_facts(read)["hint"]


async def test_unknown_names_still_get_the_sdk_answer(
    harvest_factory: Callable[[], AsyncHarvest],
) -> None:
    async with Client(create_server(select(catalog()), harvest_factory)) as client:
        result = await client.call_tool("no_such_tool", {})
    assert result.is_error and text(result) == "Unknown tool: no_such_tool"


async def test_discovery_points_to_the_call_tool(
    harvest_factory: Callable[[], AsyncHarvest],
) -> None:
    tools = select(catalog(), toolsets=["time"])
    async with Client(create_server(tools, harvest_factory, discovery=True)) as client:
        direct = await client.call_tool("log_time", {"entries": []})
        through = await client.call_tool(CALL, {"name": "invoice_from_time", "arguments": {}})
    assert f"it runs through {CALL}" in text(direct)
    assert "'invoicing' toolset" in text(through)
