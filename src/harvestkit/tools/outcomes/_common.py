"""Pieces every outcome tool shares: the base input model, references with names, money and
hour arithmetic, and helpers that read whole lists."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from harvestkit.api import AsyncHarvest

from .._tool import Annotations, ResponseFormat, ToolError
from ..timeframes import Period, parse_period

__all__ = [
    "READ",
    "WRITE",
    "OutcomeInput",
    "Ref",
    "collect",
    "hours",
    "money",
    "period_of",
]

READ = Annotations(read_only=True, destructive=False, idempotent=True, open_world=True)
"""Reads Harvest and changes nothing."""
WRITE = Annotations(read_only=False, destructive=False, idempotent=False, open_world=True)
"""Creates records in Harvest."""

_CENT = Decimal("0.01")


class OutcomeInput(BaseModel):
    """Fields every outcome tool takes."""

    model_config = ConfigDict(extra="forbid")

    response_format: ResponseFormat = Field(
        default="concise",
        description="'concise' (default) for the essentials, 'detailed' for every field.",
    )


class Ref(BaseModel):
    """A Harvest record named beside its id."""

    id: int
    name: str


def hours(value: Decimal | float | int | None) -> Decimal:
    """Hours to two decimals (Harvest's precision)."""
    return Decimal(str(value or 0)).quantize(_CENT, rounding=ROUND_HALF_UP)


def money(value: Decimal | float | int | None) -> Decimal:
    """An amount to cents."""
    return Decimal(str(value or 0)).quantize(_CENT, rounding=ROUND_HALF_UP)


def period_of(text: str, today: date, week_start_day: str) -> Period:
    """A period from what a person said, as a `ToolError` the agent can fix when unreadable."""
    try:
        period = parse_period(text, today, week_start_day)
    except ValueError as exc:
        raise ToolError(str(exc), hint="e.g. 'this week', 'last month', '2026-11-01..2026-11-15'")
    if period.days > 366:
        raise ToolError(
            f"period {text!r} spans {period.days} days; Harvest reports cover at most a year",
            hint="ask for a shorter period",
        )
    return period


async def collect(h: AsyncHarvest, op: str, /, **args: Any) -> list[Any]:
    """Every item of a list operation, across every page."""
    return [item async for item in h.paginate(op, **args)]
