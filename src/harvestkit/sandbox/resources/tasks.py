"""Tasks (API-NOTES §10.13)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, delete, exists, select
from starlette.responses import Response

from .. import store, tables
from ..context import Ctx
from ..errors import refused, unprocessable
from ..pagination import paginate
from ..render import num, ts
from ..responses import created, json_response
from ..routing import route
from .common import updated_since

t = tables.tasks
NOT_REMOVABLE = "This task is not removable. It still has time entries."


def render_task(row: Row[Any]) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "billable_by_default": row.billable_by_default,
        "default_hourly_rate": num(row.default_hourly_rate),
        "is_default": row.is_default,
        "is_active": row.is_active,
        "created_at": ts(row.created_at),
        "updated_at": ts(row.updated_at),
    }


def _can_manage(ctx: Ctx) -> bool:
    return ctx.has("client_and_task_manager")


def list_tasks(ctx: Ctx) -> Response:
    ctx.require(_can_manage(ctx))
    query = select(t).order_by(t.c.created_at.desc(), t.c.id.desc())
    if (active := ctx.params.bool("is_active")) is not None:
        query = query.where(t.c.is_active == active)
    query = updated_since(ctx, query, t)
    return paginate(ctx, query, key="tasks", render=render_task, style="cursor")


def get_task(ctx: Ctx) -> Response:
    ctx.require(_can_manage(ctx))
    return json_response(ctx.request, render_task(store.fetch(ctx.conn, t, ctx.path_id("id"))))


def _fields(ctx: Ctx) -> dict[str, Any]:
    p = ctx.params
    values: dict[str, Any] = {}
    if p.has("name"):
        values["name"] = p.required_str("name")
    for flag in ("billable_by_default", "is_default", "is_active"):
        if p.has(flag) and (value := p.bool(flag)) is not None:
            values[flag] = value
    if p.has("default_hourly_rate"):
        rate = p.decimal("default_hourly_rate")
        if rate is not None and rate < 0:
            raise unprocessable("Default hourly rate must be greater than or equal to 0")
        values["default_hourly_rate"] = rate
    return values


def create_task(ctx: Ctx) -> Response:
    ctx.require(_can_manage(ctx))
    values = _fields(ctx)
    if "name" not in values:
        raise unprocessable("Name can't be blank")
    _check_unique_name(ctx, values["name"])
    values = {"billable_by_default": True, "is_default": False, "is_active": True, **values}
    new_id = store.add(ctx.conn, t, {**values, "created_at": ctx.now, "updated_at": ctx.now})
    return created(ctx.request, render_task(store.fetch(ctx.conn, t, new_id)), "tasks")


def update_task(ctx: Ctx) -> Response:
    ctx.require(_can_manage(ctx))
    row = store.fetch(ctx.conn, t, ctx.path_id("id"))
    values = _fields(ctx)
    if "name" in values and values["name"] != row.name:
        _check_unique_name(ctx, values["name"])
    store.change(ctx.conn, t, row.id, {**values, "updated_at": ctx.now})
    return json_response(ctx.request, render_task(store.fetch(ctx.conn, t, row.id)))


def delete_task(ctx: Ctx) -> Response:
    ctx.require(_can_manage(ctx))
    row = store.fetch(ctx.conn, t, ctx.path_id("id"))
    te = tables.time_entries
    if ctx.conn.execute(select(exists().where(te.c.task_id == row.id))).scalar():
        raise refused(NOT_REMOVABLE)
    ta = tables.task_assignments
    ctx.conn.execute(delete(ta).where(ta.c.task_id == row.id))
    store.remove(ctx.conn, t, row.id)
    return json_response(ctx.request, render_task(row))


def _check_unique_name(ctx: Ctx, name: str) -> None:
    if ctx.conn.execute(select(exists().where(t.c.name == name))).scalar():
        raise unprocessable("Name has already been taken")


ROUTES = [
    route("GET", "/v2/tasks", list_tasks),
    route("POST", "/v2/tasks", create_task),
    route("GET", "/v2/tasks/{id}", get_task),
    route("PATCH", "/v2/tasks/{id}", update_task),
    route("DELETE", "/v2/tasks/{id}", delete_task),
]
