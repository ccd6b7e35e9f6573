"""`unbilled_expenses`, and how outcome tools show an expense."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field

from harvestkit.api.operations import (
    CLIENTS_LIST,
    COMPANY_RETRIEVE,
    EXPENSES_LIST,
    PROJECTS_LIST,
    USERS_ME,
    USERS_PROJECT_ASSIGNMENTS_LIST_MINE,
)
from harvestkit.api.types import Expense

from .._tool import EXPENSES, Tool, ToolContext
from ..resolve import (
    load_me,
    resolve_client,
    resolve_project,
    today,
    visible_projects,
)
from ._common import READ, OutcomeInput, Ref, collect, money, period_of, sent

__all__ = ["UNBILLED_EXPENSES", "ExpenseItem", "expense_item"]

PAGE = 50


class ExpenseItem(BaseModel):
    """One expense."""

    id: int
    spent_date: date
    project: Ref
    category: Ref
    person: Ref | None = None
    total_cost: Decimal
    units: Decimal | None = None
    billable: bool
    notes: str | None = None


class GroupTotal(BaseModel):
    """Total of the expenses in one group."""

    ref: Ref
    total: Decimal
    count: int


class UnbilledExpensesInput(OutcomeInput):
    """Arguments of `unbilled_expenses`."""

    client: str | None = Field(default=None, description="Client name; default: all.")
    project: str | None = Field(default=None, description="Project name; default: all.")
    period: str = Field(default="this year", description="e.g. 'last month', 'this year'.")
    cursor: str | None = None


class UnbilledExpensesOutput(BaseModel):
    """Billable expenses not yet invoiced."""

    start: date
    end: date
    total: Decimal
    by_project: list[GroupTotal]
    by_category: list[GroupTotal]
    expenses: list[ExpenseItem]
    total_entries: int
    next_cursor: str | None = None


def expense_item(e: Expense, detailed: bool) -> ExpenseItem:
    """An expense as outcome tools show it."""
    return ExpenseItem(
        id=e.id,
        spent_date=e.spent_date,
        project=Ref.of(e.project),
        category=Ref.of(e.expense_category),
        person=Ref(id=e.user.id, name=e.user.name or "") if detailed and e.user else None,
        total_cost=money(e.total_cost),
        units=Decimal(e.units)
        if e.units is not None and sent(e.expense_category).unit_name
        else None,
        billable=bool(e.billable),
        notes=e.notes if detailed else None,
    )


def _groups(items: list[ExpenseItem], key: str) -> list[GroupTotal]:
    sums: dict[int, list[ExpenseItem]] = defaultdict(list)
    for item in items:
        sums[getattr(item, key).id].append(item)
    groups = [
        GroupTotal(
            ref=getattr(rows[0], key),
            total=sum((r.total_cost for r in rows), Decimal(0)),
            count=len(rows),
        )
        for rows in sums.values()
    ]
    return sorted(groups, key=lambda g: -g.total)


async def unbilled_expenses(
    ctx: ToolContext, args: UnbilledExpensesInput
) -> UnbilledExpensesOutput:
    """Every unbilled billable expense in the period (all pages), totals and one page."""
    me = await load_me(ctx)
    period = period_of(args.period, await today(ctx), me.week_start_day)
    filters: dict[str, Any] = {"is_billed": False, "from_": period.start, "to": period.end}
    if args.client:
        filters["client_id"] = (await resolve_client(ctx, args.client, key="client")).id
    if args.project:
        projects = await visible_projects(ctx)
        filters["project_id"] = resolve_project(ctx, args.project, projects, key="project").id
    detailed = args.response_format == "detailed"
    items = [
        expense_item(e, detailed) for e in await collect(ctx.harvest, EXPENSES_LIST, **filters)
    ]
    items = sorted((i for i in items if i.billable), key=lambda i: (i.spent_date, i.id))
    offset = int(args.cursor) if args.cursor and args.cursor.isdigit() else 0
    return UnbilledExpensesOutput(
        start=period.start,
        end=period.end,
        total=sum((i.total_cost for i in items), Decimal(0)),
        by_project=_groups(items, "project"),
        by_category=_groups(items, "category"),
        expenses=items[offset : offset + PAGE],
        total_entries=len(items),
        next_cursor=str(offset + PAGE) if offset + PAGE < len(items) else None,
    )


UNBILLED_EXPENSES = Tool(
    name="unbilled_expenses",
    title="Unbilled expenses",
    description=(
        "Billable expenses not yet invoiced, optionally for one client or project, over a "
        "period (default this year): total, per project, per category, and the expenses 50 per "
        "page. Use it when someone asks what expenses are still to be billed, e.g. before "
        "invoicing. Example: client='Lumen Health', period='last month'."
    ),
    toolset=EXPENSES,
    input_model=UnbilledExpensesInput,
    output_model=UnbilledExpensesOutput,
    annotations=READ,
    operations=(
        USERS_ME,
        COMPANY_RETRIEVE,
        CLIENTS_LIST,
        PROJECTS_LIST,
        USERS_PROJECT_ASSIGNMENTS_LIST_MINE,
        EXPENSES_LIST,
    ),
    handler=unbilled_expenses,
    default=True,
    kind="outcome",
)
