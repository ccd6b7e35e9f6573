"""Discovery mode: two meta-tools that reach a whole tool selection without loading it.

``search_tools`` finds tools by what they do and returns their names, descriptions and
input schemas; ``call_tool`` runs one of them through ``execute``, so argument validation,
confirmation and dry runs behave exactly as when the tool is called directly. Both see
only the tools they were built over: pass them the output of ``select`` and the same
toolset and read-only filters hold.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz, process

from ._catalog import execute
from ._tool import Annotations, Tool, ToolContext, ToolError
from .docs import summary
from .export import input_schema, output_schema

__all__ = ["CallToolInput", "SearchToolsInput", "discovery_tools"]

DISCOVERY = "discovery"
"""The toolset name of the meta-tools (not selectable with --toolsets)."""


class SearchToolsInput(BaseModel):
    """Arguments of search_tools."""

    model_config = ConfigDict(extra="forbid")

    query: str = Field(min_length=1, description="What you want to do, in a few words.")
    limit: int | None = Field(5, ge=1, le=20, description="Most tools to return.")
    response_format: Literal["concise", "detailed"] | None = Field(
        "concise",
        description="concise: one-line summary and input schema; detailed: full "
        "description and output schema too.",
    )


class ToolMatch(BaseModel):
    """One tool found by search_tools."""

    name: str
    toolset: str
    description: str
    read_only: bool
    destructive: bool
    input_schema: dict[str, Any]
    output_schema: dict[str, Any] | None = None


class SearchToolsOutput(BaseModel):
    """Result of search_tools."""

    response_format: Literal["concise", "detailed"]
    tools: list[ToolMatch] = Field(description="Best match first.")


class CallToolInput(BaseModel):
    """Arguments of call_tool."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, description="A tool name returned by search_tools.")
    arguments_json: str | None = Field(
        "{}", description='The tool\'s arguments as a JSON object, e.g. "{\\"project_id\\": 1}".'
    )


class CallToolOutput(BaseModel):
    """Result of call_tool: the called tool's structured result."""

    name: str
    result: dict[str, Any]


def _match(tool: Tool, detailed: bool) -> ToolMatch:
    return ToolMatch(
        name=tool.name,
        toolset=tool.toolset,
        description=tool.description if detailed else summary(tool),
        read_only=tool.annotations.read_only,
        destructive=tool.annotations.destructive,
        input_schema=input_schema(tool),
        output_schema=output_schema(tool) if detailed else None,
    )


def _text(tool: Tool) -> str:
    return f"{tool.name.replace('_', ' ')} {tool.title} {tool.description.split(chr(10))[0]}"


def discovery_tools(available: Sequence[Tool]) -> tuple[Tool, Tool]:
    """``search_tools`` and ``call_tool`` over ``available``."""
    by_name = {tool.name: tool for tool in available}
    texts = {tool.name: _text(tool) for tool in available}

    async def search(ctx: ToolContext, args: SearchToolsInput) -> SearchToolsOutput:
        fmt = args.response_format or "concise"
        ranked = process.extract(
            args.query, texts, scorer=fuzz.token_set_ratio, limit=args.limit or 5
        )
        found = [_match(by_name[key], fmt == "detailed") for _, _, key in ranked]
        return SearchToolsOutput(response_format=fmt, tools=found)

    async def call(ctx: ToolContext, args: CallToolInput) -> CallToolOutput:
        target = by_name.get(args.name)
        if target is None:
            close = process.extract(args.name, list(by_name), scorer=fuzz.WRatio, limit=5)
            raise ToolError(
                f"No tool named {args.name!r} is available.",
                hint="Use search_tools to find the right name.",
                candidates=[{"name": name} for name, _, _ in close],
            )
        try:
            arguments = json.loads(args.arguments_json or "{}")
        except json.JSONDecodeError as exc:
            raise ToolError(
                f"arguments_json is not valid JSON: {exc.msg}.",
                hint='Pass a JSON object, e.g. "{\\"project_id\\": 14307913}".',
            ) from exc
        if not isinstance(arguments, dict):
            raise ToolError("arguments_json must be a JSON object.", hint="Wrap it in {}.")
        result = await execute(target, ctx, arguments)
        return CallToolOutput(name=target.name, result=result.model_dump(mode="json"))

    writes = [tool for tool in available if not tool.read_only]
    search_tool = Tool(
        name="search_tools",
        title="Search the Harvest tools",
        description=(
            "Find Harvest tools by what you want to do; returns each match's name, summary "
            "and input schema, best first.\n\n"
            "When to use: before call_tool, when the tool you need is not in your tool list "
            "(only a few tools are loaded; this searches all that are enabled).\n\n"
            'Example: {"query": "record a payment on an invoice", "limit": 3}'
        ),
        toolset=DISCOVERY,
        input_model=SearchToolsInput,
        output_model=SearchToolsOutput,
        # Searching reads only the catalog itself: nothing from Harvest, nothing written.
        annotations=Annotations(
            read_only=True, destructive=False, idempotent=True, open_world=False
        ),
        operations=(),
        handler=search,
        kind="meta",
    )
    call_tool = Tool(
        name="call_tool",
        title="Call a Harvest tool by name",
        description=(
            "Run any enabled Harvest tool by name with its arguments as a JSON object, and "
            "return its structured result.\n\n"
            "When to use: after search_tools gave you the tool's name and input schema. "
            "Tools that change or delete data still ask for confirmation: include "
            '"dry_run": true or "confirm": true in the arguments as that tool describes.\n\n'
            'Example: {"name": "harvest_invoices_payments_list", '
            '"arguments_json": "{\\"invoice_id\\": 13150378}"}'
        ),
        toolset=DISCOVERY,
        input_model=CallToolInput,
        output_model=CallToolOutput,
        annotations=Annotations(
            read_only=not writes,
            destructive=any(tool.annotations.destructive for tool in writes),
            idempotent=all(tool.annotations.idempotent for tool in available),
            open_world=True,
        ),
        operations=tuple(op for tool in available for op in tool.operations),
        handler=call,
        kind="meta",
    )
    return search_tool, call_tool
