"""A manager's assigned teammates (API-NOTES §10.23). Administrators only; the user must
be a manager. Having teammates is what makes a manager a "people manager"."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, delete, insert, select
from starlette.responses import Response

from .. import store, tables
from ..auth import MANAGER, access_level
from ..context import Ctx
from ..errors import unprocessable
from ..pagination import paginate
from ..responses import json_response

t = tables.users
tm = tables.teammates


def _manager(ctx: Ctx) -> Row[Any]:
    ctx.require(ctx.is_admin)
    row = store.fetch(ctx.conn, t, ctx.path_id("id"))
    if access_level(row) != MANAGER:
        raise unprocessable("User is not a manager")
    return row


def _teammates_query(manager_id: int) -> Any:
    assigned = select(tm.c.teammate_id).where(tm.c.manager_id == manager_id)
    return select(t).where(t.c.id.in_(assigned)).order_by(t.c.last_name, t.c.first_name, t.c.id)


def render_teammate(row: Row[Any]) -> dict[str, Any]:
    return {
        "id": row.id,
        "first_name": row.first_name,
        "last_name": row.last_name,
        "email": row.email,
    }


def list_teammates(ctx: Ctx) -> Response:
    manager = _manager(ctx)
    return paginate(
        ctx, _teammates_query(manager.id), key="teammates", render=render_teammate, style="cursor"
    )


def update_teammates(ctx: Ctx) -> Response:
    manager = _manager(ctx)
    if not ctx.params.has("teammate_ids"):
        raise unprocessable("Teammate ids can't be blank")
    given: Any = ctx.params.int_list("teammate_ids") or []
    ids = list(dict.fromkeys(int(i) for i in given))
    if manager.id in ids:
        raise unprocessable("A manager can't be their own teammate")
    known = {r[0] for r in ctx.conn.execute(select(t.c.id).where(t.c.id.in_(ids)))}
    if set(ids) - known:
        raise unprocessable("Teammate ids are invalid")
    ctx.conn.execute(delete(tm).where(tm.c.manager_id == manager.id))
    if ids:
        ctx.conn.execute(insert(tm), [{"manager_id": manager.id, "teammate_id": i} for i in ids])
    store.change(ctx.conn, t, manager.id, {"updated_at": ctx.now})
    rows = ctx.conn.execute(_teammates_query(manager.id)).all()
    return json_response(ctx.request, {"teammates": [render_teammate(r) for r in rows]})
