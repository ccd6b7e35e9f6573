"""What the server holds for its lifetime: one Harvest client shared by every call, or,
with governance, the guard that hands each principal its own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from harvestkit.api import AsyncHarvest
from harvestkit.clock import system_now

if TYPE_CHECKING:
    from ._guard import Guard


@dataclass
class ServerState:
    """The lifespan object of the MCP server (`ctx.request_context.lifespan_context`)."""

    harvest: AsyncHarvest | None
    """`None` with governance: each principal then has its own client."""
    clock: Callable[[], datetime] = field(default=system_now)
    guard: Guard | None = None
    """Set when the server enforces policy and keeps the audit trail."""
