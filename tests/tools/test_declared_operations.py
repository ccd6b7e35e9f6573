"""Each outcome tool calls only the operation-table rows it declares in `Tool.operations`.

Two views of one run of each outcome recipe: the rows the SDK core was asked to call,
paginate or prepare (exact, so `time_entries.create` and `time_entries.create_by_times`
are told apart although they share a route), and the HTTP requests that reached the
sandbox, each of which must match the route of a declared row (nothing went around the
SDK's table).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import harvestkit.tools
from harvestkit.api import OPERATIONS_BY_NAME, AsyncHarvest, Operation
from harvestkit.tools import ToolContext, catalog, execute
from tests.tools.conftest import RecordingTransport
from tests.tools.recipes import OUTCOME_RECIPES

OUTCOMES = {tool.name: tool for tool in catalog() if tool.kind == "outcome"}
TOOLS_SOURCE = Path(harvestkit.tools.__file__).parent


def test_no_tool_names_an_operation_by_string() -> None:
    """Rows, not names, so the result types flow from the table (`call(TIME_ENTRIES_CREATE)`
    is a `TimeEntry` to mypy; `call("time_entries.create")` would be `Any`)."""
    named = []
    for path in sorted(TOOLS_SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Call):
                named += [
                    f"{path.relative_to(TOOLS_SOURCE)}:{arg.lineno} {arg.value}"
                    for arg in node.args
                    if isinstance(arg, ast.Constant) and arg.value in OPERATIONS_BY_NAME
                ]
    assert named == []


def test_every_outcome_tool_declares_what_it_calls() -> None:
    assert sorted(OUTCOMES) == sorted(OUTCOME_RECIPES)
    assert [name for name, tool in OUTCOMES.items() if not tool.operations] == []
    assert all(isinstance(op, Operation) for tool in OUTCOMES.values() for op in tool.operations)


def _record(core: Any, name: str, used: list[Operation[Any]], monkeypatch: Any) -> None:
    """Note the row of every `core.<name>(op, args)` before it runs."""
    inner: Callable[..., Any] = getattr(core, name)

    def noted(op: Operation[Any], *rest: Any) -> Any:
        used.append(op)
        return inner(op, *rest)

    monkeypatch.setattr(core, name, noted)


def _route(op: Operation[Any]) -> tuple[str, re.Pattern[str]]:
    prefix = "/v2" if op.host == "api" else ""
    path = re.sub(r"{\w+}", "[^/]+", op.path)
    return op.method, re.compile(f"^{prefix}{path}$")


@pytest.mark.anyio
@pytest.mark.parametrize("name", sorted(OUTCOMES))
async def test_outcome_tool_calls_only_declared_rows(
    name: str,
    harvest: AsyncHarvest,
    ctx: ToolContext,
    transport: RecordingTransport,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tool = OUTCOMES[name]
    arguments = await OUTCOME_RECIPES[name](harvest)
    used: list[Operation[Any]] = []
    core = harvest._core
    _record(core, "call", used, monkeypatch)
    _record(core, "paginate", used, monkeypatch)
    _record(core.config, "prepare", used, monkeypatch)
    transport.sent.clear()

    await execute(tool, ctx, arguments)

    declared = set(tool.operations)
    assert used, "the recipe made no Harvest call at all"
    assert sorted({op.name for op in used if op not in declared}) == []
    routes = [_route(op) for op in declared]
    stray = [
        (method, path)
        for method, path in transport.sent
        if not any(method == m and pattern.match(path) for m, pattern in routes)
    ]
    assert stray == []
