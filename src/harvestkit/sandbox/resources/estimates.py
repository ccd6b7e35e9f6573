"""Estimates with their line items (API-NOTES §8.5, §10.8): the invoices' line-item math
without payments, due dates or periods."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, select
from starlette.responses import Response

from .. import store, tables
from ..context import Ctx
from ..pagination import paginate
from ..render import day, num, ts
from ..responses import created, json_response
from ..routing import route
from ._documents import check_number, client_of, common_fields, list_filters, next_number
from ._invoice_math import ESTIMATE_LINES, apply_lines, lines_of, render_line, totals

t = tables.estimates


def require_access(ctx: Ctx) -> None:
    """Administrators, or managers with permission to create and edit estimates."""
    ctx.require_feature("estimate_feature")
    ctx.require(ctx.has("estimates_manager"))


def find_estimate(ctx: Ctx) -> Row[Any]:
    require_access(ctx)
    return store.fetch(ctx.conn, t, ctx.path_id("id"))


def estimate_amount(ctx: Ctx, row: Row[Any]) -> float | None:
    lines = lines_of(ctx.conn, tables.estimate_line_items, "estimate_id", row.id)
    return num(totals(lines, row.tax, row.tax2, row.discount).amount)


def render_estimate(ctx: Ctx, row: Row[Any]) -> dict[str, Any]:
    lines = lines_of(ctx.conn, tables.estimate_line_items, "estimate_id", row.id)
    money = totals(lines, row.tax, row.tax2, row.discount)
    client = store.fetch(ctx.conn, tables.clients, row.client_id)
    creator = store.find(ctx.conn, tables.users, row.creator_id) if row.creator_id else None
    return {
        "id": row.id,
        "client_key": row.client_key,
        "number": row.number,
        "purchase_order": row.purchase_order,
        "amount": num(money.amount),
        "tax": num(row.tax),
        "tax_amount": num(money.tax_amount),
        "tax2": num(row.tax2),
        "tax2_amount": num(money.tax2_amount),
        "discount": num(row.discount),
        "discount_amount": num(money.discount_amount),
        "subject": row.subject,
        "notes": row.notes,
        "state": row.state,
        "issue_date": day(row.issue_date),
        "sent_at": ts(row.sent_at),
        "created_at": ts(row.created_at),
        "updated_at": ts(row.updated_at),
        "accepted_at": ts(row.accepted_at),
        "declined_at": ts(row.declined_at),
        "currency": row.currency,
        "client": {"id": client.id, "name": client.name},
        "creator": (
            None
            if creator is None
            else {"id": creator.id, "name": f"{creator.first_name} {creator.last_name}"}
        ),
        "line_items": [render_line(ctx.conn, line, with_project=False) for line in lines],
    }


def _show(ctx: Ctx, estimate_id: int) -> dict[str, Any]:
    return render_estimate(ctx, store.fetch(ctx.conn, t, estimate_id))


def list_estimates(ctx: Ctx) -> Response:
    require_access(ctx)
    query = list_filters(ctx, select(t), t).order_by(t.c.issue_date.desc(), t.c.id.desc())
    return paginate(
        ctx, query, key="estimates", render=lambda r: render_estimate(ctx, r), style="page"
    )


def get_estimate(ctx: Ctx) -> Response:
    return json_response(ctx.request, render_estimate(ctx, find_estimate(ctx)))


def create_estimate(ctx: Ctx) -> Response:
    require_access(ctx)
    client = client_of(ctx, required=True)
    assert client is not None
    values = common_fields(ctx)
    if "number" in values:
        check_number(ctx, t, values["number"])
    else:
        values["number"] = next_number(ctx, t, "estimate_number_next")
    values.setdefault("currency", client.currency)
    if values.get("issue_date") is None:
        values["issue_date"] = ctx.today()
    new_id = store.add(
        ctx.conn,
        t,
        {
            **values,
            "client_id": client.id,
            "state": "draft",
            "creator_id": ctx.user.id,
            "client_key": store.new_key(40),
            "created_at": ctx.now,
            "updated_at": ctx.now,
        },
    )
    if ctx.params.has("line_items"):
        apply_lines(ctx.conn, ESTIMATE_LINES, new_id, ctx.params.raw("line_items"))
    return created(ctx.request, _show(ctx, new_id), "estimates")


def update_estimate(ctx: Ctx) -> Response:
    row = find_estimate(ctx)
    values = common_fields(ctx)
    client = client_of(ctx, required=False)
    if client is not None:
        values["client_id"] = client.id
    if "number" in values:
        check_number(ctx, t, values["number"], row.id)
    store.change(ctx.conn, t, row.id, {**values, "updated_at": ctx.now})
    if ctx.params.has("line_items"):
        apply_lines(ctx.conn, ESTIMATE_LINES, row.id, ctx.params.raw("line_items"))
    return json_response(ctx.request, _show(ctx, row.id))


def delete_estimate(ctx: Ctx) -> Response:
    row = find_estimate(ctx)
    body = render_estimate(ctx, row)
    store.remove(ctx.conn, t, row.id)
    return json_response(ctx.request, body)


ROUTES = [
    route("GET", "/v2/estimates", list_estimates),
    route("POST", "/v2/estimates", create_estimate),
    route("GET", "/v2/estimates/{id}", get_estimate),
    route("PATCH", "/v2/estimates/{id}", update_estimate),
    route("DELETE", "/v2/estimates/{id}", delete_estimate),
]
