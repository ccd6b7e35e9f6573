"""Expenses and their receipts (API-NOTES §8.6, §10.11).

Who sees what follows time entries (§3.5): administrators everything; managers their own,
their teammates' and their managed projects' expenses; members their own. Writing someone
else's expense takes a manager with `time_and_expenses_manager`. A locked expense
(invoiced or approved) keeps its project and category: changes to them are dropped
silently, as Harvest documents.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import quote

from sqlalchemy import Row, Table, select
from starlette.datastructures import UploadFile
from starlette.responses import Response

from .. import store, tables
from ..context import Ctx
from ..errors import ApiError, forbidden, not_found, refused, unprocessable
from ..pagination import paginate
from ..render import money
from ..responses import created, json_response
from ..routing import route
from ._expense_view import assignment, lock_state, render_expense, visible_rows
from .common import updated_since

t = tables.expenses
MAX_RECEIPT_BYTES = 10 * 1024 * 1024
LOCKED = "This expense is locked and can't be changed"
LOCKED_DELETE = "This expense is not removable. It is locked."


def _may_write_for(ctx: Ctx, user_id: int, project_id: int) -> bool:
    if ctx.is_admin or user_id == ctx.user.id:
        return True
    return ctx.has("time_and_expenses_manager") and (
        user_id in ctx.teammate_ids or project_id in ctx.managed_project_ids
    )


def _visible_expense(ctx: Ctx) -> Row[Any]:
    ctx.require_feature("expense_feature")
    row = store.fetch(ctx.conn, t, ctx.path_id("id"))
    scope = visible_rows(ctx, t)
    if (
        scope is not None
        and ctx.conn.execute(select(t.c.id).where(t.c.id == row.id, scope)).first() is None
    ):
        raise forbidden()
    return row


def list_expenses(ctx: Ctx) -> Response:
    ctx.require_feature("expense_feature")
    p = ctx.params
    query = select(t).order_by(t.c.spent_date.desc(), t.c.created_at.desc(), t.c.id.desc())
    if (scope := visible_rows(ctx, t)) is not None:
        query = query.where(scope)
    for name in ("user_id", "client_id", "project_id"):
        if (value := p.int(name)) is not None:
            query = query.where(t.c[name] == value)
    if (billed := p.bool("is_billed")) is not None:
        query = query.where(t.c.invoice_id.is_not(None) if billed else t.c.invoice_id.is_(None))
    if (status := p.str("approval_status")) is not None:
        query = query.where(t.c.approval_status == status)
    if (start := p.date("from")) is not None:
        query = query.where(t.c.spent_date >= start)
    if (end := p.date("to")) is not None:
        query = query.where(t.c.spent_date <= end)
    query = updated_since(ctx, query, t)
    return paginate(
        ctx, query, key="expenses", render=lambda r: render_expense(ctx, r), style="page"
    )


def get_expense(ctx: Ctx) -> Response:
    return json_response(ctx.request, render_expense(ctx, _visible_expense(ctx)))


def get_receipt(ctx: Ctx) -> Response:
    """Sandbox-only: the receipt bytes behind `receipt.url`."""
    row = _visible_expense(ctx)
    if row.receipt_data is None:
        raise not_found()
    filename = quote(row.receipt_file_name or "receipt")
    return Response(
        row.receipt_data,
        media_type=row.receipt_content_type or "application/octet-stream",
        headers={"Content-Disposition": f"inline; filename*=UTF-8''{filename}"},
    )


def _required(ctx: Ctx, table: Table, name: str, label: str) -> Row[Any]:
    """A referenced record; an unknown id reads as a missing one, as Rails reports it."""
    row = store.find(ctx.conn, table, ctx.params.int(name) or 0)
    if row is None:
        raise unprocessable(f"{label} can't be blank")
    return row


def _project_for(ctx: Ctx, user_id: int) -> tuple[Row[Any], Row[Any]]:
    project = _required(ctx, tables.projects, "project_id", "Project")
    if not project.is_active:
        raise unprocessable("Project is archived")
    ctx.require(_may_write_for(ctx, user_id, project.id))
    assigned = assignment(ctx, project.id, user_id)
    if assigned is None or not assigned.is_active:
        raise unprocessable("User is not assigned to this project")
    return project, assigned


def _category(ctx: Ctx) -> Row[Any]:
    category = _required(ctx, tables.expense_categories, "expense_category_id", "Expense category")
    if not category.is_active:
        raise unprocessable("Expense category is archived")
    return category


def _cost(category: Row[Any], units: Decimal | None, total: Decimal | None) -> dict[str, Any]:
    """Unit-based categories price `units`; others take `total_cost` and count one unit."""
    if category.unit_price is not None:
        if units is None:
            raise unprocessable("Units can't be blank")
        return {"units": units, "total_cost": money(units * category.unit_price)}
    if total is None:
        raise unprocessable("Total cost can't be blank")
    return {"units": Decimal(1), "total_cost": money(total)}


def _receipt_values(ctx: Ctx) -> dict[str, Any]:
    p = ctx.params
    values: dict[str, Any] = {}
    if p.bool("delete_receipt"):
        values = dict.fromkeys(("receipt_data", "receipt_file_name", "receipt_content_type"))
    upload = p.raw("receipt")
    if upload is None or upload == "":
        return values
    if not isinstance(upload, UploadFile):
        raise unprocessable("Receipt must be a file sent as multipart/form-data")
    data = upload.file.read(MAX_RECEIPT_BYTES + 1)
    if len(data) > MAX_RECEIPT_BYTES:
        raise unprocessable("Receipt file size must be less than 10 MB")
    return {
        "receipt_data": data,
        "receipt_file_name": upload.filename or "receipt",
        "receipt_content_type": upload.content_type or "application/octet-stream",
    }


def _spent_date(ctx: Ctx) -> Any:
    spent = ctx.params.date("spent_date")
    if spent is None:
        raise unprocessable("Spent date can't be blank")
    return spent


def create_expense(ctx: Ctx) -> Response:
    ctx.require_feature("expense_feature")
    p = ctx.params
    blank = [
        f"{label} can't be blank"
        for name, label in (
            ("project_id", "Project"),
            ("expense_category_id", "Expense category"),
            ("spent_date", "Spent date"),
        )
        if p.raw(name) in (None, "")
    ]
    if blank:
        raise unprocessable(", ".join(blank))
    user_id = p.int("user_id") or ctx.user.id
    if store.find(ctx.conn, tables.users, user_id) is None:
        raise unprocessable("User can't be blank")
    project, assignment = _project_for(ctx, user_id)
    category = _category(ctx)
    billable = p.bool("billable")
    values = {
        "user_id": user_id,
        "project_id": project.id,
        "client_id": project.client_id,
        "user_assignment_id": assignment.id,
        "expense_category_id": category.id,
        "spent_date": _spent_date(ctx),
        "notes": p.str("notes"),
        "billable": project.is_billable and billable is not False,
        **_cost(category, p.decimal("units"), p.decimal("total_cost")),
        **_receipt_values(ctx),
        "created_at": ctx.now,
        "updated_at": ctx.now,
    }
    new_id = store.add(ctx.conn, t, values)
    return created(ctx.request, render_expense(ctx, store.fetch(ctx.conn, t, new_id)), "expenses")


def _check_may_change(ctx: Ctx, row: Row[Any], refusal: ApiError) -> bool:
    """403 unless the caller may change this expense; `refusal` when it is locked and the
    caller is not one of the "users with sufficient permissions" who may still edit it.
    True when it is locked."""
    ctx.require(_may_write_for(ctx, row.user_id, row.project_id))
    locked, _ = lock_state(ctx, row)
    if locked and not ctx.has("time_and_expenses_manager"):
        raise refusal
    return locked


def update_expense(ctx: Ctx) -> Response:
    row = _visible_expense(ctx)
    locked = _check_may_change(ctx, row, unprocessable(LOCKED))
    p = ctx.params
    values: dict[str, Any] = {}
    if p.has("project_id") and not locked and p.int("project_id") != row.project_id:
        project, assigned = _project_for(ctx, row.user_id)
        values |= {"project_id": project.id, "client_id": project.client_id}
        values["user_assignment_id"] = assigned.id
    category = store.fetch(ctx.conn, tables.expense_categories, row.expense_category_id)
    changes_category = p.has("expense_category_id") and not locked
    if changes_category and p.int("expense_category_id") != category.id:
        category = _category(ctx)
        values["expense_category_id"] = category.id
    if p.has("spent_date"):
        values["spent_date"] = _spent_date(ctx)
    if p.has("notes"):
        values["notes"] = p.str("notes")
    if p.has("billable"):
        values["billable"] = bool(p.bool("billable"))
    if values.keys() & {"expense_category_id"} or p.has("units") or p.has("total_cost"):
        was_unit_based = row.expense_category_id == category.id and category.unit_price is not None
        units = p.decimal("units") if p.has("units") else (row.units if was_unit_based else None)
        total = p.decimal("total_cost") if p.has("total_cost") else row.total_cost
        values |= _cost(category, units, total)
    values |= _receipt_values(ctx)
    store.change(ctx.conn, t, row.id, {**values, "updated_at": ctx.now})
    return json_response(ctx.request, render_expense(ctx, store.fetch(ctx.conn, t, row.id)))


def delete_expense(ctx: Ctx) -> Response:
    row = _visible_expense(ctx)
    _check_may_change(ctx, row, refused(LOCKED_DELETE))
    body = render_expense(ctx, row)
    store.remove(ctx.conn, t, row.id)
    return json_response(ctx.request, body)


ROUTES = [
    route("GET", "/v2/expenses", list_expenses),
    route("POST", "/v2/expenses", create_expense),
    route("GET", "/v2/expenses/{id}/receipt", get_receipt),
    route("GET", "/v2/expenses/{id}", get_expense),
    route("PATCH", "/v2/expenses/{id}", update_expense),
    route("DELETE", "/v2/expenses/{id}", delete_expense),
]
