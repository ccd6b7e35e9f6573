"""A user's active project assignments (API-NOTES §10.22)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Row, select
from starlette.responses import Response

from .. import store, tables
from ..context import Ctx
from ..pagination import Style, paginate
from ..routing import route
from .common import updated_since
from .task_assignments import assignment_fields as task_assignment_fields
from .user_assignments import assignment_fields

ua = tables.user_assignments
ta = tables.task_assignments
p = tables.projects
c = tables.clients


def _list(ctx: Ctx, user_id: int, style: Style) -> Response:
    query = (
        select(
            ua,
            p.c.name.label("project_name"),
            p.c.code.label("project_code"),
            c.c.id.label("client_ref"),
            c.c.name.label("client_name"),
            c.c.currency.label("client_currency"),
        )
        .join(p, p.c.id == ua.c.project_id)
        .join(c, c.c.id == p.c.client_id)
        .where(ua.c.user_id == user_id, ua.c.is_active, p.c.is_active)
        .order_by(ua.c.created_at.desc(), ua.c.id.desc())
    )
    if style == "cursor":
        query = updated_since(ctx, query, ua)
    # One query for the task assignments of every project the user is on (a handful).
    tasks = ctx.conn.execute(
        select(ta, tables.tasks.c.name.label("task_name"))
        .join(tables.tasks, tables.tasks.c.id == ta.c.task_id)
        .join(ua, ua.c.project_id == ta.c.project_id)
        .where(ua.c.user_id == user_id, ua.c.is_active, ta.c.is_active)
        .order_by(ta.c.id)
    )
    by_project: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in tasks:
        by_project[row.project_id].append(
            {**task_assignment_fields(row), "task": {"id": row.task_id, "name": row.task_name}}
        )

    def render(row: Row[Any]) -> dict[str, Any]:
        return {
            **assignment_fields(row),
            "project": {"id": row.project_id, "name": row.project_name, "code": row.project_code},
            "client": {
                "id": row.client_ref, "name": row.client_name, "currency": row.client_currency,
            },
            "task_assignments": by_project.get(row.project_id, []),
        }  # fmt: skip

    return paginate(ctx, query, key="project_assignments", render=render, style=style)


def list_mine(ctx: Ctx) -> Response:
    return _list(ctx, ctx.user.id, "page")


def list_for_user(ctx: Ctx) -> Response:
    user = store.fetch(ctx.conn, tables.users, ctx.path_id("user_id"))
    ctx.require(user.id == ctx.user.id or ctx.is_admin or user.id in ctx.teammate_ids)
    return _list(ctx, user.id, "cursor")


ROUTES = [
    route("GET", "/v2/users/me/project_assignments", list_mine),
    route("GET", "/v2/users/{user_id}/project_assignments", list_for_user),
]
