"""Invoice payments (API-NOTES §8.4, §10.6): a payment that covers the amount due makes
the invoice paid; deleting it makes the invoice open again."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any

from sqlalchemy import Row, select
from starlette.responses import Response

from ... import store, tables
from ...context import Ctx
from ...errors import refused, unprocessable
from ...pagination import paginate
from ...render import day, num, ts
from ...responses import created, json_response
from ...routing import route
from ...timezones import zone_for
from .._documents import user_name
from ..common import updated_since
from .handlers import find_invoice, invoice_totals, paid_total, settle

t = tables.invoice_payments


def render_payment(row: Row[Any]) -> dict[str, Any]:
    gateway = row.payment_gateway or {"id": None, "name": None}
    return {
        "id": row.id,
        "amount": num(row.amount),
        "paid_at": ts(row.paid_at),
        "paid_date": day(row.paid_date),
        "recorded_by": row.recorded_by,
        "recorded_by_email": row.recorded_by_email,
        "notes": row.notes,
        "transaction_id": row.transaction_id,
        "created_at": ts(row.created_at),
        "updated_at": ts(row.updated_at),
        "payment_gateway": {"id": gateway.get("id"), "name": gateway.get("name")},
    }


def list_payments(ctx: Ctx) -> Response:
    invoice = find_invoice(ctx)
    query = select(t).where(t.c.invoice_id == invoice.id)
    query = updated_since(ctx, query, t).order_by(t.c.created_at.desc(), t.c.id.desc())
    return paginate(ctx, query, key="invoice_payments", render=render_payment, style="cursor")


def _when(ctx: Ctx) -> tuple[datetime, Any]:
    """(paid_at, paid_date): either may be given, not both; neither means now."""
    p = ctx.params
    paid_at, paid_date = p.datetime("paid_at"), p.date("paid_date")
    if paid_at is not None and paid_date is not None:
        raise unprocessable("Pass either paid_at or paid_date, but not both")
    if paid_date is not None:
        return datetime.combine(paid_date, time()), paid_date
    moment = paid_at or ctx.now
    zone = zone_for(ctx.company.time_zone)
    return moment, moment.replace(tzinfo=UTC).astimezone(zone).date()


def create_payment(ctx: Ctx) -> Response:
    """Overpaying is refused: the amount may not exceed what is still due."""
    invoice = find_invoice(ctx, send=True)
    amount = ctx.params.decimal("amount")
    if amount is None:
        raise unprocessable("Amount can't be blank")
    if amount <= 0:
        raise unprocessable("Amount must be greater than 0")
    if invoice.state == "closed":
        raise refused("This invoice is closed. Re-open it before recording a payment.")
    due = invoice_totals(ctx, invoice).amount - paid_total(ctx, invoice.id)
    if amount > due:
        raise refused(f"Amount can't be greater than the amount due ({num(due)}).")
    paid_at, paid_date = _when(ctx)
    new_id = store.add(
        ctx.conn,
        t,
        {
            "invoice_id": invoice.id,
            "amount": amount,
            "paid_at": paid_at,
            "paid_date": paid_date,
            "recorded_by": user_name(ctx.user),
            "recorded_by_email": ctx.user.email,
            "notes": ctx.params.str("notes"),
            "payment_gateway": {"id": None, "name": None},
            "created_at": ctx.now,
            "updated_at": ctx.now,
        },
    )
    store.change(ctx.conn, tables.invoices, invoice.id, {"updated_at": ctx.now})
    settle(ctx, invoice.id)
    path = f"invoices/{invoice.id}/payments"
    return created(ctx.request, render_payment(store.fetch(ctx.conn, t, new_id)), path)


def delete_payment(ctx: Ctx) -> Response:
    invoice = find_invoice(ctx, send=True)
    row = store.fetch_under(ctx.conn, t, ctx.path_id("payment_id"), "invoice_id", invoice.id)
    store.remove(ctx.conn, t, row.id)
    store.change(ctx.conn, tables.invoices, invoice.id, {"updated_at": ctx.now})
    settle(ctx, invoice.id)
    return json_response(ctx.request, render_payment(row))


ROUTES = [
    route("GET", "/v2/invoices/{id}/payments", list_payments),
    route("POST", "/v2/invoices/{id}/payments", create_payment),
    route("DELETE", "/v2/invoices/{id}/payments/{payment_id}", delete_payment),
]
