"""A lean tool list: the bytes `tools/list` puts on the wire stay within the budget hosts
afford, and the default set is the one the stories need.

Sizes are the JSON-RPC result as a client receives it (compact JSON, as the SDK sends it).
docs/mcp.md gives the measured figures; when a change grows the list past a budget, make
its descriptions or output schemas leaner rather than raising the budget.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest
from mcp import Client

from harvestkit.api import AsyncHarvest
from harvestkit.mcp import create_server
from harvestkit.tools import MAX_DEFAULT_TOOLS, Tool, catalog, select

pytestmark = pytest.mark.anyio

DEFAULT_LIST_BYTES = 60_000
ALL_TOOLS_BYTES = 350_000

# What people ask for, story by story, and the default tools that answer it.
STORIES: dict[str, set[str]] = {
    "log time and timers": {"log_time", "start_timer", "stop_timer", "current_timer"},
    "my and team time": {"my_time", "team_time"},
    "budget": {"budget_status"},
    "explain and invoice from time": {"explain_invoice", "invoice_from_time"},
    "send (asks)": {"send_invoice"},
    "record payment": {"record_payment"},
    "unbilled expenses": {"unbilled_expenses"},
    "add expense": {"add_expense"},
    "estimate to project": {"estimate_to_project"},
    "utilization": {"utilization"},
}


async def listed(tools: tuple[Tool, ...], factory: Callable[[], AsyncHarvest]) -> dict[str, Any]:
    async with Client(create_server(tools, factory)) as client:
        result = await client.list_tools()
    return result.model_dump(by_alias=True, exclude_none=True, mode="json")


def wire_bytes(result: dict[str, Any]) -> int:
    return len(json.dumps(result, separators=(",", ":"), ensure_ascii=False).encode())


@pytest.mark.parametrize(
    ("defaults", "budget"), [(True, DEFAULT_LIST_BYTES), (False, ALL_TOOLS_BYTES)]
)
async def test_tool_list_fits_its_budget(
    harvest_factory: Callable[[], AsyncHarvest], defaults: bool, budget: int
) -> None:
    result = await listed(select(catalog(), defaults=defaults), harvest_factory)
    size = wire_bytes(result)
    assert size <= budget, f"tools/list is {size} bytes, over the budget of {budget}"
    for tool in result["tools"]:
        # Lean, but still JSON Schema: a strict client compiles every one of them.
        jsonschema.Draft202012Validator.check_schema(tool["inputSchema"])
        jsonschema.Draft202012Validator.check_schema(tool["outputSchema"])
        assert "title" not in tool["annotations"]  # the tool's own title says it once


def test_default_set_is_chosen_by_the_stories() -> None:
    default = {tool.name for tool in catalog() if tool.default}
    for story, tools in STORIES.items():
        assert tools <= default, f"{story}: {sorted(tools - default)} not in the default set"
    assert len(default) <= MAX_DEFAULT_TOOLS
    # Beside the stories: the reads that find ids and fix entries, nothing that only
    # duplicates an outcome tool.
    rest = default - set().union(*STORIES.values())
    assert rest == {
        "harvest_users_me",
        "harvest_my_project_assignments_list",
        "harvest_projects_list",
        "harvest_clients_list",
        "harvest_invoices_list",
        "harvest_time_entries_list",
        "harvest_time_entries_update",
        "harvest_time_entries_delete",
    }


def test_descriptions_say_paging_and_confirmation_once() -> None:
    # The how-to lives in the server's instructions and the argument descriptions.
    for tool in catalog():
        assert "pass next_cursor back as cursor for the next page" not in tool.description
        assert "Asks for confirmation before changing anything" not in tool.description
