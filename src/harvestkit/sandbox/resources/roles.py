"""Roles (API-NOTES §10.18): named groups of people, for filtering reports. Administrators
only. A user's `roles` (a list of names) mirrors their memberships, so every change of a
role's name or people is written to both sides here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Row, delete, exists, insert, select
from sqlalchemy.engine import Connection
from starlette.responses import Response

from .. import store, tables
from ..context import Ctx
from ..errors import unprocessable
from ..pagination import paginate
from ..render import ts
from ..responses import created, json_response
from ..routing import route

t = tables.roles
members = tables.role_users
users = tables.users


def member_ids(conn: Connection, role_id: int) -> list[int]:
    rows = conn.execute(
        select(members.c.user_id).where(members.c.role_id == role_id).order_by(members.c.user_id)
    )
    return [r[0] for r in rows]


def _renderer(ctx: Ctx) -> Any:
    def render(row: Row[Any]) -> dict[str, Any]:
        return {
            "id": row.id,
            "name": row.name,
            "created_at": ts(row.created_at),
            "updated_at": ts(row.updated_at),
            "user_ids": member_ids(ctx.conn, row.id),
        }

    return render


def _rename_for_users(
    conn: Connection, user_ids: Iterable[int], old: str | None, new: str | None, now: Any
) -> None:
    """Replace `old` by `new` in these users' `roles` names (None: nothing to add/remove)."""
    for user_id in user_ids:
        row = store.find(conn, users, user_id)
        if row is None:
            continue
        names = [n for n in (row.roles or []) if n != old]
        if new is not None and new not in names:
            names.append(new)
        if names != list(row.roles or []):
            store.change(conn, users, user_id, {"roles": names, "updated_at": now})


def set_members(conn: Connection, role: Row[Any], user_ids: list[int], now: Any) -> None:
    """Make `user_ids` exactly the role's people, keeping users' `roles` names in step."""
    before = set(member_ids(conn, role.id))
    after = set(user_ids)
    conn.execute(delete(members).where(members.c.role_id == role.id))
    if after:
        conn.execute(insert(members), [{"role_id": role.id, "user_id": u} for u in sorted(after)])
    _rename_for_users(conn, before - after, role.name, None, now)
    _rename_for_users(conn, after - before, None, role.name, now)


def set_user_roles(conn: Connection, user_id: int, names: list[str], now: Any) -> list[str]:
    """Give a user exactly these roles by name, creating roles that don't exist yet.
    Returns the names as the user's `roles` field keeps them."""
    wanted = list(dict.fromkeys(n.strip() for n in names if n and n.strip()))
    conn.execute(delete(members).where(members.c.user_id == user_id))
    for name in wanted:
        role_id = conn.execute(select(t.c.id).where(t.c.name == name)).scalar()
        if role_id is None:
            role_id = store.add(conn, t, {"name": name, "created_at": now, "updated_at": now})
        conn.execute(insert(members).values(role_id=role_id, user_id=user_id))
    return wanted


def _user_ids(ctx: Ctx) -> list[int] | None:
    given: Any = ctx.params.int_list("user_ids")  # Params' annotations name its own methods
    if given is None:
        return None
    ids = [int(i) for i in given]
    known = {r[0] for r in ctx.conn.execute(select(users.c.id).where(users.c.id.in_(ids)))}
    if set(ids) - known:
        raise unprocessable("User ids are invalid")
    return ids


def _check_unique(ctx: Ctx, name: str, role_id: int | None = None) -> None:
    clash = exists().where(t.c.name == name)
    if role_id is not None:
        clash = clash.where(t.c.id != role_id)
    if ctx.conn.execute(select(clash)).scalar():
        raise unprocessable("Name has already been taken")


def list_roles(ctx: Ctx) -> Response:
    ctx.require(ctx.is_admin)
    query = select(t).order_by(t.c.created_at.desc(), t.c.id.desc())
    return paginate(ctx, query, key="roles", render=_renderer(ctx), style="cursor")


def get_role(ctx: Ctx) -> Response:
    ctx.require(ctx.is_admin)
    row = store.fetch(ctx.conn, t, ctx.path_id("id"))
    return json_response(ctx.request, _renderer(ctx)(row))


def create_role(ctx: Ctx) -> Response:
    ctx.require(ctx.is_admin)
    name = str(ctx.params.required_str("name")).strip()
    _check_unique(ctx, name)
    user_ids = _user_ids(ctx) or []
    new_id = store.add(ctx.conn, t, {"name": name, "created_at": ctx.now, "updated_at": ctx.now})
    set_members(ctx.conn, store.fetch(ctx.conn, t, new_id), user_ids, ctx.now)
    return created(ctx.request, _renderer(ctx)(store.fetch(ctx.conn, t, new_id)), "roles")


def update_role(ctx: Ctx) -> Response:
    ctx.require(ctx.is_admin)
    row = store.fetch(ctx.conn, t, ctx.path_id("id"))
    if ctx.params.has("name"):
        name = str(ctx.params.required_str("name")).strip()
        if name != row.name:
            _check_unique(ctx, name, row.id)
            _rename_for_users(ctx.conn, member_ids(ctx.conn, row.id), row.name, name, ctx.now)
        store.change(ctx.conn, t, row.id, {"name": name})
    user_ids = _user_ids(ctx)
    store.change(ctx.conn, t, row.id, {"updated_at": ctx.now})
    row = store.fetch(ctx.conn, t, row.id)
    if user_ids is not None:
        set_members(ctx.conn, row, user_ids, ctx.now)
    return json_response(ctx.request, _renderer(ctx)(row))


def delete_role(ctx: Ctx) -> Response:
    ctx.require(ctx.is_admin)
    row = store.fetch(ctx.conn, t, ctx.path_id("id"))
    body = _renderer(ctx)(row)
    set_members(ctx.conn, row, [], ctx.now)
    store.remove(ctx.conn, t, row.id)
    return json_response(ctx.request, body)


ROUTES = [
    route("GET", "/v2/roles", list_roles),
    route("POST", "/v2/roles", create_role),
    route("GET", "/v2/roles/{id}", get_role),
    route("PATCH", "/v2/roles/{id}", update_role),
    route("DELETE", "/v2/roles/{id}", delete_role),
]
