"""The catalog, the filters that pick a tool surface from it, and the one way to run a tool.

``select`` applies its steps in this order, each a small function:

1. base: the tools of the named ``toolsets`` ("all" means every toolset, "default" the
   default tools) plus the tools named in ``tools``; when neither is given, the default
   tools (``defaults=True``) or the whole catalog (``defaults=False``);
2. read-only: with ``read_only=True`` every tool that writes is dropped, even one named
   explicitly; read-only mode overrides everything, as in github-mcp-server.

Catalog order is kept throughout, so tool lists are deterministic.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import InvalidOperation
from typing import Any, get_args

from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from harvestkit.api import HarvestError

from ._errors import from_harvest_error, from_validation_error
from ._tool import TOOLSETS, Tool, ToolContext, ToolError
from .operations import OPERATION_TOOLS
from .outcomes import OUTCOME_TOOLS

__all__ = ["MAX_DEFAULT_TOOLS", "catalog", "execute", "not_served", "parse_arguments", "select"]

MAX_DEFAULT_TOOLS = 25


def catalog() -> tuple[Tool, ...]:
    """Every tool: the operation tools in table order, then the outcome tools."""
    return OPERATION_TOOLS + OUTCOME_TOOLS


def _base(
    available: Sequence[Tool],
    toolsets: Iterable[str] | None,
    names: Iterable[str] | None,
    defaults: bool,
) -> list[Tool]:
    wanted_sets = set(toolsets or ())
    wanted_names = set(names or ())
    unknown_sets = wanted_sets - set(TOOLSETS) - {"all", "default"}
    if unknown_sets:
        raise ValueError(
            f"unknown toolset(s) {', '.join(sorted(unknown_sets))}; "
            f"choose from {', '.join((*TOOLSETS, 'all', 'default'))}"
        )
    unknown_names = wanted_names - {tool.name for tool in available}
    if unknown_names:
        raise ValueError(f"unknown tool(s) {', '.join(sorted(unknown_names))}")
    if not wanted_sets and not wanted_names:
        return [tool for tool in available if tool.default or not defaults]
    return [
        tool
        for tool in available
        if tool.name in wanted_names
        or "all" in wanted_sets
        or tool.toolset in wanted_sets
        or (tool.default and "default" in wanted_sets)
    ]


def _read_only(tools: list[Tool], read_only: bool) -> list[Tool]:
    return [tool for tool in tools if tool.read_only] if read_only else tools


def select(
    available: Sequence[Tool],
    *,
    toolsets: Iterable[str] | None = None,
    tools: Iterable[str] | None = None,
    read_only: bool = False,
    defaults: bool = True,
) -> tuple[Tool, ...]:
    """The tools to offer, by the steps in this module's docstring. Unknown toolset or tool
    names raise ``ValueError`` naming the valid ones."""
    chosen = _base(available, toolsets, tools, defaults)
    return tuple(_read_only(chosen, read_only))


def not_served(name: str, *, via: str | None = None) -> ToolError | None:
    """The error for a call of catalog tool `name` on a server that does not serve it,
    saying which toolset holds it and how to enable it; `None` if no tool has that name.
    `via` names the tool that reaches it instead (the discovery pair's call tool)."""
    tool = next((tool for tool in catalog() if tool.name == name), None)
    if tool is None:
        return None
    if via is not None:
        return ToolError(
            f"{name} is not listed by this server; it runs through {via}.",
            hint=f'Call {via} with {{"name": "{name}", "arguments": {{...}}}}.',
        )
    enable = f"--toolsets {tool.toolset}` (or `--tools {name}`)"
    if not tool.read_only:
        enable += ", without `--read-only`"
    return ToolError(
        f"{name} is a harvestkit tool in the {tool.toolset!r} toolset, which this server does "
        "not serve; nothing was run.",
        hint=f"Tell the person it is enabled by starting the server with `{enable}. "
        "Meanwhile use the tools this server lists.",
    )


def parse_arguments(tool: Tool, arguments: Mapping[str, Any]) -> BaseModel:
    """The tool's input model from ``arguments``.

    A null for a field that has a non-null default means that default: strict function
    calling (OpenAI) makes models send null for every argument they leave out.
    """
    return tool.input_model.model_validate(_without_defaulted_nulls(tool.input_model, arguments))


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    """The model inside `Model`, `Model | None`, `list[Model]` and the like."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for inner in get_args(annotation):
        found = _nested_model(inner)
        if found is not None:
            return found
    return None


def _without_defaulted_nulls(model: type[BaseModel], data: Mapping[str, Any]) -> dict[str, Any]:
    """Drop nulls that stand for "not given", at every level: strict clients send null for
    nested arguments they leave out too (an entry's `date`)."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        info = model.model_fields.get(key)
        if info is None:
            out[key] = value
            continue
        if value is None and not info.is_required() and info.default is not None:
            continue
        nested = _nested_model(info.annotation)
        if nested is not None and isinstance(value, Mapping):
            value = _without_defaulted_nulls(nested, value)
        elif nested is not None and isinstance(value, list):
            value = [
                _without_defaulted_nulls(nested, item) if isinstance(item, Mapping) else item
                for item in value
            ]
        out[key] = value
    return out


async def execute(tool: Tool, ctx: ToolContext, arguments: Mapping[str, Any]) -> BaseModel:
    """Validate ``arguments`` with the tool's input model and run its handler.

    Wrong arguments become a ToolError naming each field and why; SDK errors that escape a
    handler become ToolErrors with Harvest's message and a next step. ``NeedsInput``
    passes through to the transport, which asks and runs the tool again.
    """
    try:
        args = parse_arguments(tool, arguments)
    except PydanticValidationError as exc:
        raise await from_validation_error(ctx.harvest, tool.name, exc, arguments) from exc
    try:
        result = await tool.handler(ctx, args)
    except HarvestError as exc:
        raise await from_harvest_error(ctx.harvest, exc) from exc
    except (InvalidOperation, OverflowError) as exc:
        # An amount or a count past what arithmetic can hold ("1e400", 20-digit numbers):
        # handlers compute before they write, so nothing was changed.
        raise ToolError(
            f"{tool.name}: a number in the arguments is out of range; nothing was changed.",
            hint="Check the amounts, counts and periods, and call again with realistic values.",
        ) from exc
    if not isinstance(result, tool.output_model):
        raise TypeError(f"{tool.name} returned {type(result).__name__}, not its output model")
    return result
