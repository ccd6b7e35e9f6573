"""The company (API-NOTES §10.3): account settings. Everyone may read them (apps at member
level need `wants_timestamp_timers`); only administrators change them, and only the two
fields Harvest lets the API write."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, select, update
from starlette.responses import Response

from .. import tables
from ..context import Ctx
from ..errors import unprocessable
from ..responses import json_response
from ..routing import route

t = tables.company


def render_company(row: Row[Any]) -> dict[str, Any]:
    return {
        "base_uri": f"https://{row.subdomain}.harvestapp.com",
        "full_domain": f"{row.subdomain}.harvestapp.com",
        "name": row.name,
        "is_active": row.is_active,
        "week_start_day": row.week_start_day,
        "wants_timestamp_timers": row.wants_timestamp_timers,
        "time_format": row.time_format,
        "date_format": row.date_format,
        "plan_type": row.plan_type,
        "expense_feature": row.expense_feature,
        "invoice_feature": row.invoice_feature,
        "estimate_feature": row.estimate_feature,
        "approval_feature": row.approval_feature,
        "team_feature": row.team_feature,
        "clock": row.clock,
        "currency_code_display": row.currency_code_display,
        "currency_symbol_display": row.currency_symbol_display,
        "decimal_symbol": row.decimal_symbol,
        "thousands_separator": row.thousands_separator,
        "color_scheme": row.color_scheme,
        "weekly_capacity": row.weekly_capacity,
    }


def get_company(ctx: Ctx) -> Response:
    return json_response(ctx.request, render_company(ctx.company))


def update_company(ctx: Ctx) -> Response:
    ctx.require(ctx.is_admin)
    values: dict[str, Any] = {}
    if (timestamps := ctx.params.bool("wants_timestamp_timers")) is not None:
        values["wants_timestamp_timers"] = timestamps
    if (capacity := ctx.params.int("weekly_capacity")) is not None:
        if not 0 <= capacity <= 7 * 24 * 3600:
            raise unprocessable("Weekly capacity must be between 0 and 604800")
        values["weekly_capacity"] = capacity
    if values:
        ctx.conn.execute(update(t).values(**values))
    row = ctx.conn.execute(select(t)).first()
    assert row is not None
    return json_response(ctx.request, render_company(row))


ROUTES = [
    route("GET", "/v2/company", get_company),
    route("PATCH", "/v2/company", update_company),
]
