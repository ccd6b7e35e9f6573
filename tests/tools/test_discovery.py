"""Discovery mode: search_tools finds tools, call_tool runs them through `execute`."""

from __future__ import annotations

import json

import pytest

from harvestkit.tools import NeedsInput, ToolContext, ToolError, catalog, execute, select
from harvestkit.tools.discovery import discovery_tools
from tests.tools.conftest import RecordingTransport

SEARCH, CALL = discovery_tools(select(catalog(), defaults=False))
READ_SEARCH, READ_CALL = discovery_tools(select(catalog(), defaults=False, read_only=True))


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("record a payment on an invoice", "harvest_invoices_payments_create"),
        ("stop timer", "harvest_timers_stop"),
        ("uninvoiced hours report", "harvest_reports_uninvoiced"),
    ],
)
async def test_search_finds_the_tool(ctx: ToolContext, query: str, expected: str) -> None:
    result = await execute(SEARCH, ctx, {"query": query, "limit": 5})
    names = [match.name for match in result.tools]
    assert expected in names
    match = result.tools[names.index(expected)]
    assert match.input_schema["type"] == "object" and match.output_schema is None


@pytest.mark.anyio
async def test_call_runs_a_tool_and_returns_its_result(ctx: ToolContext) -> None:
    arguments = json.dumps({"per_page": 2})
    result = await execute(CALL, ctx, {"name": "harvest_clients_list", "arguments_json": arguments})
    assert result.name == "harvest_clients_list"
    assert len(result.result["clients"]) == 2


@pytest.mark.anyio
async def test_call_keeps_the_confirmation(ctx: ToolContext, transport: RecordingTransport) -> None:
    arguments = json.dumps({"client_id": 5735783})
    transport.sent.clear()
    with pytest.raises(NeedsInput):
        await execute(CALL, ctx, {"name": "harvest_clients_delete", "arguments_json": arguments})
    assert transport.writes() == []


@pytest.mark.anyio
async def test_read_only_discovery_cannot_reach_writes(ctx: ToolContext) -> None:
    assert READ_CALL.annotations.read_only and not READ_CALL.annotations.destructive
    found = await execute(READ_SEARCH, ctx, {"query": "delete a client", "limit": 20})
    assert all(match.read_only for match in found.tools)
    with pytest.raises(ToolError) as caught:
        await execute(READ_CALL, ctx, {"name": "harvest_clients_delete"})
    assert "No tool named" in caught.value.message
    assert caught.value.candidates


@pytest.mark.anyio
@pytest.mark.parametrize("text", ["{not json", "[1, 2]"])
async def test_call_rejects_arguments_that_are_not_an_object(ctx: ToolContext, text: str) -> None:
    with pytest.raises(ToolError, match="arguments_json"):
        await execute(CALL, ctx, {"name": "harvest_clients_list", "arguments_json": text})
