"""Projects (API-NOTES §10.15, §8.3)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Row, delete, exists, select, update
from sqlalchemy.engine import Connection
from starlette.responses import Response

from .. import store, tables
from ..auth import MEMBER, access_level
from ..context import Ctx
from ..errors import not_found, unprocessable
from ..pagination import paginate
from ..render import day, num, ts
from ..responses import created, json_response
from ..routing import route
from .common import updated_since

t = tables.projects
c = tables.clients
BILL_BY = ("Project", "Tasks", "People", "none")
BUDGET_BY = ("project", "project_cost", "task", "task_fees", "person", "none")
_FLAGS = (
    "is_active", "is_billable", "is_fixed_fee", "budget_is_monthly",
    "cost_budget_include_expenses", "notify_when_over_budget", "show_budget_to_all",
)  # fmt: skip
_AMOUNTS = ("hourly_rate", "budget", "cost_budget", "fee", "over_budget_notification_percentage")
_DATES = ("starts_on", "ends_on")
_DEFAULTS: dict[str, Any] = {
    "is_active": True, "is_billable": True, "is_fixed_fee": False, "bill_by": "none",
    "budget_by": "none", "budget_is_monthly": False, "notify_when_over_budget": False,
    "over_budget_notification_percentage": Decimal("80"), "show_budget_to_all": False,
    "cost_budget_include_expenses": False,
}  # fmt: skip

_query = select(t, c.c.name.label("client_name"), c.c.currency.label("client_currency")).join(
    c, c.c.id == t.c.client_id
)


def render_project(row: Row[Any]) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "code": row.code,
        "is_active": row.is_active,
        "bill_by": row.bill_by,
        "budget": num(row.budget),
        "budget_by": row.budget_by,
        "budget_is_monthly": row.budget_is_monthly,
        "notify_when_over_budget": row.notify_when_over_budget,
        "over_budget_notification_percentage": num(row.over_budget_notification_percentage),
        "over_budget_notification_date": day(row.over_budget_notification_date),
        "show_budget_to_all": row.show_budget_to_all,
        "created_at": ts(row.created_at),
        "updated_at": ts(row.updated_at),
        "starts_on": day(row.starts_on),
        "ends_on": day(row.ends_on),
        "is_billable": row.is_billable,
        "is_fixed_fee": row.is_fixed_fee,
        "notes": row.notes,
        "client": {"id": row.client_id, "name": row.client_name, "currency": row.client_currency},
        "cost_budget": num(row.cost_budget),
        "cost_budget_include_expenses": row.cost_budget_include_expenses,
        "hourly_rate": num(row.hourly_rate),
        "fee": num(row.fee),
    }


def _one(ctx: Ctx, project_id: int) -> Row[Any]:
    row = ctx.conn.execute(_query.where(t.c.id == project_id)).first()
    if row is None:
        raise not_found()
    return row


def can_manage_project(ctx: Ctx, project_id: int) -> bool:
    """Administrators, or the project's managers (API-NOTES §3.5)."""
    return ctx.is_admin or project_id in ctx.managed_project_ids


def list_projects(ctx: Ctx) -> Response:
    ctx.require(ctx.level != MEMBER)
    query = _query.order_by(t.c.created_at.desc(), t.c.id.desc())
    if not ctx.is_admin:
        query = query.where(t.c.id.in_(ctx.managed_project_ids))
    if (active := ctx.params.bool("is_active")) is not None:
        query = query.where(t.c.is_active == active)
    if (client_id := ctx.params.int("client_id")) is not None:
        query = query.where(t.c.client_id == client_id)
    query = updated_since(ctx, query, t)
    return paginate(ctx, query, key="projects", render=render_project, style="cursor")


def get_project(ctx: Ctx) -> Response:
    row = _one(ctx, ctx.path_id("id"))
    ctx.require(can_manage_project(ctx, row.id))
    return json_response(ctx.request, render_project(row))


def _choice(ctx: Ctx, name: str, allowed: tuple[str, ...]) -> str:
    value = ctx.params.str(name)
    if value not in allowed:
        label = name.replace("_", " ").capitalize()
        raise unprocessable(f"{label} is not included in the list")
    return value


def _fields(ctx: Ctx) -> dict[str, Any]:
    p = ctx.params
    values: dict[str, Any] = {}
    if p.has("name"):
        values["name"] = p.required_str("name")
    if p.has("client_id"):
        client_id = p.int("client_id")
        if client_id is None:
            raise unprocessable("Client can't be blank")
        if store.find(ctx.conn, c, client_id) is None:
            raise unprocessable("Client must exist")
        values["client_id"] = client_id
    for name in ("code", "notes"):
        if p.has(name):
            values[name] = p.str(name)
    for name in _FLAGS:
        if p.has(name) and (flag := p.bool(name)) is not None:
            values[name] = flag
    if p.has("bill_by"):
        values["bill_by"] = _choice(ctx, "bill_by", BILL_BY)
    if p.has("budget_by"):
        values["budget_by"] = _choice(ctx, "budget_by", BUDGET_BY)
    for name in _AMOUNTS:
        if p.has(name):
            amount = p.decimal(name)
            if amount is not None and amount < 0:
                label = name.replace("_", " ").capitalize()
                raise unprocessable(f"{label} must be greater than or equal to 0")
            values[name] = amount
    for name in _DATES:
        if p.has(name):
            values[name] = p.date(name)
    if values.get("over_budget_notification_percentage", 0) is None:
        values["over_budget_notification_percentage"] = Decimal("80")
    return values


def _check_unique_name(ctx: Ctx, client_id: int, name: str, project_id: int = 0) -> None:
    # Harvest's scope for "unique name" is unconfirmed; the sandbox scopes it to the client.
    taken = exists().where(t.c.client_id == client_id, t.c.name == name, t.c.id != project_id)
    if ctx.conn.execute(select(taken)).scalar():
        raise unprocessable("Name has already been taken")


def create_project(ctx: Ctx) -> Response:
    ctx.require(ctx.has("project_creator"))
    values = _fields(ctx)
    missing = [
        message
        for field, message in (
            ("client_id", "Client can't be blank"),
            ("name", "Name can't be blank"),
        )
        if field not in values
    ]
    if missing:
        raise unprocessable(", ".join(missing))
    _check_unique_name(ctx, values["client_id"], values["name"])
    new_id = store.add(
        ctx.conn, t, {**_DEFAULTS, **values, "created_at": ctx.now, "updated_at": ctx.now}
    )
    assign_defaults(ctx.conn, new_id, ctx.now, creator=ctx.user)
    return created(ctx.request, render_project(_one(ctx, new_id)), "projects")


def assign_defaults(conn: Connection, project_id: int, now: datetime, creator: Row[Any]) -> None:
    """A new project gets every active default task and every active user with access to
    all future projects; a manager who creates it becomes its project manager."""
    stamps = {"project_id": project_id, "is_active": True, "created_at": now, "updated_at": now}
    for task in conn.execute(
        select(tables.tasks).where(tables.tasks.c.is_default, tables.tasks.c.is_active)
    ):
        store.add(
            conn,
            tables.task_assignments,
            {**stamps, "task_id": task.id, "billable": task.billable_by_default,
             "hourly_rate": task.default_hourly_rate},
        )  # fmt: skip
    u = tables.users
    people = conn.execute(
        select(u).where(
            u.c.is_active, u.c.has_access_to_all_future_projects | (u.c.id == creator.id)
        )
    )
    for user in people:
        manager = access_level(user) != MEMBER
        store.add(
            conn,
            tables.user_assignments,
            {**stamps, "user_id": user.id, "is_project_manager": manager,
             "use_default_rates": True},
        )  # fmt: skip


def update_project(ctx: Ctx) -> Response:
    row = _one(ctx, ctx.path_id("id"))
    ctx.require(can_manage_project(ctx, row.id))
    values = _fields(ctx)
    if "name" in values or "client_id" in values:
        client_id = values.get("client_id", row.client_id)
        _check_unique_name(ctx, client_id, values.get("name", row.name), row.id)
    store.change(ctx.conn, t, row.id, {**values, "updated_at": ctx.now})
    if values.get("client_id", row.client_id) != row.client_id:
        te = tables.time_entries
        ctx.conn.execute(
            update(te).where(te.c.project_id == row.id).values(client_id=values["client_id"])
        )
    return json_response(ctx.request, render_project(_one(ctx, row.id)))


def delete_project(ctx: Ctx) -> Response:
    """Deleting cascades to time entries, expenses and assignments; invoices are kept."""
    row = _one(ctx, ctx.path_id("id"))
    ctx.require(can_manage_project(ctx, row.id))
    for table in (
        tables.time_entries, tables.expenses, tables.user_assignments, tables.task_assignments,
    ):  # fmt: skip
        ctx.conn.execute(delete(table).where(table.c.project_id == row.id))
    store.remove(ctx.conn, t, row.id)
    return json_response(ctx.request, render_project(row))


ROUTES = [
    route("GET", "/v2/projects", list_projects),
    route("POST", "/v2/projects", create_project),
    route("GET", "/v2/projects/{id}", get_project),
    route("PATCH", "/v2/projects/{id}", update_project),
    route("DELETE", "/v2/projects/{id}", delete_project),
]
