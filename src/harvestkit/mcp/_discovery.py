"""The search/call pair: the whole catalog behind two tools, for hosts without tool search.

`harvest_search_tools` finds tools by words and shows their input schemas;
`harvest_call_tool` runs one by name. The call goes through exactly the path a directly
listed tool takes (validation, questions and confirmation, tool errors), so reaching a
tool this way weakens none of its checks. Only tools the server's filters (and, with
governance, the caller's policy) allow are searchable or callable.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from mcp.server.mcpserver import Context
from mcp.server.mcpserver.tools import Tool as SDKTool
from mcp.server.mcpserver.utilities.func_metadata import FuncMetadata
from mcp_types import ToolAnnotations
from pydantic import BaseModel, Field

from harvestkit.tools import Tool

from . import _register, _results
from ._state import ServerState

SEARCH = "harvest_search_tools"
CALL = "harvest_call_tool"
_WORD = re.compile(r"[a-z0-9]+")
# Words too common to tell tools apart.
_STOP = frozenset(
    {"the", "and", "for", "with", "from", "into", "what", "who", "how", "are", "all", "any"}
    | {"this", "that", "per", "its"}
)


class FoundTool(BaseModel):
    name: str
    title: str
    description: str
    toolset: str
    read_only: bool
    needs_confirmation: bool
    input_schema: dict[str, Any] = Field(
        description="Pass arguments of this shape to harvest_call_tool."
    )


class SearchResult(BaseModel):
    matches: list[FoundTool]
    total_tools: int = Field(description="How many tools this server can call.")


class SearchArguments(BaseModel):
    query: str = Field(description="Words describing the task, e.g. 'delete invoice payment'.")
    limit: int = Field(5, ge=1, le=20, description="Most matches to return.")


class CallArguments(BaseModel):
    name: str = Field(description="Tool name from harvest_search_tools.")
    arguments: dict[str, Any] = Field(default_factory=dict, description="The tool's arguments.")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def search(tools: Sequence[Tool], query: str, limit: int) -> list[Tool]:
    """Tools ranked by how many query words their name, title and description contain."""
    wanted = [w.rstrip("s") for w in _words(query) if len(w) > 2 and w not in _STOP]
    scored = []
    for position, tool in enumerate(tools):
        name, title, text = (set(_words(s)) for s in (tool.name, tool.title, tool.description))
        score = 0
        for word in wanted:
            score += 3 * any(n.startswith(word) for n in name)
            score += 2 * any(t.startswith(word) for t in title)
            score += any(t.startswith(word) for t in text)
        if score:
            scored.append((-score, position, tool))
    return [tool for _, _, tool in sorted(scored)[:limit]]


def _found(tool: Tool) -> FoundTool:
    return FoundTool(
        name=tool.name,
        title=tool.title,
        description=tool.description,
        toolset=tool.toolset,
        read_only=tool.read_only,
        needs_confirmation=tool.needs_confirmation,
        input_schema=_register.compact_schema(tool.input_model.model_json_schema()),
    )


def discovery_tools(tools: Sequence[Tool]) -> list[SDKTool]:
    """The two registrations that reach `tools`."""
    by_name = {tool.name: tool for tool in tools}

    async def search_tools(
        arguments: dict[str, Any], ctx: Context[ServerState, Any]
    ) -> _register.CallResult:
        try:
            args = SearchArguments.model_validate(arguments)
        except Exception as exc:
            return _results.from_exception(exc) or _results.error(str(exc))
        guard = ctx.request_context.lifespan_context.guard
        shown = tools if guard is None else guard.visible(tools, ctx.request_context.request)
        matches = [_found(tool) for tool in search(shown, args.query, args.limit)]
        return _results.success(SearchResult(matches=matches, total_tools=len(shown)))

    async def call_tool(
        arguments: dict[str, Any], ctx: Context[ServerState, Any]
    ) -> _register.CallResult:
        try:
            args = CallArguments.model_validate(arguments)
        except Exception as exc:
            return _results.from_exception(exc) or _results.error(str(exc))
        tool = by_name.get(args.name)
        if tool is None:
            close = search(tools, args.name.replace("_", " "), 5)
            return _results.error(
                f"No tool named {args.name!r} on this server.",
                hint=f"Find one with {SEARCH}.",
                candidates=[{"name": t.name, "title": t.title} for t in close],
            )
        return await _register.run_tool(tool, args.arguments, ctx)

    search_meta = FuncMetadata(
        arg_model=_register.RawArguments,
        output_model=SearchResult,
        output_schema=_register.compact_schema(SearchResult.model_json_schema()),
    )
    return [
        SDKTool(
            fn=search_tools,
            name=SEARCH,
            title="Search Harvest tools",
            description=(
                "Find the Harvest tool for a task among all tools this server offers. Returns "
                "each match's name, description and input schema; then run it with "
                f"{CALL}. Example: query 'log time on a project'."
            ),
            parameters=_register.compact_schema(SearchArguments.model_json_schema()),
            fn_metadata=search_meta,
            is_async=True,
            context_kwarg="ctx",
            annotations=ToolAnnotations(
                title="Search Harvest tools",
                read_only_hint=True,
                destructive_hint=False,
                idempotent_hint=True,
                open_world_hint=False,
            ),
        ),
        SDKTool(
            fn=call_tool,
            name=CALL,
            title="Call a Harvest tool",
            description=(
                f"Run a tool found with {SEARCH}: pass its name and its arguments. Returns "
                "that tool's result. Destructive or money-moving tools still ask for "
                "confirmation (or answer with needs_confirmation: call again with confirm: true)."
            ),
            parameters=_register.compact_schema(CallArguments.model_json_schema()),
            fn_metadata=FuncMetadata(arg_model=_register.RawArguments),
            is_async=True,
            context_kwarg="ctx",
            # As cautious as the most cautious tool it can reach.
            annotations=ToolAnnotations(
                title="Call a Harvest tool",
                read_only_hint=all(t.read_only for t in tools),
                destructive_hint=any(t.annotations.destructive for t in tools),
                idempotent_hint=all(t.annotations.idempotent for t in tools),
                open_world_hint=any(t.annotations.open_world for t in tools),
            ),
        ),
    ]
