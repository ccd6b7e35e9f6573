"""Project user assignments (API-NOTES §10.16)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, Select, exists, or_, select
from starlette.responses import Response

from .. import store, tables
from ..auth import MEMBER, access_level
from ..context import Ctx
from ..errors import refused, unprocessable
from ..pagination import paginate
from ..render import num, ts
from ..responses import created, json_response
from ..routing import route
from ._assignments import managed_project, one_of_project, writable_fields
from .common import updated_since

t = tables.user_assignments
p = tables.projects
u = tables.users
NOT_REMOVABLE = (
    "This user assignment is not removable. The user still has time entries or expenses "
    "on this project."
)

_query = (
    select(
        t,
        p.c.name.label("project_name"),
        p.c.code.label("project_code"),
        u.c.first_name.label("user_first_name"),
        u.c.last_name.label("user_last_name"),
    )
    .join(p, p.c.id == t.c.project_id)
    .join(u, u.c.id == t.c.user_id)
)


def assignment_fields(row: Any) -> dict[str, Any]:
    """The assignment's own fields, in Harvest's order (embedded in time entries too)."""
    return {
        "id": row.id,
        "is_project_manager": row.is_project_manager,
        "is_active": row.is_active,
        "use_default_rates": row.use_default_rates,
        "budget": num(row.budget),
        "created_at": ts(row.created_at),
        "updated_at": ts(row.updated_at),
        "hourly_rate": num(row.hourly_rate),
    }


def render_user_assignment(row: Row[Any]) -> dict[str, Any]:
    return {
        **assignment_fields(row),
        "project": {"id": row.project_id, "name": row.project_name, "code": row.project_code},
        "user": {"id": row.user_id, "name": f"{row.user_first_name} {row.user_last_name}"},
    }


def _filters(ctx: Ctx, query: Select[Any]) -> Select[Any]:
    if (user_id := ctx.params.int("user_id")) is not None:
        query = query.where(t.c.user_id == user_id)
    if (active := ctx.params.bool("is_active")) is not None:
        query = query.where(t.c.is_active == active)
    return updated_since(ctx, query, t).order_by(t.c.created_at.desc(), t.c.id.desc())


def list_all(ctx: Ctx) -> Response:
    ctx.require(ctx.level != MEMBER)
    query = _query
    if not ctx.is_admin:
        query = query.where(
            or_(t.c.project_id.in_(ctx.managed_project_ids), t.c.user_id.in_(ctx.teammate_ids))
        )
    return paginate(
        ctx, _filters(ctx, query), key="user_assignments", render=render_user_assignment,
        style="cursor",
    )  # fmt: skip


def list_for_project(ctx: Ctx) -> Response:
    query = _filters(ctx, _query.where(t.c.project_id == managed_project(ctx)))
    return paginate(ctx, query, key="user_assignments", render=render_user_assignment, style="page")


def get_one(ctx: Ctx) -> Response:
    return json_response(
        ctx.request, render_user_assignment(one_of_project(ctx, _query, t, managed_project(ctx)))
    )


def create_one(ctx: Ctx) -> Response:
    project_id = managed_project(ctx)
    values = writable_fields(ctx, ("is_active", "is_project_manager", "use_default_rates"))
    user_id = ctx.params.int("user_id")
    if user_id is None:
        raise unprocessable("User can't be blank")
    user = store.find(ctx.conn, u, user_id)
    if user is None:
        raise unprocessable("User must exist")
    taken = exists().where(t.c.project_id == project_id, t.c.user_id == user_id)
    if ctx.conn.execute(select(taken)).scalar():
        raise unprocessable("User has already been assigned to this project")
    values = {
        "is_active": True,
        "is_project_manager": access_level(user) != MEMBER,
        "use_default_rates": True,
        **values,
    }
    new_id = store.add(
        ctx.conn,
        t,
        {**values, "project_id": project_id, "user_id": user_id, "created_at": ctx.now,
         "updated_at": ctx.now},
    )  # fmt: skip
    row = ctx.conn.execute(_query.where(t.c.id == new_id)).one()
    return created(
        ctx.request, render_user_assignment(row), f"projects/{project_id}/user_assignments"
    )


def update_one(ctx: Ctx) -> Response:
    project_id = managed_project(ctx)
    row = one_of_project(ctx, _query, t, project_id)
    store.change(
        ctx.conn,
        t,
        row.id,
        {
            **writable_fields(ctx, ("is_active", "is_project_manager", "use_default_rates")),
            "updated_at": ctx.now,
        },
    )
    return json_response(
        ctx.request, render_user_assignment(one_of_project(ctx, _query, t, project_id))
    )


def delete_one(ctx: Ctx) -> Response:
    project_id = managed_project(ctx)
    row = one_of_project(ctx, _query, t, project_id)
    for table in (tables.time_entries, tables.expenses):
        used = exists().where(table.c.project_id == project_id, table.c.user_id == row.user_id)
        if ctx.conn.execute(select(used)).scalar():
            raise refused(NOT_REMOVABLE)
    store.remove(ctx.conn, t, row.id)
    return json_response(ctx.request, render_user_assignment(row))


_ONE = "/v2/projects/{project_id}/user_assignments/{id}"
ROUTES = [
    route("GET", "/v2/user_assignments", list_all),
    route("GET", "/v2/projects/{project_id}/user_assignments", list_for_project),
    route("POST", "/v2/projects/{project_id}/user_assignments", create_one),
    route("GET", _ONE, get_one),
    route("PATCH", _ONE, update_one),
    route("DELETE", _ONE, delete_one),
]
