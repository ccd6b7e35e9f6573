"""How an operation tool is explained to an agent, kept as data.

Each toolset module (``_time.py``, ``_invoicing.py`` …) holds one ``Doc`` per operation-table
row. The description an agent reads is assembled from it in a fixed order (what, when to use
it, what to call first, an example call), so every tool reads the same way while each
sentence stays specific to its operation.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Doc", "render_description"]


@dataclass(frozen=True)
class Doc:
    """The agent-facing explanation of one operation tool."""

    what: str
    """What the tool does; the first sentence is the one-line summary."""
    when: str
    """When to use it (and when to use another tool instead)."""
    example: dict[str, Any]
    """The arguments of one realistic call (checked against the input model by the tests)."""
    first: str = ""
    """What to call first to get the ids it needs; empty when it needs none."""
    default: bool = False
    """In the default tool set."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Per-tool knobs for the builder (e.g. ``{"name": "harvest_timers_stop"}``)."""


def render_description(doc: Doc, *, is_list: bool, confirms: bool) -> str:
    """The full description: what, when, first, one line on paging or confirmation, example.

    How paging and confirmation work is said once, in the server's instructions and in the
    `cursor`, `confirm` and `dry_run` argument descriptions; the description only marks
    the tool as one that pages or asks, so the model can tell before calling it."""
    parts = [doc.what.strip(), f"When to use: {doc.when.strip()}"]
    if doc.first:
        parts.append(f"First: {doc.first.strip()}")
    if is_list:
        parts.append("Paged (next_cursor).")
    if confirms:
        parts.append("Asks for confirmation first (dry_run previews).")
    parts.append("Example: " + json.dumps(doc.example, separators=(", ", ": ")))
    return "\n".join(parts)
