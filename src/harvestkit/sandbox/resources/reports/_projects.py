"""The per-project reports: uninvoiced work (§10.26) and project budgets (§10.27)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Row, and_, case, func, or_, select
from sqlalchemy.sql.elements import ColumnElement
from starlette.responses import Response

from ... import tables
from ...context import Ctx
from ...pagination import paginate
from ...render import num
from ._sql import (
    entry_hours,
    ex,
    hours_of,
    money_of,
    real,
    sees_amounts,
    te,
    timeframe,
    total,
)

projects, clients = tables.projects, tables.clients
MONEY_BUDGETS = ("project_cost", "task_fees")
_SUBJECT = (
    projects.c.id.label("project_id"),
    projects.c.name.label("project_name"),
    clients.c.id.label("client_id"),
    clients.c.name.label("client_name"),
)


def _billed_amount(hours: ColumnElement[float]) -> Any:
    return case(
        (and_(te.c.billable, te.c.billable_rate.is_not(None)), hours * real(te.c.billable_rate)),
        else_=0.0,
    )


# -- uninvoiced ------------------------------------------------------------------------


def uninvoiced_report(ctx: Ctx) -> Response:
    """Billable projects with work in the timeframe, and what of it is not invoiced yet."""
    ctx.require(
        ctx.has("managed_projects_invoice_drafter") or ctx.has("managed_projects_invoice_manager")
    )
    start, end = timeframe(ctx)
    include_fixed_fee = ctx.params.bool("include_fixed_fee") is not False
    hours = entry_hours(ctx)
    open_time = and_(te.c.billable, te.c.invoice_id.is_(None))
    time = (
        select(
            te.c.project_id,
            total(hours).label("total_hours"),
            total(case((open_time, hours), else_=0.0)).label("uninvoiced_hours"),
            total(case((open_time, _billed_amount(hours)), else_=0.0)).label("open_amount"),
        )
        .where(te.c.spent_date.between(start, end))
        .group_by(te.c.project_id)
        .subquery()
    )
    open_expense = and_(ex.c.billable, ex.c.invoice_id.is_(None))
    spent = (
        select(
            ex.c.project_id,
            total(case((open_expense, real(ex.c.total_cost)), else_=0.0)).label("open_expenses"),
        )
        .where(ex.c.spent_date.between(start, end))
        .group_by(ex.c.project_id)
        .subquery()
    )
    li = tables.invoice_line_items
    invoiced = (
        select(li.c.project_id, total(real(li.c.quantity) * real(li.c.unit_price)).label("sum"))
        .group_by(li.c.project_id)
        .subquery()
    )
    query = (
        select(
            *_SUBJECT,
            clients.c.currency,
            projects.c.is_fixed_fee,
            projects.c.fee,
            projects.c.starts_on,
            projects.c.created_at,
            time.c.total_hours,
            time.c.uninvoiced_hours,
            time.c.open_amount,
            spent.c.open_expenses,
            invoiced.c.sum.label("invoiced"),
        )
        .select_from(
            projects.join(clients, clients.c.id == projects.c.client_id)
            .outerjoin(time, time.c.project_id == projects.c.id)
            .outerjoin(spent, spent.c.project_id == projects.c.id)
            .outerjoin(invoiced, invoiced.c.project_id == projects.c.id)
        )
        .where(
            projects.c.is_billable,
            or_(time.c.project_id.is_not(None), spent.c.project_id.is_not(None)),
        )
        .order_by(func.lower(clients.c.name), func.lower(projects.c.name), projects.c.id)
    )
    if not include_fixed_fee:
        query = query.where(projects.c.is_fixed_fee.is_(False))
    if not ctx.is_admin:
        query = query.where(projects.c.id.in_(ctx.managed_project_ids))

    def render(row: Row[Any]) -> dict[str, Any]:
        time_amount = money_of(row.open_amount)
        if row.is_fixed_fee:
            time_amount = _open_fee(row, end)
        expenses = money_of(row.open_expenses)
        return {
            "client_id": row.client_id,
            "client_name": row.client_name,
            "project_id": row.project_id,
            "project_name": row.project_name,
            "currency": row.currency,
            "total_hours": hours_of(row.total_hours),
            "uninvoiced_hours": hours_of(row.uninvoiced_hours),
            "uninvoiced_expenses": expenses,
            "uninvoiced_amount": money_of(time_amount + expenses),
        }

    return paginate(ctx, query, key="results", render=render, style="page")


def _open_fee(row: Row[Any], end: date) -> float:
    """A fixed fee not yet invoiced, once the timeframe reaches the project's start (its
    start date, else its creation date); 0 before that."""
    starts = row.starts_on or row.created_at.date()
    if row.fee is None or end < starts:
        return 0.0
    return max(float(row.fee) - money_of(row.invoiced), 0.0)


# -- project budget --------------------------------------------------------------------


def _month(today: date) -> tuple[date, date]:
    first = today.replace(day=1)
    return first, (first + timedelta(days=32)).replace(day=1)


def project_budget_report(ctx: Ctx) -> Response:
    """Projects with a budget: the budget, what is spent of it, what remains."""
    hours = entry_hours(ctx)
    first, next_first = _month(ctx.today())
    in_month = and_(te.c.spent_date >= first, te.c.spent_date < next_first)
    time = (
        select(
            te.c.project_id,
            total(hours).label("hours"),
            total(case((in_month, hours), else_=0.0)).label("month_hours"),
            total(_billed_amount(hours)).label("amount"),
            total(case((in_month, _billed_amount(hours)), else_=0.0)).label("month_amount"),
        )
        .group_by(te.c.project_id)
        .subquery()
    )
    cost = case((ex.c.billable, real(ex.c.total_cost)), else_=0.0)
    ex_in_month = and_(ex.c.spent_date >= first, ex.c.spent_date < next_first)
    spent = (
        select(
            ex.c.project_id,
            total(cost).label("expenses"),
            total(case((ex_in_month, cost), else_=0.0)).label("month_expenses"),
        )
        .group_by(ex.c.project_id)
        .subquery()
    )
    ta, ua = tables.task_assignments, tables.user_assignments
    task_budgets = (
        select(ta.c.project_id, func.sum(real(ta.c.budget)).label("budget"))
        .group_by(ta.c.project_id)
        .subquery()
    )
    person_budgets = (
        select(ua.c.project_id, func.sum(real(ua.c.budget)).label("budget"))
        .group_by(ua.c.project_id)
        .subquery()
    )
    budgeted = projects.join(clients, clients.c.id == projects.c.client_id)
    conditions = [projects.c.budget_by != "none"]
    if (active := ctx.params.bool("is_active")) is not None:
        conditions.append(projects.c.is_active == active)
    if not ctx.is_admin:
        shared = and_(projects.c.id.in_(ctx.assigned_project_ids), projects.c.show_budget_to_all)
        conditions.append(or_(projects.c.id.in_(ctx.managed_project_ids), shared))
    query = (
        select(
            *_SUBJECT,
            projects.c.budget_is_monthly,
            projects.c.budget_by,
            projects.c.is_active,
            projects.c.budget,
            projects.c.cost_budget,
            projects.c.cost_budget_include_expenses,
            task_budgets.c.budget.label("task_budget"),
            person_budgets.c.budget.label("person_budget"),
            *(time.c[name] for name in ("hours", "month_hours", "amount", "month_amount")),
            spent.c.expenses,
            spent.c.month_expenses,
        )
        .select_from(
            budgeted.outerjoin(time, time.c.project_id == projects.c.id)
            .outerjoin(spent, spent.c.project_id == projects.c.id)
            .outerjoin(task_budgets, task_budgets.c.project_id == projects.c.id)
            .outerjoin(person_budgets, person_budgets.c.project_id == projects.c.id)
        )
        .where(*conditions)
        .order_by(func.lower(clients.c.name), func.lower(projects.c.name), projects.c.id)
    )
    amounts = sees_amounts(ctx)
    # Each outer join adds at most one row per project: the budgeted projects alone count
    # the rows, without summing every time entry a second time (half the report's time).
    rows_of = select(projects.c.id).select_from(budgeted).where(*conditions)
    return paginate(
        ctx,
        query,
        key="results",
        render=lambda row: _budget_row(row, amounts),
        style="page",
        rows_of=rows_of,
    )


def _budget_row(row: Row[Any], amounts: bool) -> dict[str, Any]:
    budget, spent = _budget_figures(row)
    hidden = row.budget_by in MONEY_BUDGETS and not amounts
    remaining = None if budget is None else money_of(float(budget) - spent)
    return {
        "project_id": row.project_id,
        "project_name": row.project_name,
        "client_id": row.client_id,
        "client_name": row.client_name,
        "budget_is_monthly": row.budget_is_monthly,
        "budget_by": row.budget_by,
        "is_active": row.is_active,
        "budget": None if hidden else num(budget),
        "budget_spent": None if hidden else money_of(spent),
        "budget_remaining": None if hidden else remaining,
    }


def _budget_figures(row: Row[Any]) -> tuple[Decimal | float | None, float]:
    """(budget, spent): hours for hour budgets, billable money for fee budgets."""
    monthly = row.budget_is_monthly
    if row.budget_by in MONEY_BUDGETS:
        spent = (row.month_amount if monthly else row.amount) or 0.0
        if row.budget_by == "project_cost":
            if row.cost_budget_include_expenses:
                spent += (row.month_expenses if monthly else row.expenses) or 0.0
            return row.cost_budget, spent
        return _assignment_budget(row.task_budget, row.budget), spent
    spent = (row.month_hours if monthly else row.hours) or 0.0
    if row.budget_by == "task":
        return _assignment_budget(row.task_budget, row.budget), spent
    if row.budget_by == "person":
        return _assignment_budget(row.person_budget, row.budget), spent
    return row.budget, spent


def _assignment_budget(assigned: float | None, project_budget: Decimal | None) -> Any:
    """Per-task or per-person budgets add up to the project's; the project's own budget
    stands in when no assignment carries one."""
    if assigned is None:
        return project_budget
    return Decimal(f"{assigned:.2f}")
