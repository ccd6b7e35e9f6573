"""The discovery pair: the ranking, and the records run through `execute`."""

from __future__ import annotations

import pytest

from harvestkit.tools import NeedsInput, ToolContext, ToolError, catalog, execute, select
from harvestkit.tools.discovery import discovery_tools, search
from tests.tools.conftest import RecordingTransport

EVERY = select(catalog(), defaults=False)
READ_ONLY = select(catalog(), defaults=False, read_only=True)
SEARCH, CALL = discovery_tools(EVERY)
READ_SEARCH, READ_CALL = discovery_tools(READ_ONLY)


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("log time on a project", "log_time"),
        ("record a payment", "record_payment"),
        ("delete invoice payment", "harvest_invoices_payments_delete"),
        ("who is over budget", "budget_status"),
        ("expenses report by project", "harvest_reports_expenses_by_project"),
    ],
)
def test_search_ranks_the_likely_tool_first(query: str, first: str) -> None:
    assert [tool.name for tool in search(catalog(), query, 1)] == [first]


def test_search_ignores_filler_words() -> None:
    assert search(catalog(), "a of the on", 5) == []


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
    names = [match.name for match in result.matches]
    assert expected in names
    assert result.total_tools == len(EVERY)
    schema = result.matches[names.index(expected)].input_schema
    # Compact: pydantic's generated titles only repeat the property names.
    assert schema["type"] == "object" and "title" not in schema


@pytest.mark.anyio
async def test_call_runs_a_tool_and_returns_its_result(ctx: ToolContext) -> None:
    arguments = {"per_page": 2}
    result = await execute(CALL, ctx, {"name": "harvest_clients_list", "arguments": arguments})
    assert len(result.model_dump()["clients"]) == 2


@pytest.mark.anyio
async def test_call_keeps_the_confirmation(ctx: ToolContext, transport: RecordingTransport) -> None:
    arguments = {"client_id": 5735783}
    transport.sent.clear()
    with pytest.raises(NeedsInput):
        await execute(CALL, ctx, {"name": "harvest_clients_delete", "arguments": arguments})
    assert transport.writes() == []


@pytest.mark.anyio
async def test_read_only_discovery_cannot_reach_writes(ctx: ToolContext) -> None:
    assert READ_CALL.annotations.read_only and not READ_CALL.annotations.destructive
    assert CALL.annotations.destructive and not CALL.annotations.read_only
    found = await execute(READ_SEARCH, ctx, {"query": "delete a client", "limit": 20})
    assert found.matches and all(match.read_only for match in found.matches)
    with pytest.raises(ToolError) as caught:
        await execute(READ_CALL, ctx, {"name": "harvest_clients_delete"})
    assert caught.value.message.startswith(
        "harvest_clients_delete is a harvestkit tool in the 'clients' toolset, which this "
        "server does not serve"
    )
    assert "without `--read-only`" in (caught.value.hint or "")
    assert "harvest_clients_list" in [c["name"] for c in caught.value.candidates]


@pytest.mark.anyio
@pytest.mark.parametrize("arguments", ['{"per_page": 2}', [1, 2]])
async def test_call_rejects_arguments_that_are_not_an_object(
    ctx: ToolContext, arguments: object
) -> None:
    with pytest.raises(ToolError, match="arguments: Input should be a valid dictionary"):
        await execute(CALL, ctx, {"name": "harvest_clients_list", "arguments": arguments})
