"""Every tool, fed generated valid, boundary and hostile arguments, ends in one of three
ways: a result its output model accepts, a ToolError with a message, or NeedsInput. Never
a traceback, never a sandbox 5xx, and never a write left behind by a call that failed.

Half the examples are whole argument objects drawn from the tool's input schema; the
other half change one field of the tool's valid recipe, so that hostile values also reach
the handlers rather than stopping at validation. One sandbox copy serves all examples of
a tool (writes made by valid examples stay).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harvestkit.tools import NeedsInput, Tool, ToolError, catalog, execute
from tests.conftest import open_copy
from tests.tools.recipes import RECIPES

from .conftest import SCALE, Recorder, client, context
from .strategies import arguments, field_values

TOOLS = {tool.name: tool for tool in catalog()}
EXAMPLES = 8


async def _recipe(app: Any, tool: Tool) -> dict[str, Any]:
    async with client(Recorder(app)) as harvest:
        return await RECIPES[tool.name](harvest)


async def _check(app: Any, tool: Tool, args: dict[str, Any]) -> None:
    """Run the tool once and check that it ended in one of the three allowed ways."""
    recorder = Recorder(app)
    async with client(recorder) as harvest:
        try:
            result = await execute(tool, context(harvest), args)
        except ToolError as failed:
            assert failed.message.strip(), "a ToolError without a message"
            assert "Traceback" not in failed.message, "a stack trace as the message"
            assert recorder.committed_writes() == [], f"failed after writing: {failed.message}"
        except NeedsInput as asked:
            assert asked.question.message.strip(), "a question without words"
            assert recorder.committed_writes() == [], "asked a question after writing"
        else:
            tool.output_model.model_validate(result.model_dump(mode="json"))
    assert recorder.server_errors() == [], "the sandbox answered 5xx"


class ToolSandbox:
    """One sandbox copy for all examples of one tool, and the tool's valid arguments on it
    (made once, on first use: a recipe may create what the call needs)."""

    def __init__(self, app: Any, tool: Tool) -> None:
        self.app = app
        self.tool = tool
        self._base: dict[str, Any] | None = None

    def base(self) -> dict[str, Any]:
        if self._base is None:
            self._base = asyncio.run(_recipe(self.app, self.tool))
        return self._base


@pytest.fixture
def sandbox(
    request: pytest.FixtureRequest, demo_template: Path, tmp_path: Path
) -> Iterator[ToolSandbox]:
    app = open_copy(demo_template, tmp_path, rate_limit_scale=SCALE)
    yield ToolSandbox(app, TOOLS[request.node.callspec.params["name"]])
    app.state.sandbox.close()


@pytest.mark.parametrize("name", sorted(TOOLS))
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_bad_input_never_breaks_a_tool(
    name: str, data: st.DataObject, sandbox: ToolSandbox
) -> None:
    tool = sandbox.tool
    schema = tool.input_model.model_json_schema()
    if data.draw(st.booleans(), label="one field of the recipe changed"):
        field, strategy = data.draw(st.sampled_from(sorted(field_values(schema).items())))
        args = {**sandbox.base(), field: data.draw(strategy, label=field)}
    else:
        args = data.draw(arguments(schema), label="generated")
    asyncio.run(_check(sandbox.app, tool, args))
