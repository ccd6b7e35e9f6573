"""Every catalog tool, called through MCP against the demo sandbox with its recipe.

Each result must be a success whose structured content validates against the output schema
the server advertised for the tool. Tools alternate between the two protocol eras, so both
carry every kind of output.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jsonschema
import pytest
from mcp import Client
from mcp_types import ImageContent

from harvestkit.api import AsyncHarvest
from harvestkit.mcp import create_server
from harvestkit.tools import ImageData, catalog
from tests.tools.recipes import RECIPES

pytestmark = pytest.mark.anyio

TOOLS = {tool.name: tool for tool in catalog()}
IMAGE_FIELDS = set(ImageData.model_fields)
RECIPE_WITH_IMAGE = "budget_status"  # its recipe asks for the burn-down chart
NAMES = sorted(TOOLS)


def test_every_tool_has_a_recipe() -> None:
    assert sorted(set(TOOLS) - set(RECIPES)) == []


@pytest.mark.parametrize("name", NAMES)
async def test_tool_through_mcp(name: str, harvest_factory: Callable[[], AsyncHarvest]) -> None:
    tool = TOOLS[name]
    async with harvest_factory() as harvest:
        arguments = await RECIPES[name](harvest)
    mode = "legacy" if NAMES.index(name) % 2 else "auto"
    async with Client(create_server([tool], harvest_factory), mode=mode) as client:
        [listed] = (await client.list_tools()).tools
        # The client itself also checks the structured content against the listed schema.
        result = await client.call_tool(name, arguments)
    assert not result.is_error, result.content
    data: Any = result.structured_content
    assert listed.output_schema is not None
    # The client checked the schema itself (a slow meta-schema pass); validating is enough here.
    jsonschema.Draft202012Validator(listed.output_schema).validate(data)
    assert "status" not in data or data["status"] not in ("needs_confirmation", "needs_choice")
    # Image fields (a budget chart) also arrive as image blocks.
    images = [v for v in data.values() if isinstance(v, dict) and set(v) == IMAGE_FIELDS]
    blocks = [block for block in result.content if isinstance(block, ImageContent)]
    assert [block.data for block in blocks] == [image["data_base64"] for image in images]
    assert blocks or name != RECIPE_WITH_IMAGE
