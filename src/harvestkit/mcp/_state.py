"""What the server holds for its lifetime: one Harvest client shared by every call."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from harvestkit.api import AsyncHarvest


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class ServerState:
    """The lifespan object of the MCP server (`ctx.request_context.lifespan_context`)."""

    harvest: AsyncHarvest
    clock: Callable[[], datetime] = field(default=_utc_now)
