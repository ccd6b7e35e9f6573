"""Proposing an expense from what a receipt says.

The amount, date and vendor come from the receipt, the category from the vendor and the
receipt's words matched against the account's own categories, the project from the
person's own time entries around the receipt's date. Whatever is unsure becomes a
question; nothing is guessed. A receipt is known by the SHA-256 of its bytes, written into
the expense's notes, so the same receipt is never expensed twice.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import anyio
from pydantic import BaseModel

from harvestkit.api.operations import (
    EXPENSES_LIST,
    TIME_ENTRIES_LIST,
)
from harvestkit.api.types import Expense
from harvestkit.api.types.expenses import ReceiptParams

from .._tool import Choice, Detail, Question, ToolContext, ToolError
from ..resolve import ProjectOption, load_me, my_projects
from ._common import Ref, collect, money, sent

__all__ = [
    "PROJECT_QUESTION",
    "SURE",
    "ReceiptFacts",
    "ask_amount",
    "ask_date",
    "duplicate_of",
    "fingerprint",
    "project_from_work",
    "read_facts",
]

PROJECT_QUESTION = "receipt_project"
"""The key of "which project is this receipt for?": its answer is also the agreement."""
SURE = 0.8
"""Readings at least this sure are proposed as they are; below, the person is asked."""
RECENT_DAYS = 14
DUPLICATE_WINDOW_DAYS = 400
_MARK = re.compile(r"\(receipt ([0-9a-f]{12})\)")


class ReceiptFacts(BaseModel):
    """What was read from the receipt, as the proposal shows it."""

    sha256: str
    vendor: str | None = None
    total: Decimal | None = None
    total_confidence: float = 0.0
    currency: str | None = None
    date: dt.date | None = None
    date_confidence: float = 0.0
    tax: Decimal | None = None
    category: str | None = None
    category_confidence: float = 0.0
    source: str


def fingerprint(sha256: str) -> str:
    """The mark an expense's notes carry for the receipt it was made from."""
    return f"(receipt {sha256[:12]})"


async def read_facts(receipt: ReceiptParams, categories: list[str]) -> ReceiptFacts:
    """Read the receipt (in a worker thread: OCR takes a second) and propose a category."""
    from harvestkit.receipts import ReceiptError, propose_category, read

    try:
        reading = await anyio.to_thread.run_sync(read, receipt.content, receipt.file_name)
    except ReceiptError as exc:
        raise ToolError(
            f"the receipt cannot be read ({exc.kind}): {exc.message}", hint=exc.hint
        ) from None
    guess = propose_category(reading.vendor.value, reading.lines, categories)
    return ReceiptFacts(
        sha256=reading.sha256,
        vendor=reading.vendor.value,
        total=reading.total.value,
        total_confidence=reading.total.confidence,
        currency=reading.currency.value,
        date=reading.date.value,
        date_confidence=reading.date.confidence,
        tax=reading.tax.value,
        category=guess.name,
        category_confidence=guess.confidence,
        source=reading.source,
    )


async def duplicate_of(ctx: ToolContext, sha256: str, today: date) -> Any | None:
    """The expense of yours already made from this receipt, if any."""
    me = await load_me(ctx)
    mark = fingerprint(sha256)
    since = today - timedelta(days=DUPLICATE_WINDOW_DAYS)
    for expense in await collect(ctx.harvest, EXPENSES_LIST, user_id=me.user_id, from_=since):
        if expense.notes and mark in expense.notes:
            return expense
    return None


def already_expensed(expense: Expense) -> ToolError:
    """Where the receipt went the first time."""
    return ToolError(
        f"this receipt was expensed already: expense {expense.id} of {money(expense.total_cost)} "
        f"on {expense.spent_date}; nothing was changed",
        hint="the same receipt is never expensed twice; edit that expense if it is wrong",
        details=[
            Detail("project", sent(expense.project).name or ""),
            Detail("expense category", sent(expense.expense_category).name or ""),
        ],
    )


def ask_amount(ctx: ToolContext, facts: ReceiptFacts) -> Decimal:
    """The receipt's total, asked about when the reading is unsure."""
    if facts.total is not None and facts.total_confidence >= SURE:
        return facts.total
    if facts.total is None:
        raise ToolError("no total could be read from the receipt", hint="pass amount")
    answer = ctx.ask(
        Question(
            key="amount",
            kind="choice",
            message=f"The receipt's total is unclear; is it {facts.total}?",
            choices=(Choice(str(facts.total), f"{facts.total}"), Choice("other", "another amount")),
        )
    )
    if str(answer) != str(facts.total):
        raise ToolError("the total was not confirmed", hint="pass amount with the right total")
    return facts.total


def ask_date(ctx: ToolContext, facts: ReceiptFacts, today: date) -> date:
    """The receipt's date; an ambiguous one (03/04: March or April?) is asked about."""
    if facts.date is None:
        raise ToolError("no date could be read from the receipt", hint="pass date")
    if facts.date_confidence >= SURE:
        return facts.date
    swapped = _swapped(facts.date)
    options = [d for d in (facts.date, swapped) if d is not None and d <= today] or [facts.date]
    answer = ctx.ask(
        Question(
            key="date",
            kind="choice",
            message="The receipt's date can be read two ways; which is it?",
            choices=tuple(Choice(d.isoformat(), f"{d:%A %d %B %Y}") for d in options),
        )
    )
    try:
        return date.fromisoformat(str(answer))
    except ValueError:
        raise ToolError(f"{answer!r} is not one of the offered dates") from None


def _swapped(day: date) -> date | None:
    try:
        return date(day.year, day.day, day.month)
    except ValueError:
        return None


async def project_from_work(
    ctx: ToolContext, spent: date, proposal: str, details: Sequence[Detail] = ()
) -> ProjectOption:
    """The project of your time entries on the receipt's day (else over the two weeks
    before it), when they point to one project; otherwise a question listing them, which
    states the rest of the `proposal`: choosing a project agrees to it."""
    projects = {p.id: p for p in await my_projects(ctx)}
    if not projects:
        raise ToolError("you are not assigned to any active project")
    me = await load_me(ctx)
    entries = await collect(
        ctx.harvest,
        TIME_ENTRIES_LIST,
        user_id=me.user_id,
        from_=spent - timedelta(days=RECENT_DAYS),
        to=spent,
    )
    on_the_day = {Ref.of(e.project).id for e in entries if e.spent_date == spent} & projects.keys()
    if len(on_the_day) == 1:
        return projects[on_the_day.pop()]
    hours: Counter[int] = Counter()  # minutes, summed per project
    for e in entries:
        if (project_id := Ref.of(e.project).id) in projects:
            hours[project_id] += round(float(e.hours or 0) * 60)
    if len(hours) == 1:
        return projects[next(iter(hours))]
    ranked = [projects[i] for i, _ in hours.most_common()] + [
        p for p in projects.values() if p.id not in hours
    ]
    answer = ctx.ask(
        Question(
            key=PROJECT_QUESTION,
            kind="choice",
            message="Which project is this receipt for? "
            + ("Your recent work lists these first. " if hours else "")
            + f"Choosing one records {proposal}.",
            details=tuple(details),
            choices=tuple(Choice(str(p.id), p.label()) for p in ranked[:10]),
        )
    )
    chosen = projects.get(int(answer)) if str(answer).isdigit() else None
    if chosen is None:
        raise ToolError(f"{answer!r} is not one of the offered projects")
    return chosen
