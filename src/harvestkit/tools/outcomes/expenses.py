"""`unbilled_expenses` and `add_expense`."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field

from .._tool import EXPENSES, Detail, Tool, ToolContext, ToolError
from ..resolve import (
    Candidate,
    cached,
    choose,
    load_me,
    my_projects,
    resolve_client,
    resolve_project,
    today,
    visible_projects,
)
from ..timeframes import parse_date
from ._common import READ, WRITE, OutcomeInput, Ref, collect, money, period_of
from ._receipts import read_receipt

__all__ = ["ADD_EXPENSE", "UNBILLED_EXPENSES"]

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


def _item(e: Any, detailed: bool) -> ExpenseItem:
    return ExpenseItem(
        id=e.id,
        spent_date=e.spent_date,
        project=Ref(id=e.project.id, name=e.project.name or ""),
        category=Ref(id=e.expense_category.id, name=e.expense_category.name or ""),
        person=Ref(id=e.user.id, name=e.user.name or "") if detailed and e.user else None,
        total_cost=money(e.total_cost),
        units=Decimal(e.units) if e.units is not None and e.expense_category.unit_name else None,
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
    items = [_item(e, detailed) for e in await collect(ctx.harvest, "expenses.list", **filters)]
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


class AddExpenseInput(OutcomeInput):
    """Arguments of `add_expense`."""

    project: str = Field(description="Project name, code, client name, or id.")
    category: str = Field(description="Expense category name, e.g. 'Travel', 'Mileage'.")
    amount: Decimal | None = Field(default=None, gt=0, description="Total cost (money).")
    units: int | None = Field(
        default=None, gt=0, description="For unit-based categories (e.g. miles): how many."
    )
    date: str = Field(default="today", description="'today', 'yesterday', ISO date.")
    notes: str | None = None
    billable: bool | None = Field(default=None, description="Default: Harvest's default.")
    receipt_path: str | None = Field(
        default=None,
        description=(
            "A receipt file (PDF or image) to attach, by path on the server's machine; only "
            "files under the directory named by HARVESTKIT_RECEIPT_DIR are accepted."
        ),
    )
    receipt_base64: str | None = Field(
        default=None, description="A receipt's bytes, base64-encoded (with receipt_file_name)."
    )
    receipt_file_name: str | None = Field(
        default=None, description="The receipt's file name, e.g. 'taxi.pdf'."
    )


class AddExpenseOutput(BaseModel):
    """The expense recorded."""

    expense: ExpenseItem


async def _categories(ctx: ToolContext) -> list[Any]:
    async def load() -> list[Any]:
        return [c for c in await collect(ctx.harvest, "expense_categories.list") if c.is_active]

    categories: list[Any] = await cached(ctx.harvest, "expense_categories", load)
    return categories


def _quantity(category: Any, args: AddExpenseInput) -> dict[str, Any]:
    """Units for a unit-priced category, else the amount. The category's name and unit are
    Harvest text, so errors give them as details."""
    details = [Detail("expense category", category.name or "")]
    if category.unit_price is not None:
        if args.units is None:
            if category.unit_name:
                details.append(Detail("unit", category.unit_name))
            raise ToolError(
                f"expense category {category.id} is counted in units at {category.unit_price} each",
                hint="pass units (how many of the category's unit), not amount",
                details=details,
            )
        return {"units": args.units}
    if args.amount is None:
        raise ToolError(
            f"expense category {category.id} needs an amount",
            hint="pass amount",
            details=details,
        )
    return {"total_cost": money(args.amount)}


async def add_expense(ctx: ToolContext, args: AddExpenseInput) -> AddExpenseOutput:
    """Resolve project and category by name; units for unit-based categories, else amount."""
    project = resolve_project(ctx, args.project, await my_projects(ctx), key="project")
    categories = await _categories(ctx)
    pool = [Candidate(c.id, c.name or "", (c.name or "",)) for c in categories]
    category = next(
        c
        for c in categories
        if c.id
        == choose(ctx, key="category", kind="expense category", query=args.category, pool=pool)
    )
    body: dict[str, Any] = {"project_id": project.id, "expense_category_id": category.id}
    body |= _quantity(category, args)
    try:
        body["spent_date"] = parse_date(args.date, await today(ctx))
    except ValueError as exc:
        raise ToolError(str(exc)) from None
    if args.notes:
        body["notes"] = args.notes
    if args.billable is not None:
        body["billable"] = args.billable
    receipt = read_receipt(args.receipt_path, args.receipt_base64, args.receipt_file_name)
    if receipt is not None:
        body["receipt"] = receipt
    created = await ctx.harvest.call("expenses.create", **body)
    return AddExpenseOutput(expense=_item(created, True))


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
        "users.me",
        "company.retrieve",
        "clients.list",
        "projects.list",
        "users.project_assignments.list_mine",
        "expenses.list",
    ),
    handler=unbilled_expenses,
    default=True,
    kind="outcome",
)

ADD_EXPENSE = Tool(
    name="add_expense",
    title="Add an expense",
    description=(
        "Record an expense for yourself on a project, with the category by name. Unit-based "
        "categories (e.g. Mileage) take units; others take amount. Use it when someone reports "
        "money spent for a project. Example: project='Website Redesign', category='Travel', "
        "amount=42.50, date='yesterday', notes='Train to client'."
    ),
    toolset=EXPENSES,
    input_model=AddExpenseInput,
    output_model=AddExpenseOutput,
    annotations=WRITE,
    operations=(
        "users.me",
        "company.retrieve",
        "users.project_assignments.list_mine",
        "expense_categories.list",
        "expenses.create",
    ),
    handler=add_expense,
    default=True,
    kind="outcome",
)
