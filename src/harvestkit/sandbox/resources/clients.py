"""Clients (API-NOTES §10.1)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, exists, select
from starlette.responses import Response

from .. import store, tables
from ..context import Ctx
from ..errors import refused, unprocessable
from ..pagination import paginate
from ..render import ts
from ..responses import created, json_response
from ..routing import route
from .common import check_currency, updated_since

t = tables.clients


def render_client(row: Row[Any]) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "is_active": row.is_active,
        "address": row.address,
        "statement_key": row.statement_key,
        "created_at": ts(row.created_at),
        "updated_at": ts(row.updated_at),
        "currency": row.currency,
    }


def _can_manage(ctx: Ctx) -> bool:
    return ctx.has("client_and_task_manager")


def list_clients(ctx: Ctx) -> Response:
    ctx.require(_can_manage(ctx))
    query = select(t).order_by(t.c.created_at.desc(), t.c.id.desc())
    if (active := ctx.params.bool("is_active")) is not None:
        query = query.where(t.c.is_active == active)
    query = updated_since(ctx, query, t)
    return paginate(ctx, query, key="clients", render=render_client, style="cursor")


def get_client(ctx: Ctx) -> Response:
    ctx.require(_can_manage(ctx))
    return json_response(ctx.request, render_client(store.fetch(ctx.conn, t, ctx.path_id("id"))))


def _fields(ctx: Ctx) -> dict[str, Any]:
    p = ctx.params
    values: dict[str, Any] = {}
    if p.has("name"):
        values["name"] = p.required_str("name")
    if p.has("is_active"):
        values["is_active"] = bool(p.bool("is_active"))
    if p.has("address"):
        values["address"] = p.str("address")
    if p.has("currency") and p.raw("currency") is not None:
        values["currency"] = check_currency(p.required_str("currency"))
    return values


def create_client(ctx: Ctx) -> Response:
    ctx.require(_can_manage(ctx))
    values = _fields(ctx)
    if "name" not in values:
        raise unprocessable("Name can't be blank")
    _check_unique_name(ctx, values["name"])
    values.setdefault("currency", ctx.company.currency)
    values.setdefault("is_active", True)
    new_id = store.add(
        ctx.conn,
        t,
        {
            **values,
            "statement_key": store.new_key(32),
            "created_at": ctx.now,
            "updated_at": ctx.now,
        },
    )
    return created(ctx.request, render_client(store.fetch(ctx.conn, t, new_id)), "clients")


def update_client(ctx: Ctx) -> Response:
    ctx.require(_can_manage(ctx))
    row = store.fetch(ctx.conn, t, ctx.path_id("id"))
    values = _fields(ctx)
    if "name" in values and values["name"] != row.name:
        _check_unique_name(ctx, values["name"])
    store.change(ctx.conn, t, row.id, {**values, "updated_at": ctx.now})
    return json_response(ctx.request, render_client(store.fetch(ctx.conn, t, row.id)))


def delete_client(ctx: Ctx) -> Response:
    ctx.require(_can_manage(ctx))
    row = store.fetch(ctx.conn, t, ctx.path_id("id"))
    in_use = any(
        ctx.conn.execute(select(exists().where(other.c.client_id == row.id))).scalar()
        for other in (tables.projects, tables.invoices, tables.estimates)
    )
    if in_use:
        raise refused("This client is not removable. It still has projects and/or invoices.")
    ctx.conn.execute(tables.contacts.delete().where(tables.contacts.c.client_id == row.id))
    store.remove(ctx.conn, t, row.id)
    return json_response(ctx.request, render_client(row))


def _check_unique_name(ctx: Ctx, name: str) -> None:
    if ctx.conn.execute(select(exists().where(t.c.name == name))).scalar():
        raise unprocessable("Name has already been taken")


ROUTES = [
    route("GET", "/v2/clients", list_clients),
    route("POST", "/v2/clients", create_client),
    route("GET", "/v2/clients/{id}", get_client),
    route("PATCH", "/v2/clients/{id}", update_client),
    route("DELETE", "/v2/clients/{id}", delete_client),
]
