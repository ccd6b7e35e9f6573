"""Who may see and change which time entries (API-NOTES §3.5).

Everyone reaches their own entries. Managers also see their teammates' entries and those
on the projects they manage, and change them with the `time_and_expenses_manager`
permission. Administrators reach every entry, locked ones included.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, Select, or_

from ... import store, tables
from ...context import Ctx
from ...errors import forbidden, unprocessable
from ._view import one_entry

t = tables.time_entries
LOCKED = "This time entry is locked and can't be changed"


def visible(ctx: Ctx, query: Select[Any]) -> Select[Any]:
    """`query` narrowed to the entries the caller may see."""
    if ctx.is_admin:
        return query
    mine = t.c.user_id == ctx.user.id
    if not ctx.is_manager:
        return query.where(mine)
    return query.where(
        or_(mine, t.c.user_id.in_(ctx.teammate_ids), t.c.project_id.in_(ctx.managed_project_ids))
    )


def may_see(ctx: Ctx, row: Any) -> bool:
    return (
        ctx.is_admin
        or row.user_id == ctx.user.id
        or (
            ctx.is_manager
            and (row.user_id in ctx.teammate_ids or row.project_id in ctx.managed_project_ids)
        )
    )


def may_write(ctx: Ctx, user_id: int, project_id: int | None) -> bool:
    if ctx.is_admin or user_id == ctx.user.id:
        return True
    managed = user_id in ctx.teammate_ids or project_id in ctx.managed_project_ids
    return ctx.has("time_and_expenses_manager") and managed


def target_user(ctx: Ctx, project_id: int | None) -> Row[Any]:
    """Whom a new entry is for: the `user_id` given, if the caller may track for them."""
    user_id = ctx.params.int("user_id")
    if user_id is None or user_id == ctx.user.id:
        return ctx.user
    user = store.find(ctx.conn, tables.users, user_id)
    if user is None:
        raise unprocessable("User does not exist")
    if not may_write(ctx, user.id, project_id):
        raise forbidden()
    return user


def writable(ctx: Ctx) -> Row[Any]:
    """The entry in the path, if the caller may change it (admins may change locked ones)."""
    row = one_entry(ctx, ctx.path_id("id"))
    if not may_see(ctx, row):
        raise forbidden()
    if not may_write(ctx, row.user_id, row.project_id):
        raise forbidden()
    if row.is_locked and not ctx.is_admin:
        raise unprocessable(LOCKED)
    return row
