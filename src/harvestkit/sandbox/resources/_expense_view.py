"""How an expense reads: its embedded objects, lock state and receipt, and which
expenses a caller may see (shared with the reports)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Row, Table, or_, select

from .. import store, tables
from ..context import Ctx
from ..render import day, num, ts
from .common import ref

INVOICED = "Expense is invoiced."
APPROVED = "The project is locked for this time period."


def visible_rows(ctx: Ctx, table: Table) -> ColumnElement[bool] | None:
    """The rows of `table` (expenses or time entries) the caller may see; None = all."""
    if ctx.is_admin:
        return None
    allowed = [table.c.user_id == ctx.user.id]
    if ctx.teammate_ids:
        allowed.append(table.c.user_id.in_(ctx.teammate_ids))
    if ctx.managed_project_ids:
        allowed.append(table.c.project_id.in_(ctx.managed_project_ids))
    return or_(*allowed)


def lookup(ctx: Ctx, table: Table, row_id: int | None) -> Row[Any] | None:
    """A related row, cached for the request (a page renders many expenses)."""
    if row_id is None:
        return None
    key = f"{table.name}:{row_id}"
    if key not in ctx._cache:
        ctx._cache[key] = store.find(ctx.conn, table, row_id)
    row: Row[Any] | None = ctx._cache[key]
    return row


def lock_state(ctx: Ctx, row: Row[Any]) -> tuple[bool, str | None]:
    """(is_locked, locked_reason): invoiced, approved, or its project or person archived."""
    if row.invoice_id is not None:
        return True, INVOICED
    if row.approval_status == "approved":
        return True, row.locked_reason or APPROVED
    project = lookup(ctx, tables.projects, row.project_id)
    if project is not None and not project.is_active:
        return True, "The project is archived."
    user = lookup(ctx, tables.users, row.user_id)
    if user is not None and not user.is_active:
        return True, "The person is archived."
    return bool(row.is_locked), row.locked_reason if row.is_locked else None


def _user_assignment(ctx: Ctx, row: Row[Any]) -> dict[str, Any] | None:
    ua = lookup(ctx, tables.user_assignments, row.user_assignment_id)
    if ua is None:
        ua = assignment(ctx, row.project_id, row.user_id)
    if ua is None:
        return None
    return {
        "id": ua.id,
        "is_project_manager": ua.is_project_manager,
        "is_active": ua.is_active,
        "use_default_rates": ua.use_default_rates,
        "budget": num(ua.budget),
        "created_at": ts(ua.created_at),
        "updated_at": ts(ua.updated_at),
        "hourly_rate": num(ua.hourly_rate),
    }


def _receipt(ctx: Ctx, row: Row[Any]) -> dict[str, Any] | None:
    if row.receipt_data is None:
        return None
    return {
        "url": f"{ctx.base_url}/v2/expenses/{row.id}/receipt",
        "file_name": row.receipt_file_name,
        "file_size": len(row.receipt_data),
        "content_type": row.receipt_content_type,
    }


def render_expense(ctx: Ctx, row: Row[Any]) -> dict[str, Any]:
    locked, reason = lock_state(ctx, row)
    user = lookup(ctx, tables.users, row.user_id)
    category = lookup(ctx, tables.expense_categories, row.expense_category_id)
    return {
        "id": row.id,
        "notes": row.notes,
        "total_cost": num(row.total_cost),
        "units": num(row.units if row.units is not None else 1),
        "is_closed": row.approval_status == "approved",
        "approval_status": row.approval_status,
        "is_locked": locked,
        "is_billed": row.invoice_id is not None,
        "locked_reason": reason,
        "spent_date": day(row.spent_date),
        "created_at": ts(row.created_at),
        "updated_at": ts(row.updated_at),
        "billable": row.billable,
        "receipt": _receipt(ctx, row),
        "user": None if user is None else {"id": user.id, "name": _name(user)},
        "user_assignment": _user_assignment(ctx, row),
        "project": ref(lookup(ctx, tables.projects, row.project_id), "name", "code"),
        "expense_category": None
        if category is None
        else {
            "id": category.id,
            "name": category.name,
            "unit_price": num(category.unit_price),
            "unit_name": category.unit_name,
        },
        "client": ref(lookup(ctx, tables.clients, row.client_id), "name", "currency"),
        "invoice": ref(lookup(ctx, tables.invoices, row.invoice_id), "number"),
    }


def _name(user: Row[Any]) -> str:
    return f"{user.first_name} {user.last_name}"


def assignment(ctx: Ctx, project_id: int, user_id: int) -> Row[Any] | None:
    """The user's assignment to the project, an active one first."""
    ua = tables.user_assignments
    query = select(ua).where(ua.c.project_id == project_id, ua.c.user_id == user_id)
    return ctx.conn.execute(query.order_by(ua.c.is_active.desc(), ua.c.id)).first()
