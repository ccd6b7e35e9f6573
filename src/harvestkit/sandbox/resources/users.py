"""Users, their rate histories and their teammates (API-NOTES §3.5, §8.7, §10.19–§10.23).

Who may do what (§3.5): administrators everything; a manager with assigned teammates (a
"people manager") lists, reads and edits those teammates, but not their email, roles,
permissions or active state; everyone reads themselves. `people_manager` is never stored:
it appears in `access_roles` while a manager has teammates. Rate histories live in
`_user_rates`, teammates in `_teammates`; their routes are declared here.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Row, delete, exists, func, or_, select, update
from starlette.responses import Response

from .. import store, tables
from ..auth import ACCESS_LEVELS, MANAGER, MANAGER_PERMISSIONS, access_level
from ..context import Ctx
from ..errors import forbidden, refused, unprocessable
from ..pagination import paginate
from ..render import num, ts
from ..responses import created, json_response
from ..routing import route
from ..timezones import is_known
from ._teammates import list_teammates, update_teammates
from ._user_rates import (
    BILLABLE,
    COST,
    create_billable_rate,
    create_cost_rate,
    get_billable_rate,
    get_cost_rate,
    list_billable_rates,
    list_cost_rates,
)
from .common import updated_since
from .roles import set_user_roles

t = tables.users
tm = tables.teammates
PEOPLE_MANAGER = "people_manager"
MAX_CAPACITY = 7 * 24 * 3600
DEFAULT_AVATAR = "https://cache.harvestapp.com/assets/profile_images/big_ben.png?1485372046"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Fields a people manager may not change on a teammate (§10.19 "Update a user").
_ADMIN_ONLY_FIELDS = ("email", "roles", "access_roles", "is_active")


# -- reading -----------------------------------------------------------------------------
def _people_manager_ids(ctx: Ctx) -> set[int]:
    return {r[0] for r in ctx.conn.execute(select(tm.c.manager_id).distinct())}


def _renderer(ctx: Ctx) -> Any:
    managers = _people_manager_ids(ctx)
    sees_rates = ctx.has("billable_rates_manager")

    def render(row: Row[Any]) -> dict[str, Any]:
        own = row.id == ctx.user.id
        access = list(row.access_roles or [])
        if row.id in managers and access_level(row) == MANAGER:
            access.append(PEOPLE_MANAGER)
        return {
            "id": row.id,
            "first_name": row.first_name,
            "last_name": row.last_name,
            "email": row.email,
            "telephone": row.telephone,
            "timezone": row.timezone,
            "has_access_to_all_future_projects": row.has_access_to_all_future_projects,
            "is_contractor": row.is_contractor,
            "is_active": row.is_active,
            "created_at": ts(row.created_at),
            "updated_at": ts(row.updated_at),
            "weekly_capacity": row.weekly_capacity,
            "default_hourly_rate": num(row.default_hourly_rate) if own or sees_rates else None,
            "cost_rate": num(row.cost_rate) if own or ctx.is_admin else None,
            "roles": list(row.roles or []),
            "access_roles": access,
            "avatar_url": row.avatar_url,
        }

    return render


def _manages(ctx: Ctx, user_id: int) -> bool:
    return ctx.is_admin or user_id in ctx.teammate_ids


def _user(ctx: Ctx) -> Row[Any]:
    """The path's user, if the caller may see them (themselves, or as above)."""
    row = store.fetch(ctx.conn, t, ctx.path_id("id"))
    ctx.require(row.id == ctx.user.id or _manages(ctx, row.id))
    return row


def list_users(ctx: Ctx) -> Response:
    ctx.require(ctx.is_admin or bool(ctx.teammate_ids))
    query = select(t).order_by(t.c.created_at.desc(), t.c.id.desc())
    if not ctx.is_admin:
        query = query.where(t.c.id.in_(sorted(ctx.teammate_ids | {ctx.user.id})))
    if (active := ctx.params.bool("is_active")) is not None:
        query = query.where(t.c.is_active == active)
    query = updated_since(ctx, query, t)
    return paginate(ctx, query, key="users", render=_renderer(ctx), style="cursor")


def get_me(ctx: Ctx) -> Response:
    return json_response(ctx.request, _renderer(ctx)(ctx.user))


def get_user(ctx: Ctx) -> Response:
    return json_response(ctx.request, _renderer(ctx)(_user(ctx)))


# -- writing -----------------------------------------------------------------------------
def _access_roles(values: list[Any]) -> list[str]:
    names = [str(v).strip() for v in values if str(v).strip() and v != PEOPLE_MANAGER]
    levels = list(dict.fromkeys(n for n in names if n in ACCESS_LEVELS))
    if len(levels) != 1:
        raise unprocessable(
            "Access roles must include exactly one of administrator, manager or member"
        )
    extras = list(dict.fromkeys(n for n in names if n not in ACCESS_LEVELS))
    if unknown := [n for n in extras if n not in MANAGER_PERMISSIONS]:
        raise unprocessable(f"Access roles include an unknown role: {unknown[0]}")
    if extras and levels[0] != MANAGER:
        raise unprocessable("Access roles can only include permissions for managers")
    return [levels[0], *extras]


def _role_names(ctx: Ctx) -> list[str] | None:
    values = ctx.params.list("roles")
    if values is None:
        return None
    if not all(isinstance(v, str) for v in values):
        raise unprocessable("Roles is invalid")
    return values


def _fields(ctx: Ctx, row: Row[Any] | None) -> dict[str, Any]:
    p = ctx.params
    values: dict[str, Any] = {}
    for name in ("first_name", "last_name", "email"):
        if p.has(name):
            values[name] = str(p.required_str(name)).strip()
    if "email" in values:
        _check_email(ctx, values["email"], row)
    if p.has("telephone"):
        values["telephone"] = p.str("telephone") or ""
    if p.has("timezone"):
        zone = str(p.required_str("timezone")).strip()
        if not is_known(zone):
            raise unprocessable("Timezone is not included in the list")
        values["timezone"] = zone
    for flag in ("has_access_to_all_future_projects", "is_contractor", "is_active"):
        if (value := p.bool(flag)) is not None:
            values[flag] = value
    if (capacity := p.int("weekly_capacity")) is not None:
        if not 0 <= capacity <= MAX_CAPACITY:
            raise unprocessable(f"Weekly capacity must be between 0 and {MAX_CAPACITY}")
        values["weekly_capacity"] = capacity
    if p.has("access_roles"):
        values["access_roles"] = _access_roles(p.list("access_roles") or [])
    return values


def _check_email(ctx: Ctx, email: str, row: Row[Any] | None) -> None:
    if not _EMAIL.match(email):
        raise unprocessable("Email is invalid")
    clash = exists().where(func.lower(t.c.email) == email.lower())
    if row is not None:
        clash = clash.where(t.c.id != row.id)
    if ctx.conn.execute(select(clash)).scalar():
        raise unprocessable("Email has already been taken")


def create_user(ctx: Ctx) -> Response:
    ctx.require(ctx.is_admin)
    blank = [
        f"{name.replace('_', ' ').capitalize()} can't be blank"
        for name in ("first_name", "last_name", "email")
        if not (ctx.params.str(name) or "").strip()
    ]
    if blank:
        raise unprocessable(", ".join(blank))
    values = _fields(ctx, None)
    rates = {col: ctx.params.decimal(col) for col in ("default_hourly_rate", "cost_rate")}
    if any(v is not None and v < 0 for v in rates.values()):
        raise unprocessable("Rates must be greater than or equal to 0")
    company = ctx.company
    values.setdefault("timezone", company.time_zone)
    values.setdefault("weekly_capacity", company.weekly_capacity)
    values.setdefault("access_roles", ["member"])
    new_id = store.add(
        ctx.conn,
        t,
        {
            **values,
            **rates,
            "avatar_url": DEFAULT_AVATAR,
            "created_at": ctx.now,
            "updated_at": ctx.now,
            "roles": [],
        },
    )
    if (names := _role_names(ctx)) is not None:
        store.change(
            ctx.conn, t, new_id, {"roles": set_user_roles(ctx.conn, new_id, names, ctx.now)}
        )
    for kind, column in ((BILLABLE, "default_hourly_rate"), (COST, "cost_rate")):
        if rates[column] is not None:  # the starting rate opens the user's history
            store.add(
                ctx.conn,
                kind,
                {
                    "user_id": new_id,
                    "amount": rates[column],
                    "start_date": None,
                    "created_at": ctx.now,
                    "updated_at": ctx.now,
                },
            )
    return created(ctx.request, _renderer(ctx)(store.fetch(ctx.conn, t, new_id)), "users")


def update_user(ctx: Ctx) -> Response:
    row = store.fetch(ctx.conn, t, ctx.path_id("id"))
    ctx.require(_manages(ctx, row.id))
    if not ctx.is_admin and any(ctx.params.has(f) for f in _ADMIN_ONLY_FIELDS):
        raise forbidden()
    values = _fields(ctx, row)
    renamed = any(
        f in values and values[f] != getattr(row, f) for f in ("first_name", "last_name", "email")
    )
    if renamed and not row.is_active and values.get("is_active") is not True:
        raise unprocessable("First name, last name and email can't be changed for an archived user")
    if (names := _role_names(ctx)) is not None:
        values["roles"] = set_user_roles(ctx.conn, row.id, names, ctx.now)
    if "access_roles" in values and values["access_roles"][0] != MANAGER:
        # Only managers have teammates; a downgraded people manager loses them.
        ctx.conn.execute(delete(tm).where(tm.c.manager_id == row.id))
    store.change(ctx.conn, t, row.id, {**values, "updated_at": ctx.now})
    return json_response(ctx.request, _renderer(ctx)(store.fetch(ctx.conn, t, row.id)))


def delete_user(ctx: Ctx) -> Response:
    ctx.require(ctx.is_admin)
    row = store.fetch(ctx.conn, t, ctx.path_id("id"))
    if row.id == ctx.user.id:
        raise refused("You can't delete yourself.")
    tracked = any(
        ctx.conn.execute(select(exists().where(other.c.user_id == row.id))).scalar()
        for other in (tables.time_entries, tables.expenses)
    )
    if tracked:
        raise refused("This person can't be deleted because they have time entries or expenses.")
    body = _renderer(ctx)(row)
    for owned in (
        BILLABLE,
        COST,
        tables.user_assignments,
        tables.role_users,
        tables.access_tokens,
        tables.refresh_tokens,
        tables.authorization_codes,
    ):
        ctx.conn.execute(delete(owned).where(owned.c.user_id == row.id))
    ctx.conn.execute(delete(tm).where(or_(tm.c.manager_id == row.id, tm.c.teammate_id == row.id)))
    for made in (tables.invoices, tables.estimates):
        ctx.conn.execute(update(made).where(made.c.creator_id == row.id).values(creator_id=None))
    store.remove(ctx.conn, t, row.id)
    return json_response(ctx.request, body)


ROUTES = [
    route("GET", "/v2/users", list_users),
    route("POST", "/v2/users", create_user),
    route("GET", "/v2/users/me", get_me),
    route("GET", "/v2/users/{id}", get_user),
    route("PATCH", "/v2/users/{id}", update_user),
    route("DELETE", "/v2/users/{id}", delete_user),
    route("GET", "/v2/users/{id}/billable_rates", list_billable_rates),
    route("POST", "/v2/users/{id}/billable_rates", create_billable_rate),
    route("GET", "/v2/users/{id}/billable_rates/{rate_id}", get_billable_rate),
    route("GET", "/v2/users/{id}/cost_rates", list_cost_rates),
    route("POST", "/v2/users/{id}/cost_rates", create_cost_rate),
    route("GET", "/v2/users/{id}/cost_rates/{rate_id}", get_cost_rate),
    route("GET", "/v2/users/{id}/teammates", list_teammates),
    route("PATCH", "/v2/users/{id}/teammates", update_teammates),
]
