"""Running timers (API-NOTES §8.2): stopping one, one per user, and restarting.

Stopping folds the running time into `hours_without_timer` and, for a timestamp entry,
sets `ended_time` to now. A user has at most one running timer, so starting one stops the
other. A stopped duration entry resumes where it was; a timestamp entry cannot run twice,
so restarting it starts a new entry beginning now.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select

from ... import store, tables
from ...context import Ctx
from ._tracking import local_now, stored
from ._view import hours_of

t, u = tables.time_entries, tables.users


def stop_values(ctx: Ctx, row: Any) -> dict[str, Any]:
    """The stored values that stop the running entry `row`."""
    values: dict[str, Any] = {
        "hours_without_timer": hours_of(row, ctx.now),
        "timer_started_at": None,
        "updated_at": ctx.now,
    }
    if row.started_time is not None:
        user = store.fetch(ctx.conn, u, row.user_id)
        local = local_now(ctx, user)
        values["ended_time"] = stored(local.hour * 60 + local.minute)
    return values


def stop_others(ctx: Ctx, user_id: int, keep: int = 0) -> None:
    """At most one timer runs per user: starting one stops the other."""
    running = ctx.conn.execute(
        select(t).where(t.c.user_id == user_id, t.c.timer_started_at.isnot(None), t.c.id != keep)
    )
    for row in running.all():
        store.change(ctx.conn, t, row.id, stop_values(ctx, row))


def restart(ctx: Ctx, row: Any) -> int:
    """Run the stopped entry `row`'s timer again; the id of the entry now running."""
    stop_others(ctx, row.user_id, keep=row.id)
    if row.started_time is None:
        store.change(ctx.conn, t, row.id, {"timer_started_at": ctx.now, "updated_at": ctx.now})
        return int(row.id)
    local = local_now(ctx, store.fetch(ctx.conn, u, row.user_id))
    copied = {col.name: getattr(row, col.name) for col in t.c}
    copied.pop("id")
    copied.update(
        spent_date=local.date(),
        started_time=stored(local.hour * 60 + local.minute),
        ended_time=None,
        hours_without_timer=Decimal(0),
        timer_started_at=ctx.now,
        is_locked=False,
        locked_reason=None,
        approval_status="unsubmitted",
        invoice_id=None,
        created_at=ctx.now,
        updated_at=ctx.now,
    )
    return store.add(ctx.conn, t, copied)
