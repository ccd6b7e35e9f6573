"""The catalog's `execute`, looked up at call time while the catalog package is young.

Once `harvestkit.tools.execute` exists this module is replaced by a direct import.
"""

from __future__ import annotations

import importlib
from typing import Any

from pydantic import BaseModel

from harvestkit.tools import Tool, ToolContext


async def execute(tool: Tool, ctx: ToolContext, arguments: dict[str, Any]) -> BaseModel:
    """Validate `arguments` with the tool's input model and run its handler."""
    catalog_execute = getattr(importlib.import_module("harvestkit.tools"), "execute", None)
    if catalog_execute is not None:
        result: BaseModel = await catalog_execute(tool, ctx, arguments)
        return result
    args = tool.input_model.model_validate(arguments)
    return await tool.handler(ctx, args)
