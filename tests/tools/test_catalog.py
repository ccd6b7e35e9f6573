"""Catalog-wide invariants: names, annotations, descriptions, defaults and selection."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from harvestkit.api.operations import API_OPERATIONS
from harvestkit.tools import MAX_DEFAULT_TOOLS, TOOLSETS, Tool, catalog, select
from harvestkit.tools.operations import OPERATION_TOOLS
from harvestkit.tools.operations._stakes import ASKS_FIRST

ALL = catalog()
OPERATION = [tool for tool in ALL if tool.kind == "operation"]
OUTCOME = [tool for tool in ALL if tool.kind == "outcome"]
NAME = re.compile(r"^[a-z][a-z0-9_]{2,63}$")


def test_one_tool_per_documented_operation() -> None:
    assert len(OPERATION_TOOLS) == len(API_OPERATIONS) == 130
    assert [tool.operations for tool in OPERATION_TOOLS] == [(op,) for op in API_OPERATIONS]
    assert all(tool.operations[0].host == "api" for tool in OPERATION)


def test_names_are_unique_and_fit_every_host() -> None:
    names = [tool.name for tool in ALL]
    assert len(names) == len(set(names))
    assert [name for name in names if not NAME.match(name)] == []
    assert all(tool.name.startswith("harvest_") for tool in OPERATION)


@pytest.mark.parametrize("tool", ALL, ids=lambda tool: tool.name)
def test_four_annotations_are_explicit(tool: Tool) -> None:
    hints = tool.annotations
    values = (hints.read_only, hints.destructive, hints.idempotent, hints.open_world)
    assert all(isinstance(value, bool) for value in values)
    assert not (hints.read_only and hints.destructive)
    assert tool.toolset in TOOLSETS


@pytest.mark.parametrize("tool", OPERATION, ids=lambda tool: tool.name)
def test_annotations_follow_the_rule(tool: Tool) -> None:
    op = tool.operations[0]
    hints = tool.annotations
    assert hints.read_only == op.read_only
    assert hints.idempotent == op.idempotent
    assert hints.open_world is True
    if op.destructive or op.moves_money:
        assert hints.destructive and tool.needs_confirmation
    # Not destructive, yet asked about: inviting a person (see operations._stakes).
    assert tool.needs_confirmation == (hints.destructive or op.name in ASKS_FIRST)
    fields = set(tool.input_model.model_fields)
    assert ({"confirm", "dry_run"} <= fields) == tool.needs_confirmation
    assert ({"cursor", "per_page"} <= fields) == op.is_list
    assert "response_format" in fields


def _is_good_description(tool: Tool) -> bool:
    text = tool.description
    mentions_when = re.search(r"\bwhen\b|\buse (it|this)\b", text, re.IGNORECASE)
    return len(text) >= 120 and bool(mentions_when) and "example" in text.lower()


@pytest.mark.parametrize("tool", OPERATION, ids=lambda tool: tool.name)
def test_operation_descriptions_are_specific_and_have_a_valid_example(tool: Tool) -> None:
    assert _is_good_description(tool)
    assert "When to use:" in tool.description
    example = json.loads(tool.description.rsplit("Example: ", 1)[1])
    tool.input_model.model_validate(example)


def test_descriptions_are_not_templated() -> None:
    whats = [tool.description.split("\n")[0] for tool in OPERATION]
    whens = [tool.description.split("\n")[1] for tool in OPERATION]
    assert len(set(whats)) == len(whats)
    assert len(set(whens)) == len(whens)


@pytest.mark.parametrize("tool", OUTCOME, ids=lambda tool: tool.name)
def test_outcome_descriptions_say_when_and_show_an_example(tool: Tool) -> None:
    assert _is_good_description(tool), tool.description


def test_default_set_fits_the_budget() -> None:
    defaults = [tool.name for tool in ALL if tool.default]
    assert 0 < len(defaults) <= MAX_DEFAULT_TOOLS
    assert [tool.name for tool in select(ALL)] == defaults


def test_select_by_toolset_and_name_keeps_catalog_order() -> None:
    chosen = select(ALL, toolsets=["reports"], tools=["harvest_users_me"])
    names = [tool.name for tool in chosen]
    assert "harvest_users_me" in names
    assert {tool.toolset for tool in chosen} == {"reports", "people"}
    order = [tool.name for tool in ALL]
    assert names == sorted(names, key=order.index)


def test_read_only_overrides_explicit_names() -> None:
    chosen = select(ALL, toolsets=["time"], tools=["harvest_clients_delete"], read_only=True)
    assert chosen and all(tool.read_only for tool in chosen)
    assert "harvest_clients_delete" not in {tool.name for tool in chosen}


def test_all_and_defaults_false_give_everything() -> None:
    assert select(ALL, toolsets=["all"]) == ALL
    assert select(ALL, defaults=False) == ALL
    default_names = {tool.name for tool in select(ALL, toolsets=["default"])}
    assert default_names == {tool.name for tool in ALL if tool.default}


@pytest.mark.parametrize(
    ("toolsets", "tools", "message"),
    [(["timez"], None, "unknown toolset"), (None, ["harvest_nope"], "unknown tool")],
)
def test_unknown_names_are_refused(
    toolsets: list[str] | None, tools: list[str] | None, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        select(ALL, toolsets=toolsets, tools=tools)


def test_operation_tool_models_are_made_on_first_use_once() -> None:
    """A server serves a few of the 130 operation tools: their models are made when a tool
    is first used, not at start-up, and the handler validates with the class the record
    names."""
    script = """
import json
from harvestkit.tools.operations import OPERATION_TOOLS
from harvestkit.tools.operations._models import ToolInput, ToolOutput

def made():
    return len(ToolInput.__subclasses__()), len(ToolOutput.__subclasses__())

at_start = made()
tool = next(t for t in OPERATION_TOOLS if t.name == "harvest_projects_get")
first = (tool.input_model, tool.output_model)
assert (tool.input_model, tool.output_model) == first
print(json.dumps([at_start, made()]))
"""
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    at_start, after = json.loads(run.stdout)
    assert after == [at_start[0] + 1, at_start[1] + 1]


def test_a_tool_names_its_models() -> None:
    tool = OPERATION_TOOLS[0]
    with pytest.raises(TypeError, match="input_model"):
        Tool(  # type: ignore[call-arg]
            name="x",
            title="x",
            description="x",
            toolset="time",
            annotations=tool.annotations,
            operations=tool.operations,
            handler=tool.handler,
            output_model=tool.output_model,
        )
