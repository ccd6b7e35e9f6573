"""Input schemas are valid JSON Schema and fit MCP, OpenAI strict mode and Anthropic."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import anyio
import pytest
from jsonschema import Draft202012Validator
from mcp.types import Tool as MCPTool

from harvestkit.tools import Tool, catalog
from harvestkit.tools._catalog import parse_arguments
from harvestkit.tools.discovery import CALL, SEARCH, discovery_tools
from harvestkit.tools.export import (
    STRICT_KEYWORDS,
    anthropic_tool,
    export,
    mcp_tool,
    openai_tool,
)
from harvestkit.tools.export import input_schema as export_input_schema
from harvestkit.tools.export import output_schema as export_output_schema
from tests.tools.recipes import RECIPES

ALL = catalog() + discovery_tools(catalog())


@cache
def input_schema(tool: Tool) -> dict[str, Any]:
    return export_input_schema(tool)


@cache
def output_schema(tool: Tool) -> dict[str, Any]:
    return export_output_schema(tool)


IDS = [tool.name for tool in ALL]


def _objects(node: Any) -> list[dict[str, Any]]:
    """Every schema node with properties or type object, anywhere in ``node``."""
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if "properties" in node or node.get("type") == "object":
            found.append(node)
        for key, value in node.items():
            if key == "properties":
                for prop in value.values():
                    found.extend(_objects(prop))
            elif key == "$defs":
                for definition in value.values():
                    found.extend(_objects(definition))
            else:
                found.extend(_objects(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(_objects(item))
    return found


def _keywords(node: Any) -> set[str]:
    """Every schema keyword used (property names and $defs names excluded)."""
    used: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            used.add(key)
            if key in ("properties", "$defs"):
                for sub in value.values():
                    used |= _keywords(sub)
            else:
                used |= _keywords(value)
    elif isinstance(node, list):
        for item in node:
            used |= _keywords(item)
    return used


def _allows_null(prop: dict[str, Any]) -> bool:
    kinds = prop.get("type")
    if kinds == "null" or (isinstance(kinds, list) and "null" in kinds):
        return True
    return any(_allows_null(option) for option in prop.get("anyOf", []))


@pytest.mark.parametrize("tool", ALL, ids=IDS)
def test_input_schemas_pass_draft_2020_12_meta_validation(tool: Tool) -> None:
    Draft202012Validator.check_schema(input_schema(tool))
    assert input_schema(tool)["type"] == "object"


# Output schemas embed whole Harvest objects and take long to meta-validate; one tool of
# each output shape (page, record, deletion with dry run, outcome, meta) covers the builder.
SHAPES = ["harvest_projects_list", "harvest_invoices_get", "harvest_clients_delete",
          "harvest_invoices_send", SEARCH, CALL,
          *[tool.name for tool in ALL if tool.kind == "outcome"][:3]]  # fmt: skip


@pytest.mark.parametrize("name", SHAPES)
def test_output_schemas_pass_draft_2020_12_meta_validation(name: str) -> None:
    tool = next(tool for tool in ALL if tool.name == name)
    Draft202012Validator.check_schema(output_schema(tool))
    assert output_schema(tool)["type"] == "object"


@pytest.mark.parametrize("tool", ALL, ids=IDS)
def test_openai_export_meets_strict_mode(tool: Tool) -> None:
    exported = openai_tool(tool)
    assert exported["function"]["strict"] is True
    schema = exported["function"]["parameters"]
    Draft202012Validator.check_schema(schema)
    assert _keywords(schema) <= STRICT_KEYWORDS
    for node in _objects(schema):
        assert node["additionalProperties"] is False
        assert node["required"] == list(node.get("properties", {}))
    original = input_schema(tool)
    required = set(original.get("required", ()))
    for name, prop in schema["properties"].items():
        if name not in required:
            assert _allows_null(prop), name


def _example(tool: Tool) -> dict[str, Any]:
    if "Example: " not in tool.description:
        return {}
    text = tool.description.rsplit("Example: ", 1)[1].split("\n", 1)[0]
    try:
        example = json.loads(text)
    except json.JSONDecodeError:
        return {}
    return example if isinstance(example, dict) else {}


def _static_recipe(tool: Tool) -> dict[str, Any]:
    """The tool's test recipe, when it needs no sandbox to build its arguments."""
    recipe = RECIPES.get(tool.name)
    if recipe is None:
        return {}
    try:
        arguments: dict[str, Any] = anyio.run(recipe, None)
    except Exception:  # a recipe that reads the sandbox: no static arguments
        return {}
    return arguments


def _fill_nulls(value: Any, node: dict[str, Any], root: dict[str, Any]) -> Any:
    """``value`` as a strict-mode model sends it: every property present, null if unused."""
    if "$ref" in node:
        return _fill_nulls(value, root["$defs"][node["$ref"].rsplit("/", 1)[1]], root)
    if value is None:
        return None
    for option in node.get("anyOf", []):
        if option != {"type": "null"}:
            return _fill_nulls(value, option, root)
    if isinstance(value, dict) and "properties" in node:
        props = node["properties"]
        return {name: _fill_nulls(value.get(name), sub, root) for name, sub in props.items()}
    if isinstance(value, list) and "items" in node:
        return [_fill_nulls(item, node["items"], root) for item in value]
    return value


@pytest.mark.parametrize("tool", ALL, ids=IDS)
def test_strict_mode_nulls_are_accepted_as_not_given(tool: Tool) -> None:
    """A strict-mode model sends every argument, null for those it leaves out; the tool
    accepts that as "not given" (required arguments come from the description's example).
    """
    schema = openai_tool(tool)["function"]["parameters"]
    required = set(input_schema(tool).get("required", ()))
    example = _example(tool)
    if not required <= set(example):
        example = _static_recipe(tool)  # outcome tools' examples are prose, not JSON
    if not required <= set(example):
        pytest.skip("no example with its required arguments")
    arguments = _fill_nulls(example, schema, schema)
    Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(
        arguments
    )
    parse_arguments(tool, arguments)


@pytest.mark.parametrize("tool", ALL, ids=IDS)
def test_anthropic_and_mcp_exports(tool: Tool) -> None:
    anthropic = anthropic_tool(tool)
    assert anthropic["input_schema"]["type"] == "object"
    assert set(anthropic) == {"name", "description", "input_schema"}
    definition = MCPTool.model_validate(mcp_tool(tool))
    assert definition.annotations is not None
    assert definition.annotations.read_only_hint == tool.annotations.read_only
    assert definition.annotations.destructive_hint == tool.annotations.destructive
    assert definition.annotations.idempotent_hint == tool.annotations.idempotent
    assert definition.annotations.open_world_hint == tool.annotations.open_world


def test_exports_are_json_in_catalog_order() -> None:
    for fmt in ("mcp", "openai", "anthropic"):
        exported = json.loads(json.dumps(export(catalog(), fmt)))
        names = [item.get("name") or item["function"]["name"] for item in exported]
        assert names == [tool.name for tool in catalog()]
