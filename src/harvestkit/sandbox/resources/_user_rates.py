"""Users' billable and cost rate histories (API-NOTES §8.7, §10.20–§10.21).

A history is a list of dated amounts; `end_date` is derived (the next rate's start − 1
day), and the user's `default_hourly_rate` / `cost_rate` mirror the rate in force today.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import Row, Table, delete, select
from starlette.responses import Response

from .. import store, tables
from ..context import Ctx
from ..errors import unprocessable
from ..pagination import paginate
from ..render import day, num, ts
from ..responses import created, json_response

t = tables.users
BILLABLE = tables.billable_rates
COST = tables.cost_rates
_RATE_COLUMN = {"billable_rates": "default_hourly_rate", "cost_rates": "cost_rate"}


def _rate_user(ctx: Ctx, kind: Table) -> Row[Any]:
    ctx.require(ctx.has("billable_rates_manager") if kind is BILLABLE else ctx.is_admin)
    return store.fetch(ctx.conn, t, ctx.path_id("id"))


def _history(ctx: Ctx, kind: Table, user_id: int) -> Any:
    return (
        select(kind)
        .where(kind.c.user_id == user_id)
        .order_by(kind.c.start_date.asc().nulls_first(), kind.c.id.asc())
    )


def _rate_renderer(ctx: Ctx, kind: Table, user_id: int) -> Any:
    rows = ctx.conn.execute(_history(ctx, kind, user_id)).all()
    ends: dict[int, date | None] = {}
    for current, following in zip(rows, [*rows[1:], None], strict=False):
        starts = following.start_date if following is not None else None
        ends[current.id] = starts - timedelta(days=1) if starts is not None else None

    def render(row: Row[Any]) -> dict[str, Any]:
        return {
            "id": row.id,
            "amount": num(row.amount),
            "start_date": day(row.start_date),
            "end_date": day(ends.get(row.id)),
            "created_at": ts(row.created_at),
            "updated_at": ts(row.updated_at),
        }

    return render


def _list_rates(ctx: Ctx, kind: Table) -> Response:
    user = _rate_user(ctx, kind)
    render = _rate_renderer(ctx, kind, user.id)
    return paginate(ctx, _history(ctx, kind, user.id), key=kind.name, render=render, style="cursor")


def _get_rate(ctx: Ctx, kind: Table) -> Response:
    user = _rate_user(ctx, kind)
    rate = store.fetch_under(ctx.conn, kind, ctx.path_id("rate_id"), "user_id", user.id)
    return json_response(ctx.request, _rate_renderer(ctx, kind, user.id)(rate))


def _create_rate(ctx: Ctx, kind: Table) -> Response:
    user = _rate_user(ctx, kind)
    amount = ctx.params.decimal("amount")
    if amount is None:
        raise unprocessable("Amount can't be blank")
    if amount < 0:
        raise unprocessable("Amount must be greater than or equal to 0")
    start = ctx.params.date("start_date")
    today = ctx.today(user)
    if start is not None and start > today:
        raise unprocessable("Start date can't be in the future")
    replaced = kind.c.user_id == user.id
    if start is not None:
        replaced = replaced & (kind.c.start_date >= start)
    ctx.conn.execute(delete(kind).where(replaced))
    new_id = store.add(
        ctx.conn,
        kind,
        {
            "user_id": user.id,
            "amount": amount,
            "start_date": start,
            "created_at": ctx.now,
            "updated_at": ctx.now,
        },
    )
    in_force = [
        r
        for r in ctx.conn.execute(_history(ctx, kind, user.id))
        if r.start_date is None or r.start_date <= today
    ]
    current = in_force[-1].amount if in_force else None
    store.change(ctx.conn, t, user.id, {_RATE_COLUMN[kind.name]: current, "updated_at": ctx.now})
    body = _rate_renderer(ctx, kind, user.id)(store.fetch(ctx.conn, kind, new_id))
    return created(ctx.request, body, f"users/{user.id}/{kind.name}")


def list_billable_rates(ctx: Ctx) -> Response:
    return _list_rates(ctx, BILLABLE)


def create_billable_rate(ctx: Ctx) -> Response:
    return _create_rate(ctx, BILLABLE)


def get_billable_rate(ctx: Ctx) -> Response:
    return _get_rate(ctx, BILLABLE)


def list_cost_rates(ctx: Ctx) -> Response:
    return _list_rates(ctx, COST)


def create_cost_rate(ctx: Ctx) -> Response:
    return _create_rate(ctx, COST)


def get_cost_rate(ctx: Ctx) -> Response:
    return _get_rate(ctx, COST)
