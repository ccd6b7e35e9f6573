"""The catalog's own destructive tool through MCP on both eras: elicitation accepted and
declined, the confirm-true fallback, and a dry run that writes nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

import pytest
from mcp import Client
from mcp.server.mcpserver import MCPServer
from mcp_types import ElicitRequestFormParams, ElicitRequestParams, ElicitResult

from harvestkit.api import AsyncHarvest, NotFoundError
from harvestkit.mcp import create_server
from harvestkit.tools import catalog, select

pytestmark = pytest.mark.anyio

MODES = ["auto", "legacy"]
DELETE = "harvest_time_entries_delete"
READ = "harvest_time_entries_list"
WRITE = "harvest_time_entries_create"
WEBSITE_REDESIGN = 14307913
DEVELOPMENT = 8083366  # assigned to the administrator on every demo client project


class Answer:
    def __init__(self, action: Literal["accept", "decline", "cancel"], content: Any = None):
        self.action, self.content = action, content
        self.messages: list[str] = []

    async def __call__(self, context: Any, params: ElicitRequestParams) -> ElicitResult:
        assert isinstance(params, ElicitRequestFormParams)
        self.messages.append(params.message)
        return ElicitResult(action=self.action, content=self.content)


@pytest.fixture
def server(harvest_factory: Callable[[], AsyncHarvest]) -> MCPServer[Any]:
    tools = select(catalog(), tools=[READ, WRITE, DELETE])
    return create_server(tools, harvest_factory)


async def new_entry(client: Client) -> int:
    created = await client.call_tool(
        WRITE,
        {
            "project_id": WEBSITE_REDESIGN,
            "task_id": DEVELOPMENT,
            "spent_date": "2026-11-20",
            "hours": 1.5,
        },
    )
    assert not created.is_error, created.content
    assert created.structured_content is not None
    return int(created.structured_content["time_entry"]["id"])


async def exists(harvest_factory: Callable[[], AsyncHarvest], entry_id: int) -> bool:
    async with harvest_factory() as harvest:
        try:
            await harvest.call("time_entries.retrieve", time_entry_id=entry_id)
        except NotFoundError:
            return False
    return True


@pytest.mark.parametrize("mode", MODES)
async def test_elicitation_accept_then_decline(
    server: MCPServer[Any], harvest_factory: Callable[[], AsyncHarvest], mode: str
) -> None:
    yes = Answer("accept", {"confirm": True})
    async with Client(server, mode=mode, elicitation_callback=yes) as client:
        listed = await client.call_tool(READ, {"per_page": 1})
        assert listed.structured_content is not None
        assert listed.structured_content["total_entries"] > 20_000
        entry_id = await new_entry(client)
        deleted = await client.call_tool(DELETE, {"time_entry_id": entry_id})
    assert not deleted.is_error, deleted.content
    assert deleted.structured_content is not None
    assert deleted.structured_content["deleted"] is True
    assert len(yes.messages) == 1 and str(entry_id) in yes.messages[0]
    assert not await exists(harvest_factory, entry_id)

    no = Answer("decline")
    async with Client(server, mode=mode, elicitation_callback=no) as client:
        entry_id = await new_entry(client)
        refused = await client.call_tool(DELETE, {"time_entry_id": entry_id})
    assert refused.is_error
    assert await exists(harvest_factory, entry_id)


@pytest.mark.parametrize("mode", MODES)
async def test_needs_confirmation_then_confirm_true(
    server: MCPServer[Any], harvest_factory: Callable[[], AsyncHarvest], mode: str
) -> None:
    async with Client(server, mode=mode) as client:
        entry_id = await new_entry(client)
        pending = await client.call_tool(DELETE, {"time_entry_id": entry_id})
        assert pending.structured_content is not None
        assert pending.structured_content["status"] == "needs_confirmation"
        assert await exists(harvest_factory, entry_id)
        done = await client.call_tool(DELETE, {"time_entry_id": entry_id, "confirm": True})
    assert done.structured_content is not None and done.structured_content["deleted"] is True
    assert not await exists(harvest_factory, entry_id)


@pytest.mark.parametrize("mode", MODES)
async def test_dry_run_plans_and_writes_nothing(
    server: MCPServer[Any], harvest_factory: Callable[[], AsyncHarvest], mode: str
) -> None:
    yes = Answer("accept", {"confirm": True})
    async with Client(server, mode=mode, elicitation_callback=yes) as client:
        entry_id = await new_entry(client)
        planned = await client.call_tool(DELETE, {"time_entry_id": entry_id, "dry_run": True})
    assert planned.structured_content is not None
    assert planned.structured_content["dry_run"] is True
    assert planned.structured_content["planned_requests"] == [
        {
            "method": "DELETE",
            "path": f"/v2/time_entries/{entry_id}",
            "query": {},
            "body": None,
            "says": "Delete a time entry",
            "depends_on": [],
        }
    ]
    assert yes.messages == []
    assert await exists(harvest_factory, entry_id)
