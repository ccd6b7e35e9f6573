"""Tool definitions in the shapes hosts expect: MCP, OpenAI function calling, Anthropic.

MCP and Anthropic take the input model's JSON Schema as it is (Draft 2020-12; Anthropic
needs only a top-level ``type: object``). OpenAI's strict mode accepts a subset, so
``strict_schema`` rewrites each schema: every object gets ``additionalProperties: false``
and lists all its properties as required; a property that was optional becomes nullable
(the tools read null as "not given"); keywords strict mode rejects (``title``,
``default`` …) are dropped.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any, Literal

from ._tool import Tool
from .schemas import compact_schema, lean_input_schema, lean_output_schema

__all__ = [
    "STRICT_KEYWORDS",
    "Format",
    "anthropic_tool",
    "compact_schema",
    "export",
    "input_schema",
    "mcp_tool",
    "openai_tool",
    "output_schema",
    "snapshot",
    "strict_schema",
]

Format = Literal["mcp", "openai", "anthropic"]

# The JSON Schema keywords OpenAI's strict mode supports.
STRICT_KEYWORDS = frozenset({
    "type", "properties", "required", "additionalProperties", "items", "enum", "const",
    "anyOf", "$ref", "$defs", "description", "pattern", "format", "minimum", "maximum",
    "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems", "maxItems",
})  # fmt: skip


def input_schema(tool: Tool) -> dict[str, Any]:
    """The tool's input JSON Schema, with wire names (``from``, not ``from_``)."""
    return tool.input_model.model_json_schema(by_alias=True, mode="validation")


def output_schema(tool: Tool) -> dict[str, Any]:
    """The tool's structured-output JSON Schema."""
    return tool.output_model.model_json_schema(by_alias=True, mode="serialization")


def mcp_tool(tool: Tool) -> dict[str, Any]:
    """An MCP ``Tool`` definition (camelCase, as on the wire), with the lean schemas the
    server lists (a tool that may ask also admits a pending question there)."""
    hints = tool.annotations
    return {
        "name": tool.name,
        "title": tool.title,
        "description": tool.description,
        "inputSchema": lean_input_schema(tool.input_model),
        "outputSchema": lean_output_schema(output_schema(tool)),
        "annotations": {
            "readOnlyHint": hints.read_only,
            "destructiveHint": hints.destructive,
            "idempotentHint": hints.idempotent,
            "openWorldHint": hints.open_world,
        },
    }


def openai_tool(tool: Tool) -> dict[str, Any]:
    """An OpenAI function tool (Chat Completions shape) in strict mode."""
    return {
        "type": "function",
        "function": {
            "name": tool.name,
            "description": tool.description,
            "parameters": strict_schema(input_schema(tool)),
            "strict": True,
        },
    }


def anthropic_tool(tool: Tool) -> dict[str, Any]:
    """An Anthropic Messages API tool definition."""
    return {"name": tool.name, "description": tool.description, "input_schema": input_schema(tool)}


def export(tools: Sequence[Tool], fmt: Format) -> list[dict[str, Any]]:
    """Every tool in ``tools`` in the given host format."""
    shape = {"mcp": mcp_tool, "openai": openai_tool, "anthropic": anthropic_tool}[fmt]
    return [shape(tool) for tool in tools]


def strict_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` rewritten for OpenAI strict mode (see the module docstring)."""
    strict: dict[str, Any] = _strict(copy.deepcopy(schema))
    return strict


def _strict(node: Any) -> Any:
    if isinstance(node, list):
        return [_strict(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {
        key: _strict(value)
        for key, value in node.items()
        if key in STRICT_KEYWORDS and key not in ("properties", "$defs")
    }
    if "$defs" in node:
        out["$defs"] = {name: _strict(value) for name, value in node["$defs"].items()}
    if "properties" in node:
        out["properties"] = {name: _strict(value) for name, value in node["properties"].items()}
        required = set(node.get("required", ()))
        for name, prop in out["properties"].items():
            if name not in required:
                out["properties"][name] = _nullable(prop)
        out["required"] = list(out["properties"])
        out["additionalProperties"] = False
    elif out.get("type") == "object":
        out["additionalProperties"] = False
        out.setdefault("properties", {})
        out["required"] = []
    return out


def _nullable(prop: dict[str, Any]) -> dict[str, Any]:
    if "anyOf" in prop:
        if {"type": "null"} not in prop["anyOf"]:
            prop["anyOf"].append({"type": "null"})
        return prop
    if "enum" in prop and None not in prop["enum"]:
        prop["enum"] = [*prop["enum"], None]
    kind = prop.get("type")
    if isinstance(kind, str):
        if kind != "null":
            prop["type"] = [kind, "null"]
        return prop
    if isinstance(kind, list):
        if "null" not in kind:
            prop["type"] = [*kind, "null"]
        return prop
    # A $ref or an enum without a type: wrap it so null is allowed beside it.
    description = prop.pop("description", None)
    wrapped: dict[str, Any] = {"anyOf": [prop, {"type": "null"}]}
    if description:
        wrapped["description"] = description
    return wrapped


def snapshot(tools: Sequence[Tool]) -> list[dict[str, Any]]:
    """Everything agents see of each tool, plus its catalog metadata, for snapshot tests."""
    return [
        {
            **mcp_tool(tool),
            "toolset": tool.toolset,
            "kind": tool.kind,
            "default": tool.default,
            "needs_confirmation": tool.needs_confirmation,
            "moves_money": tool.moves_money,
            "operations": [op.name for op in tool.operations],
        }
        for tool in tools
    ]
