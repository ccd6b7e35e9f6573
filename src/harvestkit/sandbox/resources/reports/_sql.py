"""SQL pieces the reports share: the report timeframe, hours as reports count them, and
the way sums come back out of SQLite.

Sums run in SQL (GROUP BY), so an account with tens of thousands of entries answers in
one query. SQLite adds REAL numbers; every sum is cut back to cents (money) or hundredths
(hours) on the way out, far above the float noise of the additions.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Float, Integer, Table, and_, case, cast, func
from sqlalchemy.sql.elements import ColumnElement

from ... import tables
from ...context import Ctx
from ...errors import bad_request, unprocessable

te = tables.time_entries
ex = tables.expenses

MAX_DAYS = 365
TOO_LONG = "Invalid timeframe: must not exceed 1 year"


def timeframe(ctx: Ctx) -> tuple[date, date]:
    """The required, inclusive `from`/`to` (YYYYMMDD or YYYY-MM-DD), at most 365 days apart."""
    start, end = ctx.params.date("from"), ctx.params.date("to")
    blank = [f"{name} can't be blank" for name, v in (("From", start), ("To", end)) if v is None]
    if start is None or end is None:
        raise unprocessable(", ".join(blank))
    if (end - start).days > MAX_DAYS:
        raise bad_request(TOO_LONG)
    return start, end


def real(column: Any) -> ColumnElement[float]:
    """A decimal-as-text column as a number SQLite can add."""
    return cast(column, Float)


def entry_hours(ctx: Ctx) -> ColumnElement[float]:
    """A time entry's hours as reports count them: a running timer counts up to now, and
    with Time Rounding on each entry is rounded up to the increment, then to hundredths
    (the same as `render.rounded`, entry by entry)."""
    elapsed = (func.julianday(ctx.now) - func.julianday(te.c.timer_started_at)) * 24.0
    running = func.max(elapsed, 0.0)
    hours = real(te.c.hours_without_timer) + case(
        (te.c.timer_started_at.is_not(None), running), else_=0.0
    )
    increment = ctx.company.rounding_minutes
    if not increment:
        return func.round(hours, 2)
    # ceil() without SQLite's optional math functions; the epsilon absorbs float noise so
    # an exact multiple of the increment is not pushed up to the next one.
    steps = hours * 60.0 / increment - 1e-9
    whole = cast(steps, Integer)
    ceiled = whole + case((steps > whole, 1), else_=0)
    return func.round(ceiled * increment / 60.0, 2)


def billable_amount(ctx: Ctx, hours: ColumnElement[float], include_fixed_fee: bool) -> Any:
    """Hours × the entry's billable rate for billable entries; fixed-fee projects count
    only when `include_fixed_fee` is on."""
    condition = and_(te.c.billable, te.c.billable_rate.is_not(None))
    if not include_fixed_fee:
        condition = and_(condition, tables.projects.c.is_fixed_fee.is_(False))
    return case((condition, hours * real(te.c.billable_rate)), else_=0.0)


def total(value: Any) -> Any:
    """SUM that is 0, not NULL, over no rows."""
    return func.coalesce(func.sum(value), 0.0)


def money_of(value: float | None) -> float:
    """A SQL sum of money back to cents (half up, as `render.money`)."""
    exact = Decimal(f"{value or 0:.6f}")
    return float(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def hours_of(value: float | None) -> float:
    return money_of(value)


def project_label(projects: Table = tables.projects) -> ColumnElement[str]:
    """`[CODE] Name` when the project has a code, as the time/expense project reports show."""
    has_code = and_(projects.c.code.is_not(None), projects.c.code != "")
    label: ColumnElement[str] = case(
        (has_code, "[" + projects.c.code + "] " + projects.c.name), else_=projects.c.name
    )
    return label


def user_label(users: Table = tables.users) -> ColumnElement[str]:
    return users.c.first_name + " " + users.c.last_name


def sees_amounts(ctx: Ctx) -> bool:
    """Billable amounts and currencies: administrators and managers who may see rates."""
    return ctx.has("billable_rates_manager")
