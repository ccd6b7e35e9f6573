"""Per-task and per-person budgets: each part's budget against what it has spent."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from harvestkit.api import PermissionDeniedError
from harvestkit.api.operations import (
    PROJECTS_TASK_ASSIGNMENTS_LIST,
    PROJECTS_USER_ASSIGNMENTS_LIST,
    TIME_ENTRIES_LIST,
)

from .._tool import ToolContext
from ._burn import entry_value
from ._common import Ref, collect

__all__ = ["BudgetPart", "budget_parts"]


class BudgetPart(BaseModel):
    """One task's or person's share of a project budget."""

    ref: Ref
    budget: Decimal | None
    spent: Decimal
    remaining: Decimal | None


async def budget_parts(
    ctx: ToolContext, project_id: int, budget_by: str, since: date | None
) -> list[BudgetPart]:
    """Budget per task (`task`, `task_fees`) or per person (`person`), spent since `since`
    (the month's start for monthly budgets, else the whole project). Empty for other budget
    types, or when the caller may not read the project's assignments."""
    by_task = budget_by in ("task", "task_fees")
    if not by_task and budget_by != "person":
        return []
    h = ctx.harvest
    try:
        if by_task:
            rows = await collect(h, PROJECTS_TASK_ASSIGNMENTS_LIST, project_id=project_id)
            budgets = [(Ref.of(a.task), a.budget) for a in rows]
        else:
            people = await collect(h, PROJECTS_USER_ASSIGNMENTS_LIST, project_id=project_id)
            budgets = [(Ref.of(a.user), a.budget) for a in people]
    except PermissionDeniedError:
        return []
    filters: dict[str, Any] = {"project_id": project_id}
    if since is not None:
        filters["from_"] = since
    spent: dict[int, Decimal] = defaultdict(Decimal)
    # Page by page: one sum per task or person is kept, never the project's every entry.
    async for e in ctx.harvest.paginate(TIME_ENTRIES_LIST, **filters):
        who = Ref.of(e.task if by_task else e.user)
        spent[who.id] += entry_value(e, "billable" if budget_by == "task_fees" else "hours")
    parts = []
    for who, raw in budgets:
        budget = Decimal(str(raw)) if raw is not None else None
        used = spent.get(who.id, Decimal(0))
        parts.append(
            BudgetPart(
                ref=who,
                budget=budget,
                spent=used,
                remaining=budget - used if budget is not None else None,
            )
        )
    return sorted(parts, key=lambda p: (p.remaining is None, p.remaining or 0))
