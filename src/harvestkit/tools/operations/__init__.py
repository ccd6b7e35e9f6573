"""The 1:1 operation tools: one tool per documented Harvest API operation.

Identity-service rows (accounts, OAuth) are left out on purpose: credentials never pass
through tools. Every other row of ``harvestkit.api.operations.API_OPERATIONS`` has exactly
one ``Doc`` in one toolset module; building fails loudly if a row has none, so a new
operation cannot ship without an explanation for agents.
"""

from __future__ import annotations

from harvestkit.api.operations import API_OPERATIONS

from .._tool import Tool
from . import (
    _admin,
    _clients,
    _estimates,
    _expenses,
    _invoicing,
    _people,
    _projects,
    _reports,
    _time,
)
from ._build import RENAMES, annotations_for, build_tool, tool_name
from ._doc import Doc

__all__ = ["OPERATION_TOOLS", "RENAMES", "Doc", "annotations_for", "tool_name"]

_MODULES = (_time, _projects, _clients, _invoicing, _estimates, _expenses, _people,
            _reports, _admin)  # fmt: skip


def _build() -> tuple[Tool, ...]:
    docs = {}
    for module in _MODULES:
        for name, doc in module.DOCS.items():
            if name in docs:
                raise RuntimeError(f"{name} is explained twice")
            docs[name] = (doc, module.TOOLSET)
    tools = []
    for op in API_OPERATIONS:
        if op.name not in docs:
            raise RuntimeError(f"operation {op.name} has no tool description")
        doc, toolset = docs.pop(op.name)
        tools.append(build_tool(op, doc, toolset))
    if docs:
        raise RuntimeError(f"descriptions for unknown operations: {sorted(docs)}")
    return tuple(tools)


OPERATION_TOOLS: tuple[Tool, ...] = _build()
"""In operation-table order."""
