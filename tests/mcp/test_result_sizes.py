"""Results within host limits: no tool result over 100,000 bytes of JSON (Claude Code's
25,000 tokens), whatever the arguments.

Every list, report and outcome tool is called through MCP on the demo company with its
widest arguments: the most records per page, every field (`detailed`), the longest
period. A list cut short says so (`next_cursor`, and a line saying what was left out).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from mcp import Client

from harvestkit.api import AsyncHarvest
from harvestkit.mcp import create_server
from harvestkit.tools import Tool, catalog
from tests.tools.recipes import RECIPES

pytestmark = pytest.mark.anyio

RESULT_BYTES = 100_000
WIDE_PERIOD = "2025-06-01..2026-12-31"


def widest(tool: Tool, recipe: dict[str, Any]) -> dict[str, Any]:
    """The recipe's arguments, widened in every way the tool allows."""
    fields = tool.input_model.model_fields
    args = dict(recipe)
    wide: dict[str, Any] = {
        "per_page": 100,
        "response_format": "detailed",
        "period": WIDE_PERIOD,
        "from": "2025-06-01",
        "to": "2026-12-31",
        "dry_run": True,
    }
    for name, value in wide.items():
        if name in fields or any(f.alias == name for f in fields.values()):
            args[name] = value
    args.pop("confirm", None)
    return args


def sized(tool: Tool) -> bool:
    """Lists, reports and outcome tools: the ones whose results grow with the data."""
    return tool.kind == "outcome" or "per_page" in tool.input_model.model_fields


TOOLS = [tool for tool in catalog() if sized(tool)]


@pytest.mark.parametrize("tool", TOOLS, ids=lambda tool: tool.name)
async def test_widest_result_fits(tool: Tool, harvest_factory: Callable[[], AsyncHarvest]) -> None:
    async with harvest_factory() as harvest:
        arguments = widest(tool, await RECIPES[tool.name](harvest))
    async with Client(create_server([tool], harvest_factory)) as client:
        result = await client.call_tool(tool.name, arguments)
    wire = result.model_dump(by_alias=True, exclude_none=True, mode="json")
    size = len(json.dumps(wire, separators=(",", ":"), ensure_ascii=False).encode())
    assert size <= RESULT_BYTES, f"{tool.name}: {size} bytes"
    data = result.structured_content or {}
    if data.get("omitted"):
        # Cut short by size: it says what was left out, and where to go on.
        assert data.get("next_cursor"), data["omitted"]


async def test_a_page_cut_by_size_continues_where_it_stopped(
    harvest_factory: Callable[[], AsyncHarvest],
) -> None:
    [tool] = [t for t in catalog() if t.name == "harvest_time_entries_list"]
    expected: list[int] = []
    async with harvest_factory() as harvest:
        pager = harvest.paginate("time_entries.list", per_page=100)
        first = await pager.page()
        second = await pager.page(first.next_cursor)
        expected = [entry.id for entry in first.items + second.items]
    seen: list[int] = []
    notes: list[str] = []
    cursor = None
    async with Client(create_server([tool], harvest_factory)) as client:
        while len(seen) < 200:
            args: dict[str, Any] = {"per_page": 100, "response_format": "detailed"}
            if cursor:
                args["cursor"] = cursor
            result = await client.call_tool(tool.name, args)
            data = result.structured_content or {}
            seen += [entry["id"] for entry in data["time_entries"]]
            notes.append(data.get("omitted") or "")
            cursor = data["next_cursor"]
    assert seen[:200] == expected  # no record lost or shown twice across the cuts
    assert "more records of this page were left out" in notes[0]
