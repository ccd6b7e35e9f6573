"""Time entries and timers (API-NOTES §10.14, §8.2).

An entry keeps `hours_without_timer` (time already tracked) and, while running,
`timer_started_at`; `hours` is their sum with the time elapsed on the sandbox clock.
`started_time`/`ended_time` are stored as 24-hour "HH:MM" in the user's zone and rendered
in the company's clock format. Rates, `billable` and `budgeted` are worked out whenever the
entry's user, project, task or date changes.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlparse

from sqlalchemy import Row, Select, Table, or_, select
from starlette.responses import Response

from .. import store, tables
from ..context import Ctx
from ..errors import forbidden, not_found, refused, unprocessable
from ..pagination import paginate
from ..params import label
from ..render import day, num, rounded, ts
from ..responses import created, json_response
from ..routing import route
from ..timezones import zone_for
from .common import updated_since
from .task_assignments import assignment_fields as task_assignment_fields
from .user_assignments import assignment_fields as user_assignment_fields

t = tables.time_entries
u, p, c, k = tables.users, tables.projects, tables.clients, tables.tasks
ua, ta, inv = tables.user_assignments, tables.task_assignments, tables.invoices
APPROVAL_STATUSES = ("unsubmitted", "submitted", "approved")
NOT_RUNNING = "This time entry is not running"
ALREADY_RUNNING = "This time entry is already running"
LOCKED = "This time entry is locked and can't be changed"
CLOSED = "This time entry is not removable. It has been approved."
ARCHIVED = "This time entry is not removable. Its project or task is archived."
LOCKED_DELETE = "This time entry is not removable. It is locked."
HOURS_WHILE_RUNNING = "Hours can't be changed while the timer is running"
DURATION_ACCOUNT = "Started time and ended time can't be used: this account tracks time by duration"
_CENT = Decimal("0.01")
_CLOCK = re.compile(r"^\s*(\d{1,2})(?::(\d{2}))?\s*(?:([ap])\.?m\.?)?\s*$", re.IGNORECASE)

_query = (
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


# -- rendering ----------------------------------------------------------------------------


def hours_of(row: Any, now: datetime) -> Decimal:
    """Tracked hours: stopped hours plus, while running, the time since the timer started."""
    hours: Decimal = row.hours_without_timer
    if row.timer_started_at is not None:
        elapsed = max((now - row.timer_started_at).total_seconds(), 0)
        hours = (hours + Decimal(int(elapsed)) / 3600).quantize(_CENT, ROUND_HALF_UP)
    return hours


def _clock(minutes: int | None, style: str) -> str | None:
    if minutes is None:
        return None
    hour, minute = divmod(minutes, 60)
    if style == "24h":
        return f"{hour:02d}:{minute:02d}"
    return f"{hour % 12 or 12}:{minute:02d}{'am' if hour < 12 else 'pm'}"


def _minutes(stored: str | None) -> int | None:
    if stored is None:
        return None
    hour, minute = stored.split(":")
    return int(hour) * 60 + int(minute)


_UA_FIELDS = [(f"ua_{col.name}", col.name) for col in ua.c]
_TA_FIELDS = [(f"ta_{col.name}", col.name) for col in ta.c]


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


def _external_reference(ref: dict[str, Any] | None) -> dict[str, Any] | None:
    if ref is None:
        return None
    # Harvest names the integration; the sandbox takes the permalink's host as its name.
    service = urlparse(ref.get("permalink") or "").hostname
    icon = f"https://proxy.harvestfiles.net/integrations/{service}/icon.png" if service else None
    return {**ref, "service": service, "service_icon_url": icon}


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
        "started_time": _clock(_minutes(row.started_time), clock),
        "ended_time": _clock(_minutes(row.ended_time), clock),
        "is_running": row.timer_started_at is not None,
        "invoice": None
        if row.invoice_id is None
        else {"id": row.invoice_id, "number": row.invoice_number},
        "external_reference": _external_reference(row.external_reference),
        "billable": row.billable,
        "budgeted": row.budgeted,
        "billable_rate": num(row.billable_rate),
        "cost_rate": num(row.cost_rate),
    }


def _renderer(ctx: Ctx) -> Any:
    company, cache = ctx.company, dict[Any, Any]()
    return lambda row: render_entry(row, ctx.now, company.clock, company.rounding_minutes, cache)


def _one(ctx: Ctx, entry_id: int) -> Row[Any]:
    row = ctx.conn.execute(_query.where(t.c.id == entry_id)).first()
    if row is None:
        raise not_found()
    return row


def _answer(ctx: Ctx, entry_id: int, status: int = 200) -> Response:
    body = _renderer(ctx)(_one(ctx, entry_id))
    if status == 201:
        return created(ctx.request, body, "time_entries")
    return json_response(ctx.request, body)


# -- who may see and change what (API-NOTES §3.5) -----------------------------------------


def _visible(ctx: Ctx, query: Select[Any]) -> Select[Any]:
    if ctx.is_admin:
        return query
    mine = t.c.user_id == ctx.user.id
    if not ctx.is_manager:
        return query.where(mine)
    return query.where(
        or_(mine, t.c.user_id.in_(ctx.teammate_ids), t.c.project_id.in_(ctx.managed_project_ids))
    )


def _may_see(ctx: Ctx, row: Any) -> bool:
    return (
        ctx.is_admin
        or row.user_id == ctx.user.id
        or (
            ctx.is_manager
            and (row.user_id in ctx.teammate_ids or row.project_id in ctx.managed_project_ids)
        )
    )


def _may_write(ctx: Ctx, user_id: int, project_id: int | None) -> bool:
    if ctx.is_admin or user_id == ctx.user.id:
        return True
    managed = user_id in ctx.teammate_ids or project_id in ctx.managed_project_ids
    return ctx.has("time_and_expenses_manager") and managed


# -- reading ------------------------------------------------------------------------------


def list_entries(ctx: Ctx) -> Response:
    q = ctx.params
    query = _visible(ctx, _query)
    for name in ("user_id", "client_id", "project_id", "task_id"):
        if (value := q.int(name)) is not None:
            query = query.where(t.c[name] == value)
    if (ref := q.str("external_reference_id")) is not None:
        query = query.where(t.c.external_reference_id == ref)
    if (billed := q.bool("is_billed")) is not None:
        query = query.where(t.c.invoice_id.isnot(None) if billed else t.c.invoice_id.is_(None))
    if (running := q.bool("is_running")) is not None:
        query = query.where(
            t.c.timer_started_at.isnot(None) if running else t.c.timer_started_at.is_(None)
        )
    if (status := q.str("approval_status")) is not None:
        if status not in APPROVAL_STATUSES:
            raise unprocessable("Approval status is not included in the list")
        query = query.where(t.c.approval_status == status)
    if (start := q.date("from")) is not None:
        query = query.where(t.c.spent_date >= start)
    if (end := q.date("to")) is not None:
        query = query.where(t.c.spent_date <= end)
    query = updated_since(ctx, query, t).order_by(t.c.spent_date.desc(), t.c.id.desc())
    return paginate(ctx, query, key="time_entries", render=_renderer(ctx), style="page")


def get_entry(ctx: Ctx) -> Response:
    row = _one(ctx, ctx.path_id("id"))
    ctx.require(_may_see(ctx, row))
    return json_response(ctx.request, _renderer(ctx)(row))


# -- what an entry is linked to, and the rates it carries ---------------------------------


def _rate_on(ctx: Ctx, table: Table, user: Row[Any], when: date, fallback: Any) -> Decimal | None:
    """The user's rate in force on `when` from a dated history, else the user's own rate."""
    rate = ctx.conn.execute(
        select(table.c.amount)
        .where(table.c.user_id == user.id)
        .where(or_(table.c.start_date.is_(None), table.c.start_date <= when))
        .order_by(table.c.start_date.desc().nulls_last(), table.c.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    return rate if rate is not None else fallback  # type: ignore[no-any-return]


def _links(ctx: Ctx, user: Row[Any], project_id: int, task_id: int, when: date) -> dict[str, Any]:
    """Validate the project, task and assignments; derive client, billable and rates."""
    project = store.find(ctx.conn, p, project_id)
    if project is None:
        raise unprocessable("Project does not exist")
    if not project.is_active:
        raise unprocessable("Project is archived")
    user_assignment = ctx.conn.execute(
        select(ua).where(ua.c.project_id == project.id, ua.c.user_id == user.id, ua.c.is_active)
    ).first()
    if user_assignment is None:
        raise unprocessable("User is not assigned to this project")
    if store.find(ctx.conn, k, task_id) is None:
        raise unprocessable("Task does not exist")
    task_assignment = ctx.conn.execute(
        select(ta).where(ta.c.project_id == project.id, ta.c.task_id == task_id, ta.c.is_active)
    ).first()
    if task_assignment is None:
        raise unprocessable("Task is not assigned to this project")
    billable = bool(project.is_billable and task_assignment.billable)
    rate: Decimal | None = None
    if billable and project.bill_by == "Project":
        rate = project.hourly_rate
    elif billable and project.bill_by == "Tasks":
        rate = task_assignment.hourly_rate
    elif billable and project.bill_by == "People":
        rate = (
            _rate_on(ctx, tables.billable_rates, user, when, user.default_hourly_rate)
            if user_assignment.use_default_rates
            else user_assignment.hourly_rate
        )
    return {
        "user_id": user.id,
        "project_id": project.id,
        "task_id": task_id,
        "client_id": project.client_id,
        "user_assignment_id": user_assignment.id,
        "task_assignment_id": task_assignment.id,
        "billable": billable,
        "budgeted": project.budget_by != "none",
        "billable_rate": rate,
        "cost_rate": _rate_on(ctx, tables.cost_rates, user, when, user.cost_rate),
    }


# -- timers and clock times ---------------------------------------------------------------


def _parse_clock(ctx: Ctx, name: str) -> int | None:
    """Minutes after midnight from "8:00am", "8am", "08:00" or "14:30"."""
    text = ctx.params.str(name)
    if text is None or not text.strip():
        return None
    match = _CLOCK.match(text)
    hour, minute = (int(match.group(1)), int(match.group(2) or 0)) if match else (99, 0)
    meridiem = (match.group(3) or "").lower() if match else ""
    if meridiem:
        hour = -1 if not 1 <= hour <= 12 else hour % 12 + (12 if meridiem == "p" else 0)
    if not (0 <= hour < 24 and minute < 60):
        raise unprocessable(f"{label(name)} is invalid")
    return hour * 60 + minute


def _local(ctx: Ctx, user: Row[Any]) -> datetime:
    zone = zone_for(user.timezone or ctx.company.time_zone)
    return ctx.sandbox.clock.now().astimezone(zone)


def _stored(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _stop_values(ctx: Ctx, row: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "hours_without_timer": hours_of(row, ctx.now),
        "timer_started_at": None,
        "updated_at": ctx.now,
    }
    if row.started_time is not None:
        user = store.fetch(ctx.conn, u, row.user_id)
        local = _local(ctx, user)
        values["ended_time"] = _stored(local.hour * 60 + local.minute)
    return values


def _stop_others(ctx: Ctx, user_id: int, keep: int = 0) -> None:
    """At most one timer runs per user: starting one stops the other."""
    running = ctx.conn.execute(
        select(t).where(t.c.user_id == user_id, t.c.timer_started_at.isnot(None), t.c.id != keep)
    )
    for row in running.all():
        store.change(ctx.conn, t, row.id, _stop_values(ctx, row))


def _hours(ctx: Ctx) -> Decimal | None:
    hours = ctx.params.decimal("hours")
    if hours is not None and hours < 0:
        raise unprocessable("Hours must be greater than or equal to 0")
    return hours


def _duration(hours: Decimal) -> int:
    return int((hours * 60).to_integral_value(ROUND_HALF_UP))


def _timing(ctx: Ctx, user: Row[Any], spent: date, row: Any = None) -> dict[str, Any]:
    """The timer fields a create (`row` None) or an update sets, by the tracking mode."""
    hours = _hours(ctx)
    started, ended = _parse_clock(ctx, "started_time"), _parse_clock(ctx, "ended_time")
    running = row is not None and row.timer_started_at is not None
    if running and hours is not None:
        raise unprocessable(HOURS_WHILE_RUNNING)
    if not ctx.company.wants_timestamp_timers:
        if started is not None or ended is not None:
            raise unprocessable(DURATION_ACCOUNT)
        if row is not None:
            return {} if hours is None else {"hours_without_timer": hours}
        return {
            "hours_without_timer": Decimal(0) if hours is None else hours,
            "timer_started_at": ctx.now if hours is None else None,
        }
    if row is not None:
        if started is None and ended is None and hours is None:
            return {}
        started = started if started is not None else _minutes(row.started_time)
    local = _local(ctx, user)
    now = local.hour * 60 + local.minute
    if started is None:  # with only `hours`, the entry is taken to end now
        started = max(now - _duration(hours), 0) if hours is not None and ended is None else now
    if ended is None and hours is not None:
        ended = min(started + _duration(hours), 24 * 60 - 1)
    if ended is None and row is not None and not running:
        ended = _minutes(row.ended_time)
    if ended is None:  # running since its start time, never later than now
        moment = datetime.combine(spent, time()) + timedelta(minutes=started)
        begun = moment.replace(tzinfo=local.tzinfo).astimezone(UTC).replace(tzinfo=None)
        return {
            "started_time": _stored(started),
            "ended_time": None,
            "hours_without_timer": Decimal(0),
            "timer_started_at": min(ctx.now, begun),
        }
    if ended < started:
        raise unprocessable("Ended time must be after started time")
    return {
        "started_time": _stored(started),
        "ended_time": _stored(ended),
        "hours_without_timer": (Decimal(ended - started) / 60).quantize(_CENT, ROUND_HALF_UP),
        "timer_started_at": None,
    }


# -- writing ------------------------------------------------------------------------------


def _external(ctx: Ctx) -> dict[str, Any]:
    if not ctx.params.has("external_reference"):
        return {}
    given = ctx.params.dict("external_reference")
    if given is None:
        return {"external_reference": None, "external_reference_id": None}
    ref = {
        key: None if given.get(key) is None else str(given[key])
        for key in ("id", "group_id", "account_id", "permalink")
    }
    return {"external_reference": ref, "external_reference_id": ref["id"]}


def _target_user(ctx: Ctx, project_id: int | None) -> Row[Any]:
    user_id = ctx.params.int("user_id")
    if user_id is None or user_id == ctx.user.id:
        return ctx.user
    user = store.find(ctx.conn, u, user_id)
    if user is None:
        raise unprocessable("User does not exist")
    if not _may_write(ctx, user.id, project_id):
        raise forbidden()
    return user


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
    user = _target_user(ctx, project_id)
    values = {
        **_links(ctx, user, project_id, task_id, spent),
        **_timing(ctx, user, spent),
        **_external(ctx),
        "spent_date": spent,
        "notes": q.str("notes"),
        "created_at": ctx.now,
        "updated_at": ctx.now,
    }
    if values["timer_started_at"] is not None:
        _stop_others(ctx, user.id)
    return _answer(ctx, store.add(ctx.conn, t, values), status=201)


def _writable(ctx: Ctx) -> Row[Any]:
    """The entry in the path, if the caller may change it (admins may change locked ones)."""
    row = _one(ctx, ctx.path_id("id"))
    if not _may_see(ctx, row):
        raise forbidden()
    if not _may_write(ctx, row.user_id, row.project_id):
        raise forbidden()
    if row.is_locked and not ctx.is_admin:
        raise unprocessable(LOCKED)
    return row


def update_entry(ctx: Ctx) -> Response:
    row = _writable(ctx)
    q = ctx.params
    user = store.fetch(ctx.conn, u, row.user_id)
    spent = q.date("spent_date") or row.spent_date
    project_id = q.int("project_id") or row.project_id
    task_id = q.int("task_id") or row.task_id
    values: dict[str, Any] = {**_timing(ctx, user, spent, row), **_external(ctx)}
    if (spent, project_id, task_id) != (row.spent_date, row.project_id, row.task_id):
        if project_id != row.project_id and not _may_write(ctx, row.user_id, project_id):
            raise forbidden()
        values.update(_links(ctx, user, project_id, task_id, spent), spent_date=spent)
    if q.has("notes"):
        values["notes"] = q.str("notes")
    store.change(ctx.conn, t, row.id, {**values, "updated_at": ctx.now})
    return _answer(ctx, row.id)


def delete_entry(ctx: Ctx) -> Response:
    row = _one(ctx, ctx.path_id("id"))
    if not (_may_see(ctx, row) and _may_write(ctx, row.user_id, row.project_id)):
        raise forbidden()
    if row.approval_status == "approved" and not ctx.is_admin:
        raise refused(CLOSED)
    if row.is_locked and not ctx.is_admin:
        raise refused(LOCKED_DELETE)
    project, task = store.fetch(ctx.conn, p, row.project_id), store.fetch(ctx.conn, k, row.task_id)
    if not (project.is_active and task.is_active):
        raise refused(ARCHIVED)
    body = _renderer(ctx)(row)
    store.remove(ctx.conn, t, row.id)
    return json_response(ctx.request, body)


def stop_entry(ctx: Ctx) -> Response:
    row = _writable(ctx)
    if row.is_locked:
        raise unprocessable(LOCKED)
    if row.timer_started_at is None:
        raise unprocessable(NOT_RUNNING)
    store.change(ctx.conn, t, row.id, _stop_values(ctx, row))
    return _answer(ctx, row.id)


def restart_entry(ctx: Ctx) -> Response:
    """Duration entries resume; a timestamp entry restarts as a new entry beginning now."""
    row = _writable(ctx)
    if row.is_locked:
        raise unprocessable(LOCKED)
    if row.timer_started_at is not None:
        raise unprocessable(ALREADY_RUNNING)
    _stop_others(ctx, row.user_id, keep=row.id)
    if row.started_time is None:
        store.change(ctx.conn, t, row.id, {"timer_started_at": ctx.now, "updated_at": ctx.now})
        return _answer(ctx, row.id)
    local = _local(ctx, store.fetch(ctx.conn, u, row.user_id))
    copied = {col.name: getattr(row, col.name) for col in t.c}
    copied.pop("id")
    copied.update(
        spent_date=local.date(),
        started_time=_stored(local.hour * 60 + local.minute),
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
    return _answer(ctx, store.add(ctx.conn, t, copied))


def delete_external_reference(ctx: Ctx) -> Response:
    row = _writable(ctx)
    store.change(
        ctx.conn,
        t,
        row.id,
        {"external_reference": None, "external_reference_id": None, "updated_at": ctx.now},
    )
    return _answer(ctx, row.id)


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
