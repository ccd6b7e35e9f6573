"""docs/tools.md, generated from the catalog (``harvestkit tools docs > docs/tools.md``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ._catalog import catalog
from ._tool import TOOLSETS, Tool

__all__ = ["render", "summary"]

# A sentence ends at . ! or ? followed by a capital letter ("e.g. 8:00am" does not end one).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")

_HEADER = """\
# Tools

Generated from the catalog by `harvestkit tools docs > docs/tools.md`; do not edit by hand.

Every tool declares the four MCP hints: **R** read-only, **D** destructive, **I** idempotent,
**O** open-world (its results carry text people wrote in Harvest). Tools marked ✔ in the
Default column make up the default set; tools marked ? ask for confirmation (elicitation, or
`confirm: true` after a `dry_run: true` preview). Run `harvestkit tools show NAME` for a
tool's full description and schemas.
"""


def summary(tool: Tool) -> str:
    """The first sentence of the tool's description."""
    first = tool.description.split("\n", 1)[0]
    return _SENTENCE_END.split(first, maxsplit=1)[0]


def _hints(tool: Tool) -> str:
    hints = tool.annotations
    values = (hints.read_only, hints.destructive, hints.idempotent, hints.open_world)
    flags = zip("RDIO", values, strict=True)
    return "".join(letter if on else "·" for letter, on in flags)


def _table(tools: Sequence[Tool]) -> list[str]:
    lines = ["| Tool | Hints | Default | Summary |", "|---|---|---|---|"]
    for tool in tools:
        mark = ("✔" if tool.default else "") + (" ?" if tool.needs_confirmation else "")
        text = summary(tool).replace("|", "\\|")
        lines.append(f"| `{tool.name}` | {_hints(tool)} | {mark.strip()} | {text} |")
    return lines


def render(tools: Sequence[Tool] | None = None) -> str:
    """The Markdown page listing every tool by toolset."""
    tools = catalog() if tools is None else tools
    lines = [_HEADER]
    lines.append(f"{len(tools)} tools, {sum(t.default for t in tools)} in the default set.\n")
    for toolset in TOOLSETS:
        members = [tool for tool in tools if tool.toolset == toolset]
        if not members:
            continue
        lines.append(f"## {toolset}\n")
        lines.extend(_table(members))
        lines.append("")
    return "\n".join(lines)
