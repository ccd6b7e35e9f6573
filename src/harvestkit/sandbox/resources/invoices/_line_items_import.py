"""`line_items_import`: an invoice built from tracked time and expenses (API-NOTES §8.4).

Only billable, not yet invoiced (and, for time, stopped) items of the given projects in
the period are billed. They are summarised into lines by `summary_type`, then marked as
invoiced and locked, so a second import can never bill them twice.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Row, Table, func, select, update

from ... import store, tables
from ...context import Ctx
from ...errors import refused, unprocessable
from ...params import Params
from ...render import rounded
from .._documents import user_name
from .._invoice_math import ZERO

TIME_SUMMARIES = ("project", "task", "people", "detailed")
EXPENSE_SUMMARIES = ("project", "category", "people", "detailed")
TIME_LOCKED = "Item Invoiced and Approved and Locked for this Time Period"
EXPENSE_LOCKED = "Expense is invoiced."

Period = tuple[date, date] | None


def _project_ids(ctx: Ctx, spec: Params, client_id: int) -> list[int]:
    ids: list[int] = spec.int_list("project_ids") or []
    if not ids:
        raise unprocessable("Line items import project ids can't be blank")
    for project_id in ids:
        project = store.find(ctx.conn, tables.projects, project_id)
        if project is None or project.client_id != client_id:
            raise unprocessable(
                f"Line items import project {project_id} is not a project of the invoice's client"
            )
    return ids


def _range(part: Params, name: str, summaries: tuple[str, ...]) -> tuple[str, Period]:
    summary = part.str("summary_type")
    if summary not in summaries:
        raise unprocessable(f"{name} summary type is not included in the list")
    start = part.date("from")
    end = part.date("to")
    if (start is None) != (end is None):
        raise unprocessable(f"{name} from and to must be given together")
    if start is not None and end is not None:
        if start > end:
            raise unprocessable(f"{name} from must be on or before to")
        return summary, (start, end)
    return summary, None


def _category(ctx: Ctx, flag: str) -> str:
    t = tables.invoice_item_categories
    row = ctx.conn.execute(select(t.c.name).where(t.c[flag]).order_by(t.c.id)).first()
    if row is None:
        kind = "services" if flag == "use_as_service" else "expenses"
        raise refused(f"No invoice item category is set to be used for {kind}.")
    return str(row[0])


def _unbilled(ctx: Ctx, table: Table, ids: list[int], period: Period) -> list[Row[Any]]:
    query = select(table).where(
        table.c.project_id.in_(ids), table.c.billable, table.c.invoice_id.is_(None)
    )
    if table is tables.time_entries:
        query = query.where(table.c.timer_started_at.is_(None))
    if period is not None:
        query = query.where(table.c.spent_date.between(*period))
    found = ctx.conn.execute(query.order_by(table.c.spent_date, table.c.id))
    # Lines come project by project, in the order the projects were asked for.
    return sorted(found, key=lambda row: ids.index(row.project_id))


def _name(ctx: Ctx, table: Table, row_id: int) -> str:
    row = store.fetch(ctx.conn, table, row_id)
    return user_name(row) if table is tables.users else str(row.name)


def _time_line(ctx: Ctx, summary: str, entry: Row[Any]) -> tuple[tuple[Any, ...], str]:
    """(group key, description) of one time entry under the chosen summary."""
    rate = entry.billable_rate or ZERO
    task = _name(ctx, tables.tasks, entry.task_id)
    if summary == "project":
        return (entry.project_id, rate), _name(ctx, tables.projects, entry.project_id)
    if summary == "task":
        return (entry.project_id, entry.task_id, rate), task
    if summary == "people":
        return (entry.project_id, entry.user_id, rate), _name(ctx, tables.users, entry.user_id)
    # "03/01/2017 - Project Management: [9:00am - 11:00am] Planning meetings"
    details = []
    if entry.started_time and entry.ended_time:
        details.append(f"[{entry.started_time} - {entry.ended_time}]")
    if entry.notes:
        details.append(entry.notes)
    head = f"{entry.spent_date.strftime(ctx.company.date_format)} - {task}"
    return (entry.id,), f"{head}: {' '.join(details)}" if details else head


def _expense_line(ctx: Ctx, summary: str, expense: Row[Any]) -> tuple[tuple[Any, ...], str]:
    category = _name(ctx, tables.expense_categories, expense.expense_category_id)
    if summary == "project":
        return (expense.project_id,), _name(ctx, tables.projects, expense.project_id)
    if summary == "category":
        return (expense.project_id, expense.expense_category_id), category
    if summary == "people":
        return (expense.project_id, expense.user_id), _name(ctx, tables.users, expense.user_id)
    head = f"{expense.spent_date.strftime(ctx.company.date_format)} - {category}"
    return (expense.id,), f"{head}: {expense.notes}" if expense.notes else head


Grouper = Callable[[Ctx, str, Row[Any]], tuple[tuple[Any, ...], str]]


def _lines(
    ctx: Ctx,
    rows: list[Row[Any]],
    summary: str,
    group: Grouper,
    measure: Callable[[Row[Any]], tuple[Decimal, Decimal]],
    *,
    add_prices: bool,
) -> list[dict[str, Any]]:
    """Sum rows into lines, in first-seen order. `measure` gives (quantity, unit_price);
    time adds up quantities at one rate, expenses add up prices of one unit."""
    lines: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        key, description = group(ctx, summary, row)
        quantity, price = measure(row)
        line = lines.setdefault(
            key,
            {
                "project_id": row.project_id,
                "description": description,
                "quantity": quantity if add_prices else ZERO,
                "unit_price": ZERO if add_prices else price,
            },
        )
        if add_prices:
            line["unit_price"] += price
        else:
            line["quantity"] += quantity
    return list(lines.values())


def _expense_measure(expense: Row[Any]) -> tuple[Decimal, Decimal]:
    return Decimal("1"), Decimal(expense.total_cost)


def import_lines(ctx: Ctx, invoice: Row[Any], raw: Any) -> None:
    """Bill the unbilled items `raw` (the `line_items_import` object) selects onto
    `invoice`, and record the covered period on it."""
    if not isinstance(raw, dict):
        raise unprocessable("Line items import is invalid")
    spec = Params(raw)
    ids = _project_ids(ctx, spec, invoice.client_id)
    rounding = ctx.company.rounding_minutes
    taxes = {"taxed": invoice.tax is not None, "taxed2": invoice.tax2 is not None}
    new_lines: list[dict[str, Any]] = []
    covered: list[date] = []
    for part_name, table, summaries in (
        ("time", tables.time_entries, TIME_SUMMARIES),
        ("expenses", tables.expenses, EXPENSE_SUMMARIES),
    ):
        if spec.raw(part_name) is None:
            continue
        part = spec.sub(part_name)
        for flag in ("attach_receipt", "attach_receipts"):  # both spellings exist in the docs
            part.bool(flag)
        summary, period = _range(part, part_name.capitalize(), summaries)
        rows = _unbilled(ctx, table, ids, period)
        if table is tables.time_entries:
            kind = _category(ctx, "use_as_service") if rows else ""
            lines = _lines(
                ctx,
                rows,
                summary,
                _time_line,
                lambda e: (rounded(e.hours_without_timer, rounding), e.billable_rate or ZERO),
                add_prices=False,
            )
            reason = TIME_LOCKED
        else:
            kind = _category(ctx, "use_as_expense") if rows else ""
            lines = _lines(ctx, rows, summary, _expense_line, _expense_measure, add_prices=True)
            reason = EXPENSE_LOCKED
        new_lines += [{**line, "kind": kind, **taxes} for line in lines]
        covered += list(period) if period else [r.spent_date for r in rows]
        if rows:
            ctx.conn.execute(
                update(table)
                .where(table.c.id.in_([r.id for r in rows]))
                .values(
                    invoice_id=invoice.id, is_locked=True, locked_reason=reason, updated_at=ctx.now
                )
            )
    li = tables.invoice_line_items
    after = ctx.conn.execute(
        select(func.coalesce(func.max(li.c.position), 0)).where(li.c.invoice_id == invoice.id)
    ).scalar_one()
    for position, line in enumerate(new_lines, start=after + 1):
        store.add(
            ctx.conn,
            tables.invoice_line_items,
            {**line, "invoice_id": invoice.id, "position": position},
        )
    if covered:
        store.change(
            ctx.conn,
            tables.invoices,
            invoice.id,
            {"period_start": min(covered), "period_end": max(covered)},
        )


def release(ctx: Ctx, invoice_id: int) -> None:
    """Return an invoice's time entries and expenses to unbilled; approved items stay
    locked for approval."""
    for table in (tables.time_entries, tables.expenses):
        billed = table.c.invoice_id == invoice_id
        approved = table.c.approval_status == "approved"
        ctx.conn.execute(
            update(table)
            .where(billed, approved)
            .values(
                invoice_id=None,
                locked_reason="Item Approved and Locked for this Time Period",
                updated_at=ctx.now,
            )
        )
        ctx.conn.execute(
            update(table)
            .where(billed)
            .values(invoice_id=None, is_locked=False, locked_reason=None, updated_at=ctx.now)
        )
