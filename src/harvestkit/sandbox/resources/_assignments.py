"""What project task assignments and user assignments share: the project in the path,
one assignment of that project, and the writable flags and amounts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, Select, Table

from .. import store, tables
from ..context import Ctx
from ..errors import not_found, unprocessable
from .projects import can_manage_project


def managed_project(ctx: Ctx) -> int:
    """The `{project_id}` of the path, which the caller must be able to manage."""
    project = store.fetch(ctx.conn, tables.projects, ctx.path_id("project_id"))
    ctx.require(can_manage_project(ctx, project.id))
    return int(project.id)


def one_of_project(ctx: Ctx, query: Select[Any], table: Table, project_id: int) -> Row[Any]:
    """The assignment `{id}` of the path, if it belongs to that project (else 404)."""
    row = ctx.conn.execute(
        query.where(table.c.id == ctx.path_id("id"), table.c.project_id == project_id)
    ).first()
    if row is None:
        raise not_found()
    return row


def writable_fields(ctx: Ctx, flags: tuple[str, ...]) -> dict[str, Any]:
    """The given boolean flags plus `hourly_rate` and `budget` (never negative)."""
    values: dict[str, Any] = {}
    for flag in flags:
        if ctx.params.has(flag) and (value := ctx.params.bool(flag)) is not None:
            values[flag] = value
    for name in ("hourly_rate", "budget"):
        if ctx.params.has(name):
            amount = ctx.params.decimal(name)
            if amount is not None and amount < 0:
                label = name.replace("_", " ").capitalize()
                raise unprocessable(f"{label} must be greater than or equal to 0")
            values[name] = amount
    return values
