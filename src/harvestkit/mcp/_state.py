"""What the server holds for its lifetime: the guard (policy, audit trail, and each
principal's Harvest client) and the clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._guard import Guard


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class ServerState:
    """The lifespan object of the MCP server (`ctx.request_context.lifespan_context`)."""

    guard: Guard
    """Every call goes through it; without governance it allows all and records nothing."""
    clock: Callable[[], datetime] = field(default=_utc_now)
