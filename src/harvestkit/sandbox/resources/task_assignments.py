"""Project task assignments (API-NOTES §10.17)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, Select, exists, select
from starlette.responses import Response

from .. import store, tables
from ..context import Ctx
from ..errors import refused, unprocessable
from ..pagination import paginate
from ..render import num, ts
from ..responses import created, json_response
from ..routing import route
from ._assignments import managed_project, one_of_project, writable_fields
from .common import updated_since

t = tables.task_assignments
p = tables.projects
k = tables.tasks
NOT_REMOVABLE = "This task assignment is not removable. It still has time entries."

_query = (
    select(
        t,
        p.c.name.label("project_name"),
        p.c.code.label("project_code"),
        k.c.name.label("task_name"),
    )
    .join(p, p.c.id == t.c.project_id)
    .join(k, k.c.id == t.c.task_id)
)


def assignment_fields(row: Any) -> dict[str, Any]:
    """The assignment's own fields, in Harvest's order (embedded in time entries too)."""
    return {
        "id": row.id,
        "billable": row.billable,
        "is_active": row.is_active,
        "created_at": ts(row.created_at),
        "updated_at": ts(row.updated_at),
        "hourly_rate": num(row.hourly_rate),
        "budget": num(row.budget),
    }


def render_task_assignment(row: Row[Any]) -> dict[str, Any]:
    return {
        **assignment_fields(row),
        "project": {"id": row.project_id, "name": row.project_name, "code": row.project_code},
        "task": {"id": row.task_id, "name": row.task_name},
    }


def _filters(ctx: Ctx, query: Select[Any]) -> Select[Any]:
    if (active := ctx.params.bool("is_active")) is not None:
        query = query.where(t.c.is_active == active)
    return updated_since(ctx, query, t).order_by(t.c.created_at.desc(), t.c.id.desc())


def list_all(ctx: Ctx) -> Response:
    ctx.require(ctx.is_admin or bool(ctx.managed_project_ids))
    query = _query
    if not ctx.is_admin:
        query = query.where(t.c.project_id.in_(ctx.managed_project_ids))
    return paginate(
        ctx, _filters(ctx, query), key="task_assignments", render=render_task_assignment,
        style="cursor",
    )  # fmt: skip


def list_for_project(ctx: Ctx) -> Response:
    query = _filters(ctx, _query.where(t.c.project_id == managed_project(ctx)))
    return paginate(ctx, query, key="task_assignments", render=render_task_assignment, style="page")


def get_one(ctx: Ctx) -> Response:
    return json_response(
        ctx.request, render_task_assignment(one_of_project(ctx, _query, t, managed_project(ctx)))
    )


def create_one(ctx: Ctx) -> Response:
    project_id = managed_project(ctx)
    values = writable_fields(ctx, ("is_active", "billable"))
    task_id = ctx.params.int("task_id")
    if task_id is None:
        raise unprocessable("Task can't be blank")
    task = store.find(ctx.conn, k, task_id)
    if task is None:
        raise unprocessable("Task must exist")
    taken = exists().where(t.c.project_id == project_id, t.c.task_id == task_id)
    if ctx.conn.execute(select(taken)).scalar():
        raise unprocessable("Task has already been assigned to this project")
    # Observed: an omitted `billable` follows the task's billable_by_default (docs: false).
    values = {
        "is_active": True,
        "billable": task.billable_by_default,
        "hourly_rate": task.default_hourly_rate,
        **values,
    }
    new_id = store.add(
        ctx.conn,
        t,
        {**values, "project_id": project_id, "task_id": task_id, "created_at": ctx.now,
         "updated_at": ctx.now},
    )  # fmt: skip
    row = ctx.conn.execute(_query.where(t.c.id == new_id)).one()
    return created(
        ctx.request, render_task_assignment(row), f"projects/{project_id}/task_assignments"
    )


def update_one(ctx: Ctx) -> Response:
    project_id = managed_project(ctx)
    row = one_of_project(ctx, _query, t, project_id)
    store.change(
        ctx.conn,
        t,
        row.id,
        {**writable_fields(ctx, ("is_active", "billable")), "updated_at": ctx.now},
    )
    return json_response(
        ctx.request, render_task_assignment(one_of_project(ctx, _query, t, project_id))
    )


def delete_one(ctx: Ctx) -> Response:
    project_id = managed_project(ctx)
    row = one_of_project(ctx, _query, t, project_id)
    te = tables.time_entries
    used = exists().where(te.c.project_id == project_id, te.c.task_id == row.task_id)
    if ctx.conn.execute(select(used)).scalar():
        raise refused(NOT_REMOVABLE)
    store.remove(ctx.conn, t, row.id)
    return json_response(ctx.request, render_task_assignment(row))


_ONE = "/v2/projects/{project_id}/task_assignments/{id}"
ROUTES = [
    route("GET", "/v2/task_assignments", list_all),
    route("GET", "/v2/projects/{project_id}/task_assignments", list_for_project),
    route("POST", "/v2/projects/{project_id}/task_assignments", create_one),
    route("GET", _ONE, get_one),
    route("PATCH", _ONE, update_one),
    route("DELETE", _ONE, delete_one),
]
