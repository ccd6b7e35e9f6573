"""What the registration relies on in the MCP SDK below its documented surface, pinned here
so that an SDK release which changes it fails these tests loudly instead of a client
quietly getting other schemas or mangled arguments.

Why not `MCPServer.add_tool` / `Tool.from_function`: they derive a tool's input schema and
its argument validation from a Python signature. A catalog tool carries JSON schemas made
from its pydantic models (lean, and the same ones the snapshots and docs show) and
validates its arguments itself, so the errors are worded for the agent and JSON sent
inside a string is decoded first. That needs the schema listed verbatim and every
argument handed over untouched, unknown ones included; a signature-derived model drops
unknown keys and answers with the SDK's own errors. So `harvestkit.mcp._register` builds
`mcp.server.mcpserver.tools.Tool` records itself, with a `FuncMetadata` whose argument
model (an `ArgModelBase`) returns the raw arguments from `model_dump_one_level`.
"""

from __future__ import annotations

from importlib.metadata import version
from typing import Any

import pytest
from mcp import Client
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.tools import Tool as SDKTool
from mcp.server.mcpserver.utilities.func_metadata import ArgModelBase, FuncMetadata
from mcp_types import CallToolResult, TextContent
from pydantic import BaseModel

from harvestkit.mcp._register import RawArguments, registration
from harvestkit.tools import Annotations, Tool

pytestmark = pytest.mark.anyio

CHECKED_AGAINST = "2.3"
"""The SDK minor version this contract was last read against (mcp/server/mcpserver)."""


class Args(BaseModel):
    project: str


class Out(BaseModel):
    hours: int


INPUT = {"type": "object", "properties": {"project": {"type": "string"}}, "x-lean": True}
OUTPUT = {"type": "object", "properties": {"hours": {"type": "integer"}}, "required": ["hours"]}
RECORD = Tool(
    name="sample_tool",
    title="Sample",
    description="A tool for the contract.",
    toolset="time",
    input_model=Args,
    output_model=Out,
    annotations=Annotations(read_only=True, destructive=False, idempotent=True, open_world=False),
    operations=(),
    handler=lambda ctx, args: pytest.fail("the catalog handler is not run here"),
    kind="outcome",
)


def _server(received: list[dict[str, Any]]) -> MCPServer[Any]:
    async def fn(arguments: dict[str, Any], ctx: Context[Any, Any]) -> CallToolResult:
        assert isinstance(ctx, Context)
        received.append(arguments)
        return CallToolResult(content=[TextContent(text="ok")], structured_content={"hours": 1})

    tool = registration(RECORD, fn, Out, OUTPUT, INPUT)
    return MCPServer("contract", tools=[tool])


def test_the_sdk_is_the_minor_version_this_contract_was_read_against() -> None:
    """A new minor release may move what the tests below touch: read `tools/base.py` and
    `utilities/func_metadata.py` again, then move `CHECKED_AGAINST`."""
    assert ".".join(version("mcp").split(".")[:2]) == CHECKED_AGAINST


def test_the_internals_have_the_shape_the_registration_builds() -> None:
    assert {"fn", "name", "title", "description", "parameters", "fn_metadata", "is_async",
            "context_kwarg", "annotations"} <= set(SDKTool.model_fields)  # fmt: skip
    assert {"arg_model", "output_schema", "output_model"} <= set(FuncMetadata.model_fields)
    assert issubclass(RawArguments, ArgModelBase)
    metadata = FuncMetadata(arg_model=RawArguments, output_model=Out, output_schema=OUTPUT)
    assert metadata.output_schema == OUTPUT  # a given schema is kept, not derived
    raw = {"project": "[1, 2]", "unknown": {"x": 1}}
    assert metadata.validate_arguments(raw) == {"arguments": raw}


async def test_schemas_are_listed_verbatim_with_the_hints() -> None:
    async with Client(_server([])) as client:
        [listed] = (await client.list_tools()).tools
    assert (listed.name, listed.title, listed.description) == (
        "sample_tool",
        "Sample",
        "A tool for the contract.",
    )
    assert listed.input_schema == INPUT
    assert listed.output_schema == OUTPUT
    assert listed.annotations is not None
    assert (listed.annotations.read_only_hint, listed.annotations.open_world_hint) == (True, False)


async def test_the_client_arguments_reach_the_function_untouched() -> None:
    received: list[dict[str, Any]] = []
    sent = {"project": "[1, 2]", "unknown": {"x": 1}, "entries.0.project": "14307913"}
    async with Client(_server(received)) as client:
        result = await client.call_tool("sample_tool", sent)
    assert received == [sent]
    assert not result.is_error
    assert result.structured_content == {"hours": 1}
