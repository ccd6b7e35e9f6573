"""Estimate item categories (API-NOTES §10.10): the names estimate lines use as `kind`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, select
from starlette.responses import Response

from .. import store, tables
from ..context import Ctx
from ..pagination import paginate
from ..render import ts
from ..responses import created, json_response
from ..routing import route
from .common import updated_since
from .invoice_item_categories import unique_name

t = tables.estimate_item_categories


def render_category(row: Row[Any]) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "created_at": ts(row.created_at),
        "updated_at": ts(row.updated_at),
    }


def _require(ctx: Ctx) -> None:
    """Administrators, and managers who may edit estimates (they need the kinds)."""
    ctx.require_feature("estimate_feature")
    ctx.require(ctx.has("estimates_manager"))


def list_categories(ctx: Ctx) -> Response:
    _require(ctx)
    query = updated_since(ctx, select(t), t).order_by(t.c.created_at.desc(), t.c.id.desc())
    return paginate(
        ctx, query, key="estimate_item_categories", render=render_category, style="cursor"
    )


def get_category(ctx: Ctx) -> Response:
    _require(ctx)
    row = store.fetch(ctx.conn, t, ctx.path_id("id"))
    return json_response(ctx.request, render_category(row))


def create_category(ctx: Ctx) -> Response:
    _require(ctx)
    values = {"name": unique_name(ctx, t), "created_at": ctx.now, "updated_at": ctx.now}
    row = store.fetch(ctx.conn, t, store.add(ctx.conn, t, values))
    return created(ctx.request, render_category(row), "estimate_item_categories")


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
    store.remove(ctx.conn, t, row.id)
    return json_response(ctx.request, render_category(row))


ROUTES = [
    route("GET", "/v2/estimate_item_categories", list_categories),
    route("POST", "/v2/estimate_item_categories", create_category),
    route("GET", "/v2/estimate_item_categories/{id}", get_category),
    route("PATCH", "/v2/estimate_item_categories/{id}", update_category),
    route("DELETE", "/v2/estimate_item_categories/{id}", delete_category),
]
