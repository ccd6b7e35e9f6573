"""Every tool runs against the demo sandbox through `execute`, with its recipe."""

from __future__ import annotations

import pytest

from harvestkit.api import AsyncHarvest
from harvestkit.tools import ToolContext, catalog, execute
from tests.tools.recipes import OUTCOME_RECIPES, RECIPES

TOOLS = {tool.name: tool for tool in catalog()}
# Outcome tools are covered once their recipes module exists.
COVERED = sorted(
    name
    for name, tool in TOOLS.items()
    if tool.kind == "operation" or (OUTCOME_RECIPES and tool.kind == "outcome")
)


def test_every_tool_has_a_recipe() -> None:
    assert len([name for name in COVERED if name.startswith("harvest_")]) == 130
    assert [name for name in COVERED if name not in RECIPES] == []
    assert sorted(set(RECIPES) - set(TOOLS)) == []


@pytest.mark.anyio
@pytest.mark.parametrize("name", COVERED)
async def test_tool_runs(name: str, harvest: AsyncHarvest, ctx: ToolContext) -> None:
    tool = TOOLS[name]
    arguments = await RECIPES[name](harvest)
    result = await execute(tool, ctx, arguments)
    assert isinstance(result, tool.output_model)
    data = result.model_dump(mode="json")
    if tool.kind == "operation" and tool.needs_confirmation:
        assert data["dry_run"] is False
    assert tool.output_model.model_validate(data) == result
