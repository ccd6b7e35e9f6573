"""The discovery pair (`harvestkit.tools.discovery`) as two SDK registrations.

The catalog records say what the pair is; this module only adds what depends on the
caller. The search shows only the tools the caller's policy allows (with governance), and
the call goes through exactly the path a directly listed tool takes (policy, questions and
confirmation, audit, tool errors), so reaching a tool this way weakens none of its checks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from mcp.server.mcpserver import Context
from mcp.server.mcpserver.tools import Tool as SDKTool
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from harvestkit.tools import Tool, ToolError, parse_arguments
from harvestkit.tools.discovery import (
    CALL,
    SEARCH,
    CallToolInput,
    SearchToolsInput,
    search_result,
    tool_named,
)
from harvestkit.tools.discovery import discovery_tools as discovery_records
from harvestkit.tools.schemas import lean_output_schema

from . import _register, _results
from ._state import ServerState

__all__ = ["CALL", "SEARCH", "discovery_tools"]

M = TypeVar("M", bound=BaseModel)


def discovery_tools(tools: Sequence[Tool]) -> list[SDKTool]:
    """The two registrations that reach `tools`."""
    search_record, call_record = discovery_records(tools)

    async def search_tools(
        arguments: dict[str, Any], ctx: Context[ServerState, Any]
    ) -> _register.CallResult:
        try:
            args = _parse(search_record, SearchToolsInput, arguments)
        except PydanticValidationError as exc:
            return _failure(exc)
        guard = ctx.request_context.lifespan_context.guard
        shown = guard.visible(tools, ctx.request_context.request)
        return _results.success(search_result(shown, args))

    async def call_tool(
        arguments: dict[str, Any], ctx: Context[ServerState, Any]
    ) -> _register.CallResult:
        # Looked up among all served tools, not only the visible ones: a tool the policy
        # forbids is refused (and audited) by the guard, with the grant it needs.
        try:
            args = _parse(call_record, CallToolInput, arguments)
            tool = tool_named(tools, args.name)
        except (PydanticValidationError, ToolError) as exc:
            return _failure(exc)
        return await _register.run_tool(tool, args.arguments, ctx)

    return [
        _registration(search_record, search_tools, structured=True),
        # The call answers with the called tool's own result (or its question), so it
        # declares no output schema of its own.
        _registration(call_record, call_tool, structured=False),
    ]


def _parse(record: Tool, model: type[M], arguments: dict[str, Any]) -> M:
    args = parse_arguments(record, _register.pre_parse(record.input_model, arguments))
    assert isinstance(args, model)  # the record's own input model
    return args


def _failure(exc: Exception) -> _register.CallResult:
    return _results.from_exception(exc) or _results.error(str(exc))


def _registration(record: Tool, fn: _register.Fn, *, structured: bool) -> SDKTool:
    if not structured:
        return _register.registration(record, fn)
    schema = lean_output_schema(record.output_model.model_json_schema(mode="serialization"))
    return _register.registration(record, fn, record.output_model, schema)
