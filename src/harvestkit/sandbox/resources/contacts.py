"""Client contacts (API-NOTES §10.2)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, select
from starlette.responses import Response

from .. import store, tables
from ..context import Ctx
from ..errors import not_found, unprocessable
from ..pagination import paginate
from ..render import ts
from ..responses import created, json_response
from ..routing import route
from .common import updated_since

t = tables.contacts
c = tables.clients
_TEXT = ("title", "first_name", "last_name", "email", "phone_office", "phone_mobile", "fax")
# Harvest answers "" for these when omitted, but null for title and last_name.
_BLANK_AS_EMPTY = ("email", "phone_office", "phone_mobile", "fax")

_query = select(t, c.c.name.label("client_name")).join(c, c.c.id == t.c.client_id)


def render_contact(row: Row[Any]) -> dict[str, Any]:
    return {
        "id": row.id,
        "client": {"id": row.client_id, "name": row.client_name},
        "title": row.title,
        "first_name": row.first_name,
        "last_name": row.last_name,
        "email": row.email,
        "phone_office": row.phone_office,
        "phone_mobile": row.phone_mobile,
        "fax": row.fax,
        "created_at": ts(row.created_at),
        "updated_at": ts(row.updated_at),
    }


def _can_manage(ctx: Ctx) -> bool:
    return ctx.has("client_and_task_manager")


def _one(ctx: Ctx, contact_id: int) -> Row[Any]:
    row = ctx.conn.execute(_query.where(t.c.id == contact_id)).first()
    if row is None:
        raise not_found()
    return row


def list_contacts(ctx: Ctx) -> Response:
    ctx.require(_can_manage(ctx))
    query = _query.order_by(t.c.created_at.desc(), t.c.id.desc())
    if (client_id := ctx.params.int("client_id")) is not None:
        query = query.where(t.c.client_id == client_id)
    query = updated_since(ctx, query, t)
    return paginate(ctx, query, key="contacts", render=render_contact, style="cursor")


def get_contact(ctx: Ctx) -> Response:
    ctx.require(_can_manage(ctx))
    return json_response(ctx.request, render_contact(_one(ctx, ctx.path_id("id"))))


def _fields(ctx: Ctx) -> dict[str, Any]:
    p = ctx.params
    values: dict[str, Any] = {}
    for name in _TEXT:
        if p.has(name):
            value = p.str(name)
            values[name] = "" if value is None and name in _BLANK_AS_EMPTY else value
    if "first_name" in values:
        values["first_name"] = p.required_str("first_name")
    email = values.get("email")
    if email and "@" not in email:
        raise unprocessable("Email is invalid")
    if p.has("client_id"):
        client_id = p.int("client_id")
        if client_id is None:
            raise unprocessable("Client can't be blank")
        if store.find(ctx.conn, c, client_id) is None:
            raise unprocessable("Client must exist")
        values["client_id"] = client_id
    return values


def create_contact(ctx: Ctx) -> Response:
    ctx.require(_can_manage(ctx))
    values = _fields(ctx)
    missing = [
        message
        for field, message in (
            ("client_id", "Client can't be blank"),
            ("first_name", "First name can't be blank"),
        )
        if field not in values
    ]
    if missing:
        raise unprocessable(", ".join(missing))
    for name in _BLANK_AS_EMPTY:
        values.setdefault(name, "")
    new_id = store.add(ctx.conn, t, {**values, "created_at": ctx.now, "updated_at": ctx.now})
    return created(ctx.request, render_contact(_one(ctx, new_id)), "contacts")


def update_contact(ctx: Ctx) -> Response:
    ctx.require(_can_manage(ctx))
    row = _one(ctx, ctx.path_id("id"))
    store.change(ctx.conn, t, row.id, {**_fields(ctx), "updated_at": ctx.now})
    return json_response(ctx.request, render_contact(_one(ctx, row.id)))


def delete_contact(ctx: Ctx) -> Response:
    ctx.require(_can_manage(ctx))
    row = _one(ctx, ctx.path_id("id"))
    store.remove(ctx.conn, t, row.id)
    return json_response(ctx.request, render_contact(row))


ROUTES = [
    route("GET", "/v2/contacts", list_contacts),
    route("POST", "/v2/contacts", create_contact),
    route("GET", "/v2/contacts/{id}", get_contact),
    route("PATCH", "/v2/contacts/{id}", update_contact),
    route("DELETE", "/v2/contacts/{id}", delete_contact),
]
