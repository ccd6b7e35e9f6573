"""The one seam between the budget rule and the budget figures it watches.

The figures are ``budget_status``'s (spent, percent used, and the run-out of its
``forecast``), read through the catalog like any caller, so a watch and a person asking
see the same numbers; if the rule needs more of the forecast, this is the one place that
changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from harvestkit.tools import ToolContext, ToolError, execute
from harvestkit.tools.outcomes.budget import BUDGET_STATUS, BudgetStatusOutput

__all__ = ["BudgetFigures", "budget_figures"]


@dataclass(frozen=True)
class BudgetFigures:
    project_id: int
    project: str
    client: str | None
    unit: str
    budget: Decimal
    spent: Decimal
    remaining: Decimal
    percent_used: Decimal
    burn_per_week: Decimal | None
    weeks_remaining: Decimal | None
    projected_run_out: date | None


async def budget_figures(ctx: ToolContext, project_id: int) -> BudgetFigures | None:
    """The project's budget figures now; None when it has no budget or they are hidden."""
    try:
        out = await execute(BUDGET_STATUS, ctx, {"project": str(project_id)})
    except ToolError:
        return None
    assert isinstance(out, BudgetStatusOutput)
    if out.verdict == "no_budget" or out.budget is None or out.percent_used is None:
        return None
    return BudgetFigures(
        project_id=out.project.id,
        project=out.project.name,
        client=out.client.name if out.client else None,
        unit=out.unit,
        budget=out.budget,
        spent=out.spent or Decimal(0),
        remaining=out.remaining or Decimal(0),
        percent_used=out.percent_used,
        burn_per_week=out.burn_per_week,
        weeks_remaining=out.weeks_remaining,
        projected_run_out=out.projected_run_out,
    )
