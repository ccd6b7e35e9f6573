"""Budgets: every project with a budget, the over and at-risk ones first, each with a
burn-down chart drawn from `budget_status` (the same figures an agent gets).

Read with the signed-in person's Harvest client in the console's environment, so a person
sees the budgets Harvest shows them.
"""

from __future__ import annotations

import asyncio
from datetime import date
from decimal import Decimal
from typing import Any

from markupsafe import Markup
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from harvestkit.api.operations import (
    REPORTS_PROJECT_BUDGET,
)
from harvestkit.tools import ToolContext, ToolError, catalog, execute
from harvestkit.tools.outcomes.budget import BudgetStatusOutput

from ._charts import Chart, Marker, Series, render, sparkline
from ._web import page, services, signed_in

__all__ = ["ROUTES", "burn_down"]

_ORDER = {"over": 0, "at_risk": 1, "on_track": 2, "no_budget": 3}
_PARALLEL = 4
"""Projects read at once (each is a few Harvest requests)."""


def _tool() -> Any:
    return next(t for t in catalog() if t.name == "budget_status")


def _lines(status: BudgetStatusOutput, today: date) -> list[Series]:
    """Remaining budget at the start of each recent week and today, and the forecast from
    today's remaining to zero on the run-out date."""
    assert status.remaining is not None
    remaining = status.remaining
    level = remaining + (status.spent_this_week or Decimal(0))
    history: list[tuple[date, float]] = []
    for week in reversed(status.recent_weeks):
        level += week.spent
        history.append((week.week_start, float(level)))
    history.reverse()
    history.append((today, float(remaining)))
    lines = [Series("remaining", history)]
    if status.projected_run_out is not None and remaining > 0:
        lines.append(
            Series(
                f"forecast: runs out {status.projected_run_out.isoformat()}",
                [(today, float(remaining)), (status.projected_run_out, 0.0)],
                dashed=True,
                color="#d9731a",
            )
        )
    return lines


def burn_down(status: BudgetStatusOutput, today: date) -> Markup:
    """Remaining budget week by week (solid), the forecast to run-out (dashed), the budget
    line, and today, with axes in the budget's unit and dates."""
    unit, budget, remaining = status.unit, status.budget, status.remaining
    title = f"{status.project.name}: remaining budget ({unit})"
    if budget is None or remaining is None:
        return render(Chart(title, unit, []))
    markers = [
        Marker(f"budget {budget:g} {unit}", y=float(budget)),
        Marker("today", x=today, color="#555555"),
    ]
    series = _lines(status, today)
    return render(Chart(title, unit, series, markers, y_min=min(0.0, float(remaining))))


def small_burn_down(status: BudgetStatusOutput, today: date) -> Markup | None:
    """The burn-down in a table cell (no axes), scaled to the budget."""
    if status.budget is None or status.remaining is None or not status.budget:
        return None
    return sparkline(_lines(status, today), top=float(status.budget))


async def _statuses(request: Request) -> tuple[list[BudgetStatusOutput], list[str], date]:
    session = signed_in(request)
    svc = services(request)
    acting = svc.clients(session.person.name, svc.env)
    tool = _tool()
    problems: list[str] = []
    async with acting.harvest:
        ctx = ToolContext(harvest=acting.harvest, clock=svc.clock)
        rows = [r async for r in acting.harvest.paginate(REPORTS_PROJECT_BUDGET)]
        ids = [r.project_id for r in rows if r.budget is not None and r.project_id is not None]
        gate = asyncio.Semaphore(_PARALLEL)

        async def one(project_id: int) -> BudgetStatusOutput | None:
            async with gate:
                try:
                    out = await execute(tool, ctx, {"project": str(project_id)})
                except ToolError as exc:
                    problems.append(f"project {project_id}: {exc.message}")
                    return None
            assert isinstance(out, BudgetStatusOutput)
            return out

        found = [s for s in await asyncio.gather(*(one(i) for i in ids)) if s is not None]
    found.sort(key=lambda s: (_ORDER[s.verdict], -(s.percent_used or Decimal(0))))
    return found, problems, svc.clock().date()


async def budgets(request: Request) -> Response:
    found, problems, today = await _statuses(request)
    rows = [(s, small_burn_down(s, today)) for s in found]
    return page(request, "budgets.html", {"tab": "budgets", "rows": rows, "problems": problems})


async def budget(request: Request) -> Response:
    session = signed_in(request)
    svc = services(request)
    acting = svc.clients(session.person.name, svc.env)
    project_id = int(request.path_params["project_id"])
    async with acting.harvest:
        ctx = ToolContext(harvest=acting.harvest, clock=svc.clock)
        try:
            out = await execute(_tool(), ctx, {"project": str(project_id)})
        except ToolError as exc:
            raise HTTPException(404, exc.message) from None
    assert isinstance(out, BudgetStatusOutput)
    today = svc.clock().date()
    context = {"tab": "budgets", "s": out, "chart": burn_down(out, today), "today": today}
    return page(request, "budget.html", context)


ROUTES = [
    Route("/budgets", budgets, name="budgets"),
    Route("/budgets/{project_id:int}", budget, name="budget"),
]
