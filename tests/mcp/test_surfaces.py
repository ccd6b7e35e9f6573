"""Which tools the server offers (`harvestkit serve` filters), and the discovery pair."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from mcp import Client
from mcp_types import TextContent

from harvestkit.api import AsyncHarvest
from harvestkit.cli import serve
from harvestkit.cli.serve import ServeConfig, assemble, server_for, surface
from harvestkit.mcp import CALL, SEARCH, Backend
from harvestkit.tools import MAX_DEFAULT_TOOLS, catalog

pytestmark = pytest.mark.anyio

CATALOG = {tool.name: tool for tool in catalog()}


@pytest.fixture
def backend(harvest_factory: Callable[[], AsyncHarvest]) -> Backend:
    return Backend(harvest_factory, "demo sandbox")


def build(backend: Backend, **options: Any) -> tuple[Any, int]:
    """The server `harvestkit serve` would make with these options, on `backend`,
    ungoverned."""
    config = ServeConfig(user="u", env="e", **options)
    chosen = surface(config)
    return server_for(config, chosen, backend, None), len(chosen)


async def listed(backend: Backend, **options: Any) -> list[Any]:
    server, reach = build(backend, **options)
    async with Client(server) as client:
        tools = (await client.list_tools()).tools
    if not options.get("discovery"):
        assert reach == len(tools)
    return tools


async def test_default_surface_is_small_and_deterministic(backend: Backend) -> None:
    tools = await listed(backend)
    names = [t.name for t in tools]
    assert 0 < len(names) <= MAX_DEFAULT_TOOLS
    assert names == [name for name in CATALOG if CATALOG[name].default]
    assert names == [t.name for t in await listed(backend)]


async def test_read_only_exposes_no_write_tool(backend: Backend) -> None:
    tools = await listed(backend, toolsets=["all"], read_only=True)
    assert len(tools) == sum(tool.read_only for tool in CATALOG.values())
    for tool in tools:
        assert tool.annotations is not None and tool.annotations.read_only_hint is True
        assert CATALOG[tool.name].read_only


async def test_toolsets_expose_only_those(backend: Backend) -> None:
    tools = await listed(backend, toolsets=["time,reports"])
    assert {CATALOG[t.name].toolset for t in tools} == {"time", "reports"}
    wanted = [t for t in CATALOG.values() if t.toolset in ("time", "reports")]
    assert [t.name for t in tools] == [t.name for t in wanted]


async def test_tools_allowlist(backend: Backend) -> None:
    tools = await listed(
        backend, tools=["harvest_clients_list", "harvest_invoices_delete"], read_only=False
    )
    assert [t.name for t in tools] == ["harvest_clients_list", "harvest_invoices_delete"]
    # Read-only mode wins over an explicit name.
    tools = await listed(
        backend, tools=["harvest_clients_list", "harvest_invoices_delete"], read_only=True
    )
    assert [t.name for t in tools] == ["harvest_clients_list"]


async def test_unknown_names_are_refused_before_the_backend_is_made(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(serve, "governed", pytest.fail)
    with pytest.raises(ValueError, match="unknown toolset"):
        assemble(ServeConfig(user="u", env="e", toolsets=["timesheets"]))


async def test_discovery_lists_the_pair_only(backend: Backend) -> None:
    tools = await listed(backend, discovery=True, read_only=True)
    assert [t.name for t in tools] == [SEARCH, CALL]
    call = tools[1]
    # Read-only: the call tool can reach no write tool, and says so.
    assert call.annotations is not None and call.annotations.read_only_hint is True


@pytest.mark.parametrize("mode", ["auto", "legacy"])
async def test_discovery_search_then_call(backend: Backend, mode: str) -> None:
    server, reach = build(backend, discovery=True)
    assert reach == len(CATALOG)
    async with Client(server, mode=mode) as client:
        found = await client.call_tool(SEARCH, {"query": "list clients", "limit": 3})
        assert found.structured_content is not None
        matches = found.structured_content["matches"]
        assert matches[0]["name"] == "harvest_clients_list"
        assert "properties" in matches[0]["input_schema"]
        result = await client.call_tool(CALL, {"name": "harvest_clients_list", "arguments": {}})
        assert not result.is_error, result.content
        assert result.structured_content is not None
        assert result.structured_content["total_entries"] > 0
        # Confirmation still applies when a tool is reached through the pair.
        client_id = result.structured_content["clients"][0]["id"]
        delete = await client.call_tool(
            CALL, {"name": "harvest_clients_delete", "arguments": {"client_id": client_id}}
        )
        assert not delete.is_error, delete.content
        assert delete.structured_content is not None
        assert delete.structured_content["status"] == "needs_confirmation"


async def test_discovery_call_of_an_unknown_tool_suggests_names(backend: Backend) -> None:
    server, _ = build(backend, discovery=True, read_only=True)
    async with Client(server) as client:
        result = await client.call_tool(CALL, {"name": "harvest_clients_delete", "arguments": {}})
    assert result.is_error
    assert isinstance(result.content[0], TextContent)
    text = result.content[0].text
    assert text.startswith("harvest_clients_delete is a harvestkit tool in the 'clients' toolset")
    assert "harvest_clients_list" in text


async def test_discovery_accepts_what_strict_and_text_only_clients_send(backend: Backend) -> None:
    server, _ = build(backend, discovery=True, read_only=True)
    async with Client(server) as client:
        # Strict function calling sends null for an argument it leaves out.
        found = await client.call_tool(SEARCH, {"query": "list clients", "limit": None})
        # Some clients send an object argument as JSON text.
        called = await client.call_tool(
            CALL, {"name": "harvest_clients_list", "arguments": '{"per_page": 2}'}
        )
    assert found.structured_content is not None, found.content
    assert len(found.structured_content["matches"]) == 5
    assert called.structured_content is not None, called.content
    assert len(called.structured_content["clients"]) == 2


async def test_discovery_refuses_bad_arguments_with_a_tool_error(backend: Backend) -> None:
    server, _ = build(backend, discovery=True, read_only=True)
    async with Client(server) as client:
        result = await client.call_tool(SEARCH, {"limit": 3})
    assert result.is_error
    assert isinstance(result.content[0], TextContent)
    assert result.content[0].text.startswith("Invalid arguments: query: Field required")
