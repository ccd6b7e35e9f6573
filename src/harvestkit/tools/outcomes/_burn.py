"""What a project's time and expenses consumed, week by week, read from one source so a
total and the burn rate derived from it always cover the same work."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from harvestkit.api.operations import (
    EXPENSES_LIST,
    TIME_ENTRIES_LIST,
)
from harvestkit.api.types import TimeEntry

from .._tool import ToolContext
from ._common import hours, money, sent

__all__ = ["Basis", "Spend", "entry_value", "measure"]

Basis = Literal["hours", "billable", "cost"]
"""How time counts: hours; money at the entries' billable rates (billable time only); or
money at the people's cost rates (fixed-fee projects without billable rates)."""


@dataclass(frozen=True)
class Spend:
    """Spend of one project: each full week of the window, the current week so far, and
    everything read (from `since`, or the project's whole life)."""

    weekly: list[Decimal]
    current: Decimal
    total: Decimal


def entry_value(entry: TimeEntry, basis: Basis) -> Decimal:
    """What one time entry consumes. Hours are the rounded hours Harvest's budget counts."""
    spent = hours(entry.rounded_hours if entry.rounded_hours is not None else entry.hours)
    if basis == "hours":
        return spent
    rate = entry.billable_rate if basis == "billable" and entry.billable else None
    if basis == "cost":
        rate = entry.cost_rate
    if rate is None:
        return Decimal(0)
    return money(spent * Decimal(str(rate)))


async def measure(
    ctx: ToolContext,
    project_id: int,
    *,
    basis: Basis,
    with_expenses: bool,
    since: date | None,
    window_start: date,
    weeks: int,
    day: date,
) -> Spend:
    """Read the project's time entries (and billable expenses when they count) from `since`
    to `day` and sum them per week from `window_start`."""
    filters: dict[str, Any] = {"project_id": project_id, "to": day}
    if since is not None:
        filters["from_"] = since
    weekly = [Decimal(0)] * weeks
    current = total = Decimal(0)

    def add(spent_date: date, value: Decimal) -> None:
        nonlocal current, total
        total += value
        if spent_date < window_start:
            return
        index = (spent_date - window_start).days // 7
        if index < weeks:
            weekly[index] += value
        else:
            current += value

    # Page by page: the weekly sums are all that is kept, never the project's every entry.
    async for e in ctx.harvest.paginate(TIME_ENTRIES_LIST, **filters):
        add(sent(e.spent_date), entry_value(e, basis))
    if with_expenses:
        async for x in ctx.harvest.paginate(EXPENSES_LIST, **filters):
            if x.billable:
                add(sent(x.spent_date), money(x.total_cost))
    return Spend(weekly, current, total)
