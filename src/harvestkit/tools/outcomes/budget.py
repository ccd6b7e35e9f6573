"""`budget_status`: how much budget a project has left, how fast it burns, when it runs out."""

from __future__ import annotations

import base64
import calendar
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field

from harvestkit.api import PermissionDeniedError
from harvestkit.api.operations import (
    COMPANY_RETRIEVE,
    EXPENSES_LIST,
    PROJECTS_LIST,
    PROJECTS_RETRIEVE,
    PROJECTS_TASK_ASSIGNMENTS_LIST,
    PROJECTS_USER_ASSIGNMENTS_LIST,
    REPORTS_PROJECT_BUDGET,
    TIME_ENTRIES_LIST,
    USERS_ME,
    USERS_PROJECT_ASSIGNMENTS_LIST_MINE,
)

from .._tool import PROJECTS, Detail, ImageData, Tool, ToolContext, ToolError
from ..resolve import load_me, resolve_project, today, visible_projects
from ._budget_parts import BudgetPart, budget_parts
from ._burn import Basis, Spend, measure
from ._chart import burn_down_png
from ._common import READ, OutcomeInput, Ref, collect
from .forecast import Forecast, forecast

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
    counts: str = Field(default="", description="What the spent figure and the burn count.")
    budget: Decimal | None = None
    spent: Decimal | None = None
    remaining: Decimal | None = None
    percent_used: Decimal | None = None
    burn_per_week: Decimal | None = Field(
        default=None, description="Average of the recent full weeks; null when partial."
    )
    burn_weeks: str | None = Field(default=None, description="The weeks the burn averages.")
    weeks_remaining: Decimal | None = Field(
        default=None, description="remaining / burn_per_week; null when nothing burns."
    )
    projected_run_out: date | None = None
    verdict: Verdict
    reason: str
    partial: bool = Field(
        default=False, description="true: the caller cannot see all of the project's work."
    )
    partial_reason: str | None = None
    recent_weeks: list[WeekBurn] = []
    spent_this_week: Decimal | None = Field(
        default=None, description="What the current week consumed so far (after recent_weeks)."
    )
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
        rows = await collect(ctx.harvest, REPORTS_PROJECT_BUDGET)
    except PermissionDeniedError:
        raise ToolError(
            "you can't see this project's budget",
            hint="ask a project manager or administrator",
        ) from None
    return next((r for r in rows if r.project_id == project_id), None)


async def _settings(ctx: ToolContext, project_id: int) -> Any | None:
    """The project's own settings (fee, notification threshold, end date); only its
    managers and administrators may read them, so the others get Harvest's defaults."""
    try:
        return await ctx.harvest.call(PROJECTS_RETRIEVE, project_id=project_id)
    except PermissionDeniedError:
        return None


def _counts(budget_by: str, basis: Basis, with_expenses: bool, fixed_fee: bool) -> str:
    time = {
        "hours": "hours tracked",
        "billable": "billable time at the project's rates",
        "cost": "tracked time at the people's cost rates (the project has no billable rates)",
    }[basis]
    what = time + (" and billable expenses" if with_expenses else "")
    return f"{what}, against the fixed fee" if fixed_fee else what


async def budget_status(ctx: ToolContext, args: BudgetStatusInput) -> BudgetStatusOutput:
    """Harvest's budget figure (or, for a fixed-fee project without a budget, the fee against
    tracked cost and expenses), a burn rate from the same work, and the run-out forecast."""
    me = await load_me(ctx)
    choice = resolve_project(ctx, args.project, await visible_projects(ctx), key="project")
    row = await _report_row(ctx, choice.id)
    settings = await _settings(ctx, choice.id)
    if row is None and settings is None:
        raise ToolError(
            f"the budget of project {choice.id} is not shown to you",
            hint="ask a project manager or an administrator",
            details=(Detail("project", choice.name),),
        )
    budget_by = (row.budget_by if row else None) or getattr(settings, "budget_by", None) or "none"
    fee = getattr(settings, "fee", None) if getattr(settings, "is_fixed_fee", False) else None
    fixed_fee = budget_by == "none" and fee is not None
    money_budget = budget_by in _MONEY_BUDGETS or fixed_fee
    monthly = bool(row.budget_is_monthly if row else getattr(settings, "budget_is_monthly", False))
    basis: Basis = "hours"
    if money_budget:
        basis = "cost" if fixed_fee and getattr(settings, "bill_by", None) == "none" else "billable"
    with_expenses = fixed_fee or (
        budget_by == "project_cost" and bool(getattr(settings, "cost_budget_include_expenses", 0))
    )
    common: dict[str, Any] = {
        "project": Ref(id=choice.id, name=choice.name),
        "client": Ref(id=choice.client_id, name=choice.client_name or "")
        if choice.client_id
        else None,
        "budget_by": budget_by,
        "unit": (choice.currency or "money") if money_budget else "hours",
        "monthly": monthly,
    }
    if not fixed_fee and (budget_by == "none" or row is None):
        return BudgetStatusOutput(
            **common,
            budget_kind="no budget",
            verdict="no_budget",
            reason="the project has no budget",
        )
    # Only the project's managers and administrators see all of its time and expenses;
    # anyone else would get a burn rate from part of the work.
    whole = me.is_admin or choice.managed
    day = await today(ctx)
    window = _week_start(day, me.week_start_day) - timedelta(weeks=args.weeks)
    spend = None
    if whole:
        spend = await measure(
            ctx,
            choice.id,
            basis=basis,
            with_expenses=with_expenses,
            since=None if fixed_fee else window,
            window_start=window,
            weeks=args.weeks,
            day=day,
        )
    if fixed_fee:
        budget: Decimal | None = Decimal(str(fee))
        spent = spend.total if spend else None
    else:
        assert row is not None  # budgets other than a bare fee come from the report
        budget = None if row.budget is None else Decimal(str(row.budget))
        spent = None if row.budget_spent is None else Decimal(str(row.budget_spent))
    remaining = budget - spent if budget is not None and spent is not None else None
    percent = (
        (spent * 100 / budget).quantize(Decimal("0.1")) if budget and spent is not None else None
    )
    ends_on = getattr(settings, "ends_on", None)
    if monthly:
        ends_on = day.replace(day=calendar.monthrange(day.year, day.month)[1])
    threshold = Decimal(str(getattr(settings, "over_budget_notification_percentage", 0) or 80))
    ahead = (
        forecast(remaining, spend.weekly, day, ends_on=ends_on)
        if spend is not None and remaining is not None
        else None
    )
    verdict, reason = _verdict(remaining, percent, threshold, ahead)
    parts: list[BudgetPart] = []
    if args.response_format == "detailed":
        start = day.replace(day=1) if monthly else getattr(settings, "starts_on", None)
        parts = await budget_parts(ctx, choice.id, budget_by, start)
    last = window + timedelta(weeks=args.weeks, days=-1)
    return BudgetStatusOutput(
        **common,
        budget_kind="fixed fee" if fixed_fee else _KIND.get(budget_by, budget_by),
        counts=_counts(budget_by, basis, with_expenses, fixed_fee),
        budget=budget,
        spent=spent,
        remaining=remaining,
        percent_used=percent,
        burn_per_week=ahead.burn_per_week if ahead else None,
        burn_weeks=f"{window}..{last}" if spend else None,
        weeks_remaining=ahead.weeks_remaining if ahead else None,
        projected_run_out=ahead.run_out if ahead else None,
        verdict=verdict,
        reason=reason,
        partial=not whole,
        partial_reason=None if whole else _PARTIAL,
        recent_weeks=[
            WeekBurn(week_start=window + timedelta(weeks=i), spent=w)
            for i, w in enumerate(spend.weekly if spend else ())
        ],
        spent_this_week=spend.current if spend else None,
        parts=parts,
        chart=_chart(spend, ahead, budget, remaining) if args.chart and spend and ahead else None,
    )


_PARTIAL = (
    "you are not a manager of this project, so only part of its time and expenses is "
    "visible to you: the burn rate and run-out are left out rather than computed from part "
    "of the work; ask one of its managers or an administrator"
)


def _verdict(
    remaining: Decimal | None,
    percent: Decimal | None,
    threshold: Decimal,
    ahead: Forecast | None,
) -> tuple[Verdict, str]:
    if remaining is not None and remaining < 0:
        return "over", "spend is past the budget"
    if ahead is not None and ahead.warns:
        return "at_risk", ahead.message
    if percent is not None and percent >= threshold:
        return "at_risk", f"{percent}% used, at or past the {threshold}% notification threshold"
    if ahead is None:
        return "on_track", "inside the budget; the run-out is not forecast (see partial_reason)"
    return "on_track", ahead.message


def _chart(
    spend: Spend, ahead: Forecast, budget: Decimal | None, remaining: Decimal | None
) -> ImageData | None:
    if budget is None or remaining is None:
        return None
    # Remaining at the end of each past week, walking back from today's remaining.
    after: list[float] = []
    level = remaining + spend.current
    for spent in reversed(spend.weekly):
        after.append(float(level))
        level += spent
    after.reverse()
    ahead_levels: list[float] = []
    burn = ahead.burn_per_week
    if burn > 0 and remaining > 0:
        level = remaining
        while level > 0 and len(ahead_levels) < 26:
            level -= burn
            ahead_levels.append(float(max(level, Decimal(0))))
    png = burn_down_png([float(w) for w in spend.weekly], after, ahead_levels, float(budget))
    return ImageData(mime_type="image/png", data_base64=base64.b64encode(png).decode())


BUDGET_STATUS = Tool(
    name="budget_status",
    title="Project budget status",
    description=(
        "For a project given by name: budget (hours or money; per project, task or person; "
        "monthly budgets reset each month; a fixed-fee project without a budget is measured "
        "against its fee), spent, remaining, burn rate over recent weeks, weeks remaining, "
        "the projected run-out date and a verdict (on_track, at_risk when it runs out within "
        "4 weeks or before the project ends, over). Figures the caller can see only in part "
        "are left out and flagged partial. "
        "Use it when someone asks how much budget is left or when it runs out; chart=true adds "
        "a PNG burn-down chart, response_format='detailed' each task's or person's budget. "
        "Example: project='Website Redesign'."
    ),
    toolset=PROJECTS,
    input_model=BudgetStatusInput,
    output_model=BudgetStatusOutput,
    annotations=READ,
    operations=(
        USERS_ME,
        COMPANY_RETRIEVE,
        USERS_PROJECT_ASSIGNMENTS_LIST_MINE,
        PROJECTS_LIST,
        PROJECTS_RETRIEVE,
        REPORTS_PROJECT_BUDGET,
        TIME_ENTRIES_LIST,
        EXPENSES_LIST,
        PROJECTS_TASK_ASSIGNMENTS_LIST,
        PROJECTS_USER_ASSIGNMENTS_LIST,
    ),
    handler=budget_status,
    default=True,
    kind="outcome",
)
