"""Time entries and timers (API-NOTES §10.14, §8.2): the routes and their handlers.

The rules live beside this module: how an entry reads (`_view`), who may see and change
it (`_access`), the list filters (`_filters`), what it is linked to and the rates it
carries (`_links`), duration versus timestamp tracking (`_tracking`), running timers
(`_timers`) and external references (`_external_references`).
"""

from __future__ import annotations

from starlette.responses import Response

from ... import store, tables
from ...context import Ctx
from ...errors import forbidden, refused, unprocessable
from ...pagination import paginate
from ...responses import json_response
from ...routing import route
from ._access import LOCKED, may_see, may_write, target_user, visible, writable
from ._external_references import CLEARED, given_reference
from ._filters import filtered
from ._links import links
from ._timers import restart, stop_others, stop_values
from ._tracking import timing
from ._view import QUERY, answer, one_entry, renderer

t = tables.time_entries
NOT_RUNNING = "This time entry is not running"
ALREADY_RUNNING = "This time entry is already running"
CLOSED = "This time entry is not removable. It has been approved."
ARCHIVED = "This time entry is not removable. Its project or task is archived."
LOCKED_DELETE = "This time entry is not removable. It is locked."


def list_entries(ctx: Ctx) -> Response:
    query = filtered(ctx, visible(ctx, QUERY)).order_by(t.c.spent_date.desc(), t.c.id.desc())
    return paginate(ctx, query, key="time_entries", render=renderer(ctx), style="page")


def get_entry(ctx: Ctx) -> Response:
    row = one_entry(ctx, ctx.path_id("id"))
    ctx.require(may_see(ctx, row))
    return json_response(ctx.request, renderer(ctx)(row))


def create_entry(ctx: Ctx) -> Response:
    q = ctx.params
    project_id, task_id = q.int("project_id"), q.int("task_id")
    spent = q.date("spent_date")
    blank = [
        f"{name} can't be blank"
        for name, value in (("Project", project_id), ("Task", task_id), ("Spent date", spent))
        if value is None
    ]
    if blank:
        raise unprocessable(", ".join(blank))
    assert project_id is not None and task_id is not None and spent is not None
    user = target_user(ctx, project_id)
    values = {
        **links(ctx, user, project_id, task_id, spent),
        **timing(ctx, user, spent),
        **given_reference(ctx),
        "spent_date": spent,
        "notes": q.str("notes"),
        "created_at": ctx.now,
        "updated_at": ctx.now,
    }
    if values["timer_started_at"] is not None:
        stop_others(ctx, user.id)
    return answer(ctx, store.add(ctx.conn, t, values), status=201)


def update_entry(ctx: Ctx) -> Response:
    row = writable(ctx)
    q = ctx.params
    user = store.fetch(ctx.conn, tables.users, row.user_id)
    spent = q.date("spent_date") or row.spent_date
    project_id = q.int("project_id") or row.project_id
    task_id = q.int("task_id") or row.task_id
    values = {**timing(ctx, user, spent, row), **given_reference(ctx)}
    if (spent, project_id, task_id) != (row.spent_date, row.project_id, row.task_id):
        if project_id != row.project_id and not may_write(ctx, row.user_id, project_id):
            raise forbidden()
        values.update(links(ctx, user, project_id, task_id, spent), spent_date=spent)
    if q.has("notes"):
        values["notes"] = q.str("notes")
    store.change(ctx.conn, t, row.id, {**values, "updated_at": ctx.now})
    return answer(ctx, row.id)


def delete_entry(ctx: Ctx) -> Response:
    row = one_entry(ctx, ctx.path_id("id"))
    if not (may_see(ctx, row) and may_write(ctx, row.user_id, row.project_id)):
        raise forbidden()
    if row.approval_status == "approved" and not ctx.is_admin:
        raise refused(CLOSED)
    if row.is_locked and not ctx.is_admin:
        raise refused(LOCKED_DELETE)
    project = store.fetch(ctx.conn, tables.projects, row.project_id)
    task = store.fetch(ctx.conn, tables.tasks, row.task_id)
    if not (project.is_active and task.is_active):
        raise refused(ARCHIVED)
    body = renderer(ctx)(row)
    store.remove(ctx.conn, t, row.id)
    return json_response(ctx.request, body)


def stop_entry(ctx: Ctx) -> Response:
    row = writable(ctx)
    if row.is_locked:
        raise unprocessable(LOCKED)
    if row.timer_started_at is None:
        raise unprocessable(NOT_RUNNING)
    store.change(ctx.conn, t, row.id, stop_values(ctx, row))
    return answer(ctx, row.id)


def restart_entry(ctx: Ctx) -> Response:
    row = writable(ctx)
    if row.is_locked:
        raise unprocessable(LOCKED)
    if row.timer_started_at is not None:
        raise unprocessable(ALREADY_RUNNING)
    return answer(ctx, restart(ctx, row))


def delete_external_reference(ctx: Ctx) -> Response:
    row = writable(ctx)
    store.change(ctx.conn, t, row.id, {**CLEARED, "updated_at": ctx.now})
    return answer(ctx, row.id)


ROUTES = [
    route("GET", "/v2/time_entries", list_entries),
    route("POST", "/v2/time_entries", create_entry),
    route("GET", "/v2/time_entries/{id}", get_entry),
    route("PATCH", "/v2/time_entries/{id}", update_entry),
    route("DELETE", "/v2/time_entries/{id}", delete_entry),
    route("PATCH", "/v2/time_entries/{id}/stop", stop_entry),
    route("PATCH", "/v2/time_entries/{id}/restart", restart_entry),
    route("DELETE", "/v2/time_entries/{id}/external_reference", delete_external_reference),
]
