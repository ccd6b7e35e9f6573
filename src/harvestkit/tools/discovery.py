"""The discovery pair: a whole tool selection behind two tools, for hosts without tool search.

``harvest_search_tools`` finds tools by words and shows their input schemas;
``harvest_call_tool`` runs one by name. This module owns what the pair is: the ranking, the
input and output models, the descriptions and annotations. ``discovery_tools`` builds both
as catalog records over the tools they reach (pass the output of ``select``, so toolset and
read-only filters hold); their handlers run a call through ``execute``, so validation,
confirmation and dry runs behave exactly as when the tool is called directly.

A transport may serve the records with handlers of its own built from ``search_result``
and ``tool_named``: the MCP server narrows the search to what the caller's policy allows
and routes the call through its guarded path.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ._catalog import execute, not_served
from ._tool import Annotations, Tool, ToolContext, ToolError
from .schemas import lean_input_schema

__all__ = [
    "CALL",
    "DISCOVERY",
    "SEARCH",
    "CallToolInput",
    "CallToolOutput",
    "FoundTool",
    "SearchToolsInput",
    "SearchToolsOutput",
    "discovery_tools",
    "search",
    "search_result",
    "tool_named",
]

SEARCH = "harvest_search_tools"
CALL = "harvest_call_tool"
DISCOVERY = "discovery"
"""The toolset of the pair (not selectable with --toolsets)."""

_WORD = re.compile(r"[a-z0-9]+")
# Words too common to tell tools apart.
_STOP = frozenset(
    {"the", "and", "for", "with", "from", "into", "what", "who", "how", "are", "all", "any"}
    | {"this", "that", "per", "its"}
)


# The models carry no docstrings: pydantic would copy them into every schema the pair
# shows, where they would only repeat the tool descriptions.


class SearchToolsInput(BaseModel):
    query: str = Field(description="Words describing the task, e.g. 'delete invoice payment'.")
    limit: int = Field(5, ge=1, le=20, description="Most matches to return.")


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


class SearchToolsOutput(BaseModel):
    matches: list[FoundTool]
    total_tools: int = Field(description="How many tools this server can call.")


class CallToolInput(BaseModel):
    name: str = Field(description="Tool name from harvest_search_tools.")
    arguments: dict[str, Any] = Field(default_factory=dict, description="The tool's arguments.")


class CallToolOutput(BaseModel):
    # The called tool's own result, whatever its shape.
    model_config = ConfigDict(extra="allow")


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
        input_schema=lean_input_schema(tool.input_model),
    )


def search_result(tools: Sequence[Tool], args: SearchToolsInput) -> SearchToolsOutput:
    """What harvest_search_tools answers when `tools` are the ones the caller may use."""
    matches = [_found(tool) for tool in search(tools, args.query, args.limit)]
    return SearchToolsOutput(matches=matches, total_tools=len(tools))


def tool_named(tools: Sequence[Tool], name: str) -> Tool:
    """The tool harvest_call_tool runs; a ToolError suggesting close names if none."""
    for tool in tools:
        if tool.name == name:
            return tool
    close = search(tools, name.replace("_", " "), 5)
    candidates = [{"name": tool.name, "title": tool.title} for tool in close]
    unserved = not_served(name)
    if unserved is not None:
        raise ToolError(unserved.message, hint=unserved.hint, candidates=candidates)
    raise ToolError(
        f"No tool named {name!r} on this server.",
        hint=f"Find one with {SEARCH}.",
        candidates=candidates,
    )


def discovery_tools(tools: Sequence[Tool]) -> tuple[Tool, Tool]:
    """The search and call records over `tools`."""
    reachable = tuple(tools)

    async def search_handler(ctx: ToolContext, args: SearchToolsInput) -> SearchToolsOutput:
        return search_result(reachable, args)

    async def call_handler(ctx: ToolContext, args: CallToolInput) -> CallToolOutput:
        result = await execute(tool_named(reachable, args.name), ctx, args.arguments)
        return CallToolOutput.model_validate(result.model_dump(mode="json"))

    search_tool = Tool(
        name=SEARCH,
        title="Search Harvest tools",
        description=(
            "Find the Harvest tool for a task among all tools this server offers. Returns "
            f"each match's name, description and input schema; then run it with {CALL}.\n\n"
            'Example: {"query": "log time on a project", "limit": 3}'
        ),
        toolset=DISCOVERY,
        input_model=SearchToolsInput,
        output_model=SearchToolsOutput,
        # Searching reads only the catalog itself: nothing from Harvest, nothing written.
        annotations=Annotations(
            read_only=True, destructive=False, idempotent=True, open_world=False
        ),
        operations=(),
        handler=search_handler,
        kind="meta",
    )
    call_tool = Tool(
        name=CALL,
        title="Call a Harvest tool",
        description=(
            f"Run a tool found with {SEARCH}: pass its name and its arguments. Returns that "
            "tool's result. Destructive or money-moving tools still ask for confirmation (or "
            "answer with needs_confirmation: call again with confirm: true).\n\n"
            'Example: {"name": "harvest_invoices_payments_list", '
            '"arguments": {"invoice_id": 13150378}}'
        ),
        toolset=DISCOVERY,
        input_model=CallToolInput,
        output_model=CallToolOutput,
        # As cautious as the most cautious tool it can reach.
        annotations=Annotations(
            read_only=all(tool.read_only for tool in reachable),
            destructive=any(tool.annotations.destructive for tool in reachable),
            idempotent=all(tool.annotations.idempotent for tool in reachable),
            open_world=any(tool.annotations.open_world for tool in reachable),
        ),
        operations=tuple(dict.fromkeys(op for tool in reachable for op in tool.operations)),
        handler=call_handler,
        kind="meta",
    )
    return search_tool, call_tool
