"""Invoice item categories (API-NOTES §10.7): the names line items use as `kind`.

`use_as_service`/`use_as_expense` mark the categories imported time and expenses are
billed under; they are read-only through the API, and a category carrying either cannot
be deleted.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, Table, exists, select
from starlette.responses import Response

from .. import store, tables
from ..context import Ctx
from ..errors import refused, unprocessable
from ..pagination import paginate
from ..render import ts
from ..responses import created, json_response
from ..routing import route
from .common import updated_since

t = tables.invoice_item_categories


def render_category(row: Row[Any]) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "use_as_service": row.use_as_service,
        "use_as_expense": row.use_as_expense,
        "created_at": ts(row.created_at),
        "updated_at": ts(row.updated_at),
    }


def _require(ctx: Ctx) -> None:
    """Administrators, or managers who manage projects (the docs' "Project Manager")."""
    ctx.require_feature("invoice_feature")
    ctx.require(ctx.is_admin or bool(ctx.is_manager and ctx.managed_project_ids))


def unique_name(ctx: Ctx, table: Table, own_id: int | None = None) -> str:
    """The `name` parameter, required and not taken by another category."""
    name = str(ctx.params.required_str("name")).strip()
    clash = exists().where(table.c.name == name)
    if own_id is not None:
        clash = clash.where(table.c.id != own_id)
    if ctx.conn.execute(select(clash)).scalar():
        raise unprocessable("Name has already been taken")
    return name


def list_categories(ctx: Ctx) -> Response:
    _require(ctx)
    query = updated_since(ctx, select(t), t).order_by(t.c.created_at.desc(), t.c.id.desc())
    return paginate(
        ctx, query, key="invoice_item_categories", render=render_category, style="cursor"
    )


def get_category(ctx: Ctx) -> Response:
    _require(ctx)
    row = store.fetch(ctx.conn, t, ctx.path_id("id"))
    return json_response(ctx.request, render_category(row))


def create_category(ctx: Ctx) -> Response:
    _require(ctx)
    values = {"name": unique_name(ctx, t), "use_as_service": False, "use_as_expense": False}
    new_id = store.add(ctx.conn, t, {**values, "created_at": ctx.now, "updated_at": ctx.now})
    row = store.fetch(ctx.conn, t, new_id)
    return created(ctx.request, render_category(row), "invoice_item_categories")


def update_category(ctx: Ctx) -> Response:
    _require(ctx)
    row = store.fetch(ctx.conn, t, ctx.path_id("id"))
    values: dict[str, Any] = {"updated_at": ctx.now}
    if ctx.params.has("name"):
        values["name"] = unique_name(ctx, t, row.id)
    store.change(ctx.conn, t, row.id, values)
    return json_response(ctx.request, render_category(store.fetch(ctx.conn, t, row.id)))


def delete_category(ctx: Ctx) -> Response:
    _require(ctx)
    row = store.fetch(ctx.conn, t, ctx.path_id("id"))
    if row.use_as_service or row.use_as_expense:
        use = "services" if row.use_as_service else "expenses"
        raise refused(
            f"This invoice item category is not removable. It is used for {use} "
            "when invoices are created from tracked time and expenses."
        )
    store.remove(ctx.conn, t, row.id)
    return json_response(ctx.request, render_category(row))


ROUTES = [
    route("GET", "/v2/invoice_item_categories", list_categories),
    route("POST", "/v2/invoice_item_categories", create_category),
    route("GET", "/v2/invoice_item_categories/{id}", get_category),
    route("PATCH", "/v2/invoice_item_categories/{id}", update_category),
    route("DELETE", "/v2/invoice_item_categories/{id}", delete_category),
]
