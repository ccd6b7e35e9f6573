"""`budget_status`: how much budget a project has left, how fast it burns, when it runs out."""

from __future__ import annotations

import base64
import calendar
import math
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field

from harvestkit.api import PermissionDeniedError

from .._tool import PROJECTS, Detail, ImageData, Tool, ToolContext, ToolError
from ..resolve import load_me, resolve_project, today, visible_projects
from ._budget_parts import BudgetPart, budget_parts, cost
from ._chart import burn_down_png
from ._common import READ, OutcomeInput, Ref, collect

__all__ = ["BUDGET_STATUS", "BudgetStatusOutput"]

_MONEY_BUDGETS = ("project_cost", "task_fees")
_KIND = {
    "project": "hours per project",
    "project_cost": "total project fees",
    "task": "hours per task",
    "task_fees": "fees per task",
    "person": "hours per person",
}

Verdict = Literal["on_track", "at_risk", "over", "no_budget"]


class BudgetStatusInput(OutcomeInput):
    """Arguments of `budget_status`."""

    project: str = Field(description="Project name, code, client name, or id.")
    weeks: int = Field(default=4, ge=1, le=26, description="Weeks the burn rate averages over.")
    chart: bool = Field(default=False, description="true: include a PNG burn-down chart.")


class WeekBurn(BaseModel):
    """What one week consumed."""

    week_start: date
    spent: Decimal


class BudgetStatusOutput(BaseModel):
    """Budget, spend, burn rate, projection and verdict for one project."""

    project: Ref
    client: Ref | None = None
    budget_by: str
    budget_kind: str
    unit: str = Field(description="'hours' or a currency code.")
    monthly: bool
    budget: Decimal | None = None
    spent: Decimal | None = None
    remaining: Decimal | None = None
    percent_used: Decimal | None = None
    burn_per_week: Decimal
    weeks_remaining: Decimal | None = Field(
        default=None, description="remaining / burn_per_week; null when nothing burns."
    )
    projected_run_out: date | None = None
    verdict: Verdict
    reason: str
    recent_weeks: list[WeekBurn] = []
    parts: list[BudgetPart] = Field(
        default=[],
        description="Per task or per person budgets (detailed response only), tightest first.",
    )
    chart: ImageData | None = None


def _week_start(day: date, first: str) -> date:
    index = [d.lower() for d in calendar.day_name].index(first.lower())
    return day - timedelta(days=(day.weekday() - index) % 7)


async def _report_row(ctx: ToolContext, project_id: int) -> Any | None:
    try:
        rows = await collect(ctx.harvest, "reports.project_budget")
    except PermissionDeniedError:
        raise ToolError(
            "you can't see this project's budget",
            hint="ask a project manager or administrator",
        ) from None
    return next((r for r in rows if r.project_id == project_id), None)


async def _settings(ctx: ToolContext, project_id: int) -> Any | None:
    """The project's own settings (notification threshold, end date); only its managers and
    administrators may read them, so the others get Harvest's defaults."""
    try:
        return await ctx.harvest.call("projects.retrieve", project_id=project_id)
    except PermissionDeniedError:
        return None


def _verdict(
    remaining: Decimal,
    percent: Decimal,
    threshold: Decimal,
    run_out: date | None,
    horizon: date | None,
) -> tuple[Verdict, str]:
    if remaining < 0:
        return "over", "spend is past the budget"
    if percent >= threshold:
        return "at_risk", f"{percent}% used, at or past the {threshold}% notification threshold"
    if run_out is not None and horizon is not None and run_out < horizon:
        return (
            "at_risk",
            f"at the current burn rate the budget runs out on {run_out}, before {horizon}",
        )
    return "on_track", "inside the budget at the current burn rate"


async def budget_status(ctx: ToolContext, args: BudgetStatusInput) -> BudgetStatusOutput:
    """Budget report row + the project's settings + recent entries for the burn rate."""
    me = await load_me(ctx)
    choice = resolve_project(ctx, args.project, await visible_projects(ctx), key="project")
    row = await _report_row(ctx, choice.id)
    settings = await _settings(ctx, choice.id)
    ref = Ref(id=choice.id, name=choice.name)
    client = Ref(id=choice.client_id, name=choice.client_name or "") if choice.client_id else None
    budget_by = (row.budget_by if row else None) or getattr(settings, "budget_by", None) or "none"
    money_budget = budget_by in _MONEY_BUDGETS
    unit = (choice.currency or "money") if money_budget else "hours"
    monthly = bool(row.budget_is_monthly if row else getattr(settings, "budget_is_monthly", False))
    common = {
        "project": ref,
        "client": client,
        "budget_by": budget_by,
        "unit": unit,
        "monthly": monthly,
    }
    if row is None and settings is None:
        raise ToolError(
            f"the budget of project {choice.id} is not shown to you",
            hint="ask a project manager or an administrator",
            details=(Detail("project", choice.name),),
        )
    if budget_by == "none" or row is None:
        return BudgetStatusOutput(
            **common,
            budget_kind="no budget",
            burn_per_week=Decimal(0),
            verdict="no_budget",
            reason="the project has no budget",
        )
    day = await today(ctx)
    this_week = _week_start(day, me.week_start_day)
    since = this_week - timedelta(weeks=args.weeks)
    entries = await collect(
        ctx.harvest, "time_entries.list", project_id=choice.id, from_=since, to=day
    )
    weekly = [Decimal(0)] * args.weeks
    current = Decimal(0)
    for e in entries:
        index = (e.spent_date - since).days // 7
        if index < args.weeks:
            weekly[index] += cost(e, money_budget)
        else:
            current += cost(e, money_budget)
    burn = (sum(weekly, Decimal(0)) / args.weeks).quantize(Decimal("0.01"))
    budget = Decimal(str(row.budget or 0))
    spent = Decimal(str(row.budget_spent or 0))
    remaining = budget - spent
    percent = (spent * 100 / budget).quantize(Decimal("0.1")) if budget else Decimal(0)
    weeks_left = (remaining / burn).quantize(Decimal("0.1")) if burn > 0 else None
    run_out = None
    if burn > 0 and remaining > 0:
        run_out = day + timedelta(days=math.ceil(remaining / burn * 7))
    elif remaining <= 0:
        run_out = day
    horizon = getattr(settings, "ends_on", None)
    if monthly:
        horizon = day.replace(day=calendar.monthrange(day.year, day.month)[1])
    threshold = Decimal(str(getattr(settings, "over_budget_notification_percentage", 0) or 80))
    verdict, reason = _verdict(remaining, percent, threshold, run_out, horizon)
    parts: list[BudgetPart] = []
    if args.response_format == "detailed":
        start = day.replace(day=1) if monthly else getattr(settings, "starts_on", None)
        parts = await budget_parts(ctx, choice.id, budget_by, start)
    chart = None
    if args.chart:
        chart = _chart(weekly, current, remaining, burn, budget)
    return BudgetStatusOutput(
        **common,
        budget_kind=_KIND.get(budget_by, budget_by),
        budget=budget,
        spent=spent,
        remaining=remaining,
        percent_used=percent,
        burn_per_week=burn,
        weeks_remaining=weeks_left,
        projected_run_out=run_out,
        verdict=verdict,
        reason=reason,
        recent_weeks=[
            WeekBurn(week_start=since + timedelta(weeks=i), spent=w) for i, w in enumerate(weekly)
        ],
        parts=parts,
        chart=chart,
    )


def _chart(
    weekly: list[Decimal], current: Decimal, remaining: Decimal, burn: Decimal, budget: Decimal
) -> ImageData:
    # Remaining at the end of each past week, walking back from today's remaining.
    after: list[float] = []
    level = remaining + current
    for spent in reversed(weekly):
        after.append(float(level))
        level += spent
    after.reverse()
    ahead: list[float] = []
    if burn > 0 and remaining > 0:
        level = remaining
        while level > 0 and len(ahead) < 26:
            level -= burn
            ahead.append(float(max(level, Decimal(0))))
    png = burn_down_png([float(w) for w in weekly], after, ahead, float(budget))
    return ImageData(mime_type="image/png", data_base64=base64.b64encode(png).decode())


BUDGET_STATUS = Tool(
    name="budget_status",
    title="Project budget status",
    description=(
        "For a project given by name: budget (hours or money; per project, task or person; "
        "monthly budgets reset each month), spent, remaining, burn rate over recent weeks, "
        "weeks remaining, the projected run-out date and a verdict (on_track, at_risk, over). "
        "Use it when someone asks how much budget is left or when it runs out; chart=true adds "
        "a PNG burn-down chart, response_format='detailed' each task's or person's budget. "
        "Example: project='Website Redesign'."
    ),
    toolset=PROJECTS,
    input_model=BudgetStatusInput,
    output_model=BudgetStatusOutput,
    annotations=READ,
    operations=(
        "users.me",
        "company.retrieve",
        "users.project_assignments.list_mine",
        "projects.list",
        "projects.retrieve",
        "reports.project_budget",
        "time_entries.list",
        "projects.task_assignments.list",
        "projects.user_assignments.list",
    ),
    handler=budget_status,
    default=True,
    kind="outcome",
)
