"""Expense categories (API-NOTES §10.12).

Anyone may read the categories (members need them to record expenses); only
administrators may create, change or delete them (§3.5: "Admin"). A category with
`unit_price` is unit-based: its expenses give `units` and cost `units × unit_price`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, exists, select
from starlette.responses import Response

from .. import store, tables
from ..context import Ctx
from ..errors import refused, unprocessable
from ..pagination import paginate
from ..render import num, ts
from ..responses import created, json_response
from ..routing import route
from .common import updated_since

t = tables.expense_categories


def render_expense_category(row: Row[Any]) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "unit_name": row.unit_name,
        "unit_price": num(row.unit_price),
        "is_active": row.is_active,
        "created_at": ts(row.created_at),
        "updated_at": ts(row.updated_at),
    }


def list_expense_categories(ctx: Ctx) -> Response:
    ctx.require_feature("expense_feature")
    query = select(t).order_by(t.c.created_at.desc(), t.c.id.desc())
    if (active := ctx.params.bool("is_active")) is not None:
        query = query.where(t.c.is_active == active)
    query = updated_since(ctx, query, t)
    return paginate(
        ctx, query, key="expense_categories", render=render_expense_category, style="cursor"
    )


def get_expense_category(ctx: Ctx) -> Response:
    ctx.require_feature("expense_feature")
    row = store.fetch(ctx.conn, t, ctx.path_id("id"))
    return json_response(ctx.request, render_expense_category(row))


def _fields(ctx: Ctx) -> dict[str, Any]:
    p = ctx.params
    values: dict[str, Any] = {}
    if p.has("name"):
        values["name"] = p.required_str("name")
    if p.has("unit_name"):
        values["unit_name"] = (p.str("unit_name") or "").strip() or None
    if p.has("unit_price"):
        price = p.decimal("unit_price")
        if price is not None and price < 0:
            raise unprocessable("Unit price must be greater than or equal to 0")
        values["unit_price"] = price
    if p.has("is_active"):
        values["is_active"] = bool(p.bool("is_active"))
    return values


def create_expense_category(ctx: Ctx) -> Response:
    ctx.require_feature("expense_feature")
    ctx.require(ctx.is_admin)
    values = _fields(ctx)
    if "name" not in values:
        raise unprocessable("Name can't be blank")
    _check_unique_name(ctx, values["name"])
    values.setdefault("is_active", True)
    new_id = store.add(ctx.conn, t, {**values, "created_at": ctx.now, "updated_at": ctx.now})
    row = store.fetch(ctx.conn, t, new_id)
    return created(ctx.request, render_expense_category(row), "expense_categories")


def update_expense_category(ctx: Ctx) -> Response:
    ctx.require_feature("expense_feature")
    ctx.require(ctx.is_admin)
    row = store.fetch(ctx.conn, t, ctx.path_id("id"))
    values = _fields(ctx)
    if "name" in values and values["name"] != row.name:
        _check_unique_name(ctx, values["name"])
    store.change(ctx.conn, t, row.id, {**values, "updated_at": ctx.now})
    return json_response(ctx.request, render_expense_category(store.fetch(ctx.conn, t, row.id)))


def delete_expense_category(ctx: Ctx) -> Response:
    ctx.require_feature("expense_feature")
    ctx.require(ctx.is_admin)
    row = store.fetch(ctx.conn, t, ctx.path_id("id"))
    expenses = tables.expenses
    if ctx.conn.execute(select(exists().where(expenses.c.expense_category_id == row.id))).scalar():
        # Harvest documents no rule; a category with expenses can only be archived in the UI.
        raise refused("This expense category is not removable. It still has expenses.")
    store.remove(ctx.conn, t, row.id)
    return json_response(ctx.request, render_expense_category(row))


def _check_unique_name(ctx: Ctx, name: str) -> None:
    if ctx.conn.execute(select(exists().where(t.c.name == name))).scalar():
        raise unprocessable("Name has already been taken")


ROUTES = [
    route("GET", "/v2/expense_categories", list_expense_categories),
    route("POST", "/v2/expense_categories", create_expense_category),
    route("GET", "/v2/expense_categories/{id}", get_expense_category),
    route("PATCH", "/v2/expense_categories/{id}", update_expense_category),
    route("DELETE", "/v2/expense_categories/{id}", delete_expense_category),
]
