"""`add_expense`: record an expense by names, or from a receipt alone.

Given only a receipt, the tool reads it and proposes the whole expense (amount, date,
category, project); whatever is unsure is a question, and the person agrees once before
anything is written. A dry run returns the proposal and the exact request. The receipt's
fingerprint goes into the expense's notes, so a second try with the same file finds the
first expense and says where it went instead of making another.
"""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field

from harvestkit.api.operations import (
    COMPANY_RETRIEVE,
    EXPENSE_CATEGORIES_LIST,
    EXPENSES_CREATE,
    EXPENSES_LIST,
    TIME_ENTRIES_LIST,
    USERS_ME,
    USERS_PROJECT_ASSIGNMENTS_LIST_MINE,
)
from harvestkit.api.types import ExpenseCategory

from .._tool import EXPENSES, Choice, Detail, Question, Tool, ToolContext, ToolError
from ..resolve import Candidate, ProjectOption, choose, my_projects, resolve_project, today
from ..timeframes import parse_date
from ._common import WRITE, collect, money
from ._confirm import ConfirmInput, Plan, PlannedRequest, Step, confirmed
from ._from_receipt import (
    PROJECT_QUESTION,
    ReceiptFacts,
    already_expensed,
    ask_amount,
    ask_date,
    duplicate_of,
    fingerprint,
    project_from_work,
    read_facts,
)
from ._receipts import read_receipt
from .expenses import ExpenseItem, expense_item

__all__ = ["ADD_EXPENSE"]


class AddExpenseInput(ConfirmInput):
    """Arguments of `add_expense`."""

    project: str | None = Field(
        default=None,
        description="Project name, code, client name, or id. With a receipt and no project: "
        "the project of your time entries that day, or a question.",
    )
    category: str | None = Field(
        default=None,
        description="Expense category name, e.g. 'Travel', 'Mileage'. With a receipt and no "
        "category: proposed from the receipt's vendor and words.",
    )
    amount: Decimal | None = Field(
        default=None, gt=0, description="Total cost (money). With a receipt: its total."
    )
    units: int | None = Field(
        default=None, gt=0, description="For unit-based categories (e.g. miles): how many."
    )
    date: str | None = Field(
        default=None,
        description="'today', 'yesterday', ISO date. Default: the receipt's date, else today.",
    )
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
    """The expense recorded; on a dry run, what would be recorded and the request."""

    expense: ExpenseItem | None = None
    read_from_receipt: ReceiptFacts | None = None
    dry_run: bool = False
    planned_requests: list[PlannedRequest] = []


async def _categories(ctx: ToolContext) -> list[Any]:
    async def load() -> list[Any]:
        return [c for c in await collect(ctx.harvest, EXPENSE_CATEGORIES_LIST) if c.is_active]

    categories: list[Any] = await ctx.cached("expense_categories", load)
    return categories


def _category(
    ctx: ToolContext, categories: list[ExpenseCategory], wanted: str | None
) -> ExpenseCategory:
    """The category named, else the one the receipt proposed; none: a question."""
    if wanted:
        pool = [Candidate(c.id, c.name or "", (c.name or "",)) for c in categories]
        chosen = choose(ctx, key="category", kind="expense category", query=wanted, pool=pool)
        return next(c for c in categories if c.id == chosen)
    priced = [c for c in categories if c.unit_price is None]
    answer = ctx.ask(
        Question(
            key="category",
            kind="choice",
            message="Which expense category is this receipt?",
            choices=tuple(Choice(str(c.id), c.name or "") for c in priced),
        )
    )
    found = next((c for c in priced if str(c.id) == str(answer)), None)
    if found is None:
        raise ToolError(f"{answer!r} is not one of the offered categories")
    return found


def _quantity(
    category: ExpenseCategory, args: AddExpenseInput, amount: Decimal | None
) -> dict[str, Any]:
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
    if amount is None:
        raise ToolError(
            f"expense category {category.id} needs an amount",
            hint="pass amount",
            details=details,
        )
    return {"total_cost": money(amount)}


def _spent_date(text: str | None, now: date) -> date:
    try:
        return parse_date(text or "today", now)
    except ValueError as exc:
        raise ToolError(str(exc)) from None


def _same_currency(
    facts: ReceiptFacts | None, project: ProjectOption, args: AddExpenseInput
) -> None:
    """A receipt in another currency than the project's is not copied as if it were."""
    if facts is None or args.amount is not None or not facts.currency or not project.currency:
        return
    if facts.currency != project.currency:
        raise ToolError(
            f"the receipt is in {facts.currency} but project {project.id} is billed in "
            f"{project.currency}",
            hint=f"pass amount: the receipt's total of {facts.total} {facts.currency} "
            f"in {project.currency}",
        )


async def add_expense(ctx: ToolContext, args: AddExpenseInput) -> AddExpenseOutput:
    """Resolve project and category by name; units for unit-based categories, else amount.
    With a receipt and something missing, read the receipt and propose the rest."""
    now = await today(ctx)
    receipt = read_receipt(args.receipt_path, args.receipt_base64, args.receipt_file_name)
    categories = await _categories(ctx)
    facts: ReceiptFacts | None = None
    if receipt is not None:
        earlier = await duplicate_of(ctx, hashlib.sha256(receipt.content).hexdigest(), now)
        if earlier is not None:
            raise already_expensed(earlier)
        if (
            args.project is None
            or args.category is None
            or (args.amount is None and args.units is None)
        ):
            facts = await read_facts(receipt, [c.name or "" for c in categories])
    elif args.project is None or args.category is None:
        raise ToolError("name the project and category, or give a receipt to read them from")
    amount = args.amount
    if facts is not None and amount is None and args.units is None:
        amount = ask_amount(ctx, facts)
    spent = _spent_date(args.date, now) if args.date or facts is None else ask_date(ctx, facts, now)
    category = _category(ctx, categories, args.category or (facts.category if facts else None))
    if args.project:
        project = resolve_project(ctx, args.project, await my_projects(ctx), key="project")
    else:
        what = money(amount) if amount is not None else f"{args.units} units"
        project = await project_from_work(
            ctx,
            spent,
            f"an expense of {what} on {spent}, category {category.id}, with the receipt attached",
            [
                Detail("vendor", (facts.vendor if facts else None) or ""),
                Detail("expense category", category.name or ""),
            ],
        )
    _same_currency(facts, project, args)
    body: dict[str, Any] = {"project_id": project.id, "expense_category_id": category.id}
    body |= _quantity(category, args, amount)
    body["spent_date"] = spent
    notes = args.notes or (facts.vendor if facts else None)
    if facts is not None:
        notes = f"{notes} {fingerprint(facts.sha256)}" if notes else fingerprint(facts.sha256)
    if notes:
        body["notes"] = notes
    if args.billable is not None:
        body["billable"] = args.billable
    if receipt is not None:
        body["receipt"] = receipt
    says = "create the expense" + (
        f", the receipt file attached ({len(receipt.content)} bytes)" if receipt else ""
    )
    plan = Plan((Step(EXPENSES_CREATE, body, says=says),))
    if args.dry_run:
        return AddExpenseOutput(
            read_from_receipt=facts, dry_run=True, planned_requests=plan.requests(ctx.harvest)
        )
    # The answer to "which project is this receipt for?" came with the whole proposal in
    # view: it is the agreement, and nothing more is asked.
    if facts is not None and PROJECT_QUESTION not in ctx.answers:
        what = body.get("total_cost", f"{args.units} units")
        confirmed(
            ctx,
            args,
            f"Record an expense of {what} on {spent} on project {project.id}, "
            f"category {category.id}, with the receipt attached?",
            details=[
                Detail("vendor", facts.vendor or ""),
                Detail("project", project.label()),
                Detail("expense category", category.name or ""),
            ],
        )
    [created] = await plan.run(ctx.harvest)
    return AddExpenseOutput(expense=expense_item(created, True), read_from_receipt=facts)


ADD_EXPENSE = Tool(
    name="add_expense",
    title="Add an expense",
    description=(
        "Record an expense for yourself on a project. Give the project, category (by name) "
        "and amount (units for unit-based categories such as Mileage); or give only a receipt "
        "(PDF or photo): it is read (total, date, vendor), the category is proposed from the "
        "vendor, the project from your time entries that day, and the person confirms once. "
        "The same receipt is never expensed twice. Use it when someone reports money spent for "
        "a project or sends a receipt. Examples: project='Website Redesign', "
        "category='Travel', amount=42.50, date='yesterday'; or receipt_base64=…, "
        "receipt_file_name='taxi.jpg'."
    ),
    toolset=EXPENSES,
    input_model=AddExpenseInput,
    output_model=AddExpenseOutput,
    annotations=WRITE,
    operations=(
        USERS_ME,
        COMPANY_RETRIEVE,
        USERS_PROJECT_ASSIGNMENTS_LIST_MINE,
        EXPENSE_CATEGORIES_LIST,
        EXPENSES_LIST,
        TIME_ENTRIES_LIST,
        EXPENSES_CREATE,
    ),
    handler=add_expense,
    default=True,
    kind="outcome",
)
