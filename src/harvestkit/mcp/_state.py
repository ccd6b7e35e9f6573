"""What the server holds for its lifetime: the guard (policy, audit trail, and each
principal's Harvest client) and the clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from harvestkit.clock import system_now

if TYPE_CHECKING:
    from ._guard import Guard


@dataclass
class ServerState:
    """The lifespan object of the MCP server (`ctx.request_context.lifespan_context`)."""

    guard: Guard
    """Every call goes through it; without governance it allows all and records nothing."""
    clock: Callable[[], datetime] = field(default=system_now)
    answer_within: float | None = None
    """Seconds a call may take before long work returns how to continue (`ANSWER_WITHIN`)."""
