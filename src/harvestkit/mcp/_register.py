"""One catalog `Tool` record → one SDK tool registration.

The record already says everything: name, title, description, input and output models,
the four annotation hints. This module only translates: the input model's JSON schema
(flat parameters) becomes `inputSchema`, the output model's becomes `outputSchema`, and
the call runs the record through `harvestkit.tools.execute` with the question adapter
around it. Arguments reach `execute` as the client sent them, so validation errors are
the catalog's own, worded for the agent.

The SDK's public way in (`MCPServer.add_tool`, `Tool.from_function`) derives the input
schema and the argument validation from a Python signature, which can express neither a
given JSON schema nor arguments passed through untouched. So the registration builds the
SDK's `Tool` record with a `FuncMetadata` of its own; what that relies on is pinned by
tests/mcp/test_sdk_contract.py, which fails on an SDK release that changes it.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Union

from mcp.server.mcpserver import Context
from mcp.server.mcpserver.tools import Tool as SDKTool
from mcp.server.mcpserver.utilities.func_metadata import ArgModelBase, FuncMetadata
from mcp_types import CallToolResult, InputRequiredResult, ToolAnnotations
from pydantic import BaseModel, ConfigDict

from harvestkit.governance import AsyncRequestRecorder
from harvestkit.tools import ListedSchemas, Tool, ToolContext, execute
from harvestkit.tools.export import output_schema as output_schema_of
from harvestkit.tools.schemas import lean_input_schema, lean_output_schema

from . import _questions, _results
from ._guard import Acting, Admitted, PolicyStep
from ._state import ServerState

CallResult = CallToolResult | InputRequiredResult


class RawArguments(ArgModelBase):
    """Passes the client's arguments through untouched; the catalog validates them."""

    model_config = ConfigDict(extra="allow")

    def model_dump_one_level(self) -> dict[str, Any]:
        return {"arguments": dict(self.model_extra or {})}


def may_ask(tool: Tool) -> bool:
    """Whether the tool can stop to ask (so its output schema admits a pending question):
    confirmation tools, and outcome tools, which resolve names and may need a choice."""
    return tool.needs_confirmation or tool.kind == "outcome"


Fn = Callable[[dict[str, Any], Context[ServerState, Any]], Awaitable[CallResult]]
"""What the SDK calls for a registered tool: the raw arguments and the request context."""


def register(tool: Tool, schemas: ListedSchemas | None = None) -> SDKTool:
    """The SDK registration for one catalog record (its schemas from `schemas`, kept
    between starts, when given)."""

    async def call(arguments: dict[str, Any], ctx: Context[ServerState, Any]) -> CallResult:
        return await run_tool(tool, arguments, ctx)

    output_model: Any = tool.output_model
    if schemas is None:
        input_schema = lean_input_schema(tool.input_model)
        output_schema = lean_output_schema(output_schema_of(tool))
    else:
        input_schema, output_schema = schemas.of(tool)
    if may_ask(tool):
        output_model = Union[tool.output_model, _results.PendingQuestion]  # noqa: UP007
        output_schema = either(output_schema, PENDING_SCHEMA)
    return registration(tool, call, output_model, output_schema, input_schema)


def registration(
    tool: Tool,
    fn: Fn,
    output_model: Any = None,
    output_schema: dict[str, Any] | None = None,
    input_schema: dict[str, Any] | None = None,
) -> SDKTool:
    """`tool` as the SDK lists it, answered by `fn`; the catalog validates the arguments, so
    the SDK passes them through. Without an output model the tool declares no output schema;
    without `input_schema`, it is made from the input model."""
    metadata = FuncMetadata(
        arg_model=RawArguments, output_model=output_model, output_schema=output_schema
    )
    if input_schema is None:
        input_schema = lean_input_schema(tool.input_model)
    return SDKTool(
        fn=fn,
        name=tool.name,
        title=tool.title,
        description=tool.description,
        parameters=input_schema
        if input_schema is not None
        else lean_input_schema(tool.input_model),
        fn_metadata=metadata,
        is_async=True,
        context_kwarg="ctx",
        annotations=tool_annotations(tool),
    )


def tool_annotations(tool: Tool) -> ToolAnnotations:
    hints = tool.annotations
    # The title is the tool's own (`Tool.title`); repeating it here would only add bytes.
    return ToolAnnotations(
        read_only_hint=hints.read_only,
        destructive_hint=hints.destructive,
        idempotent_hint=hints.idempotent,
        open_world_hint=hints.open_world,
    )


async def run_tool(
    tool: Tool, arguments: dict[str, Any], ctx: Context[ServerState, Any]
) -> CallResult:
    """Run a catalog tool for an MCP call, in one line of steps for every server: the guard
    admits it (or refuses), the tool runs with the caller's client and its questions, and
    the outcome goes to the audit trail with the Harvest requests it made."""
    guard = ctx.request_context.lifespan_context.guard
    parsed = pre_parse(tool.input_model, arguments)
    admitted = await guard.admit(tool, parsed, ctx.request_context.request)
    if not isinstance(admitted, Admitted):
        return admitted
    with AsyncRequestRecorder.capture() as requests:
        try:
            result = await run_with(tool, admitted.arguments, ctx, admitted.acting, admitted.step)
        except BaseException as exc:  # audited even when cancelled (the client went away)
            admitted.record.failed(exc, requests)
            raise
    admitted.record.finished(result, requests)
    return result


async def run_with(
    tool: Tool,
    arguments: Mapping[str, Any],
    ctx: Context[ServerState, Any],
    acting: Acting,
    step: PolicyStep,
) -> CallResult:
    """Run the tool with the caller's client and cache, and the policy's confirmation
    `step`."""
    state: ServerState = ctx.request_context.lifespan_context

    async def run(answers: Any, can_elicit: bool) -> BaseModel:
        given = {**step.answers, **answers}
        context = ToolContext(
            harvest=acting.harvest,
            cache=acting.cache,
            answers=given,
            clock=state.clock,
            can_elicit=can_elicit,
            answer_within=state.answer_within,
            progress=ctx.report_progress,  # a no-op unless the client sent a progress token
        )
        if step.question is not None:
            context.ask(step.question)
        return await execute(tool, context, arguments)

    try:
        outcome = await _questions.run_asking(run, ctx, structured_questions=may_ask(tool))
    except Exception as exc:
        mapped = _results.from_exception(exc)
        if mapped is None:
            raise
        return mapped
    if isinstance(outcome, CallToolResult | InputRequiredResult):
        return outcome
    return _results.success(outcome)


def pre_parse(model: type[BaseModel], arguments: dict[str, Any]) -> dict[str, Any]:
    """Decode lists and objects that some clients send as JSON text inside a string."""
    parsed = dict(arguments)
    for name, value in arguments.items():
        field = model.model_fields.get(name)
        if field is None or field.annotation is str or not isinstance(value, str):
            continue
        if value.lstrip()[:1] in ("[", "{"):
            # Not JSON after all: left for validation to report.
            with contextlib.suppress(ValueError):
                parsed[name] = json.loads(value)
    return parsed


PENDING_SCHEMA = lean_output_schema(
    _results.PendingQuestion.model_json_schema(), describe=False, depth=1
)
"""A pending question, as many tools' output schemas admit it: its fields by name and type
only, since the server's instructions explain `needs_confirmation` and `needs_choice`."""


def either(first: dict[str, Any], second: dict[str, Any]) -> dict[str, Any]:
    """One object schema accepting either of two object schemas (their `$defs` moved to the
    root, where their `#/$defs/...` references point)."""
    first, second = dict(first), dict(second)
    defs = {**first.pop("$defs", {}), **second.pop("$defs", {})}
    for branch in (first, second):
        if branch.get("type") == "object":
            del branch["type"]  # said once, at the root
    schema: dict[str, Any] = {"type": "object", "anyOf": [first, second]}
    if defs:
        schema["$defs"] = defs
    return schema
