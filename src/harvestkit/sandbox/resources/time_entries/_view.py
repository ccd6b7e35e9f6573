"""How a time entry reads: one query joins what it embeds, and `render_entry` shapes it.

`hours` is `hours_without_timer` (time already tracked) plus, while the timer runs, the
time elapsed on the sandbox clock. Stored "HH:MM" clock times are rendered in the
company's clock format.
"""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Row, select
from starlette.responses import Response

from ... import tables
from ...context import Ctx
from ...errors import not_found
from ...render import day, num, rounded, ts
from ...responses import created, json_response
from ..task_assignments import assignment_fields as task_assignment_fields
from ..user_assignments import assignment_fields as user_assignment_fields
from ._external_references import render_reference
from ._tracking import CENT, minutes_of

t = tables.time_entries
u, p, c, k = tables.users, tables.projects, tables.clients, tables.tasks
ua, ta, inv = tables.user_assignments, tables.task_assignments, tables.invoices

QUERY = (
    select(
        t,
        u.c.first_name.label("user_first_name"),
        u.c.last_name.label("user_last_name"),
        c.c.name.label("client_name"),
        c.c.currency.label("client_currency"),
        p.c.name.label("project_name"),
        p.c.code.label("project_code"),
        k.c.name.label("task_name"),
        *[col.label(f"ua_{col.name}") for col in ua.c],
        *[col.label(f"ta_{col.name}") for col in ta.c],
        inv.c.number.label("invoice_number"),
    )
    .join(u, u.c.id == t.c.user_id)
    .join(c, c.c.id == t.c.client_id)
    .join(p, p.c.id == t.c.project_id)
    .join(k, k.c.id == t.c.task_id)
    .outerjoin(ua, ua.c.id == t.c.user_assignment_id)
    .outerjoin(ta, ta.c.id == t.c.task_assignment_id)
    .outerjoin(inv, inv.c.id == t.c.invoice_id)
)
"""Every entry column plus the names and assignments an entry embeds."""

_UA_FIELDS = [(f"ua_{col.name}", col.name) for col in ua.c]
_TA_FIELDS = [(f"ta_{col.name}", col.name) for col in ta.c]


def hours_of(row: Any, now: datetime) -> Decimal:
    """Tracked hours: stopped hours plus, while running, the time since the timer started."""
    hours: Decimal = row.hours_without_timer
    if row.timer_started_at is not None:
        elapsed = max((now - row.timer_started_at).total_seconds(), 0)
        hours = (hours + Decimal(int(elapsed)) / 3600).quantize(CENT, ROUND_HALF_UP)
    return hours


def _clock(minutes: int | None, style: str) -> str | None:
    if minutes is None:
        return None
    hour, minute = divmod(minutes, 60)
    if style == "24h":
        return f"{hour:02d}:{minute:02d}"
    return f"{hour % 12 or 12}:{minute:02d}{'am' if hour < 12 else 'pm'}"


def _embedded(
    row: Row[Any], fields: list[tuple[str, str]], render: Any, cache: dict[Any, Any]
) -> dict[str, Any] | None:
    """An embedded assignment, rendered once per page (entries share a few assignments)."""
    key = (fields[0][0], getattr(row, fields[0][0]))
    if key[1] is None:
        return None
    if key not in cache:
        cache[key] = render(
            SimpleNamespace(**{name: getattr(row, label) for label, name in fields})
        )
    return cache[key]  # type: ignore[no-any-return]


def render_entry(
    row: Row[Any], now: datetime, clock: str, rounding: int | None, cache: dict[Any, Any]
) -> dict[str, Any]:
    hours = hours_of(row, now)
    return {
        "id": row.id,
        "spent_date": day(row.spent_date),
        "user": {"id": row.user_id, "name": f"{row.user_first_name} {row.user_last_name}"},
        "client": {"id": row.client_id, "name": row.client_name, "currency": row.client_currency},
        "project": {"id": row.project_id, "name": row.project_name, "code": row.project_code},
        "task": {"id": row.task_id, "name": row.task_name},
        "user_assignment": _embedded(row, _UA_FIELDS, user_assignment_fields, cache),
        "task_assignment": _embedded(row, _TA_FIELDS, task_assignment_fields, cache),
        "hours": num(hours),
        "hours_without_timer": num(row.hours_without_timer),
        "rounded_hours": num(rounded(hours, rounding)),
        "notes": row.notes,
        "created_at": ts(row.created_at),
        "updated_at": ts(row.updated_at),
        "is_locked": row.is_locked,
        "locked_reason": row.locked_reason,
        "is_closed": row.approval_status == "approved",
        "approval_status": row.approval_status,
        "is_billed": row.invoice_id is not None,
        "timer_started_at": ts(row.timer_started_at),
        "started_time": _clock(minutes_of(row.started_time), clock),
        "ended_time": _clock(minutes_of(row.ended_time), clock),
        "is_running": row.timer_started_at is not None,
        "invoice": None
        if row.invoice_id is None
        else {"id": row.invoice_id, "number": row.invoice_number},
        "external_reference": render_reference(row.external_reference),
        "billable": row.billable,
        "budgeted": row.budgeted,
        "billable_rate": num(row.billable_rate),
        "cost_rate": num(row.cost_rate),
    }


def renderer(ctx: Ctx) -> Any:
    """`render_entry` for the caller's company, sharing one cache across a page."""
    company, cache = ctx.company, dict[Any, Any]()
    return lambda row: render_entry(row, ctx.now, company.clock, company.rounding_minutes, cache)


def one_entry(ctx: Ctx, entry_id: int) -> Row[Any]:
    row = ctx.conn.execute(QUERY.where(t.c.id == entry_id)).first()
    if row is None:
        raise not_found()
    return row


def answer(ctx: Ctx, entry_id: int, status: int = 200) -> Response:
    """The entry as the response to a write (201 with its Location when just created)."""
    body = renderer(ctx)(one_entry(ctx, entry_id))
    if status == 201:
        return created(ctx.request, body, "time_entries")
    return json_response(ctx.request, body)
