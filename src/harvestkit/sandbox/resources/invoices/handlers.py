"""Invoices with their line items (API-NOTES §8.4, §10.4).

Amounts are never stored: `render_invoice` derives them from the line items and the
payments every time. Managers reach only the invoices of clients whose projects they
manage, and only with an invoice permission.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Row, exists, select
from starlette.responses import Response

from ... import store, tables
from ...context import Ctx
from ...errors import forbidden, refused, unprocessable
from ...pagination import paginate
from ...render import day, num, ts
from ...responses import created, json_response
from ...routing import route
from .._documents import check_number, client_of, common_fields, list_filters, next_number
from .._invoice_math import INVOICE_LINES, ZERO, Totals, apply_lines, lines_of, render_line, totals
from ._line_items_import import import_lines, release

t = tables.invoices
TERMS: dict[str, int | None] = {
    "upon receipt": 0,
    "net 15": 15,
    "net 30": 30,
    "net 45": 45,
    "net 60": 60,
    "custom": None,
}
PAYMENT_OPTIONS = ("ach", "credit_card", "paypal")
INVOICE_MANAGER = "managed_projects_invoice_manager"
INVOICE_DRAFTER = "managed_projects_invoice_drafter"


# -- access ------------------------------------------------------------------------------
def reachable_clients(ctx: Ctx) -> set[int] | None:
    """Client ids a manager may invoice (None: every client, for administrators)."""
    if ctx.is_admin:
        return None
    p = tables.projects
    ids = ctx.managed_project_ids
    return {r[0] for r in ctx.conn.execute(select(p.c.client_id).where(p.c.id.in_(ids)))}


def require_access(ctx: Ctx, client_id: int | None = None, *, send: bool = False) -> None:
    """Invoices need the feature and an administrator, or a manager with an invoice
    permission (drafters may not send, close or record payments) for this client."""
    ctx.require_feature("invoice_feature")
    allowed = (INVOICE_MANAGER,) if send else (INVOICE_MANAGER, INVOICE_DRAFTER)
    ctx.require(any(ctx.has(permission) for permission in allowed))
    reach = reachable_clients(ctx)
    if client_id is not None and reach is not None and client_id not in reach:
        raise forbidden()


def find_invoice(ctx: Ctx, *, send: bool = False) -> Row[Any]:
    ctx.require_feature("invoice_feature")
    row = store.fetch(ctx.conn, t, ctx.path_id("id"))
    require_access(ctx, row.client_id, send=send)
    return row


# -- money -------------------------------------------------------------------------------
def invoice_totals(ctx: Ctx, row: Row[Any]) -> Totals:
    lines = lines_of(ctx.conn, tables.invoice_line_items, "invoice_id", row.id)
    return totals(lines, row.tax, row.tax2, row.discount)


def paid_total(ctx: Ctx, invoice_id: int) -> Decimal:
    pay = tables.invoice_payments
    amounts = ctx.conn.execute(select(pay.c.amount).where(pay.c.invoice_id == invoice_id))
    return sum((a[0] for a in amounts), ZERO)


def settle(ctx: Ctx, invoice_id: int) -> None:
    """An open invoice whose payments cover its amount is paid; a paid one that no
    longer is (payment deleted, lines added) is open again."""
    row = store.fetch(ctx.conn, t, invoice_id)
    if row.state not in ("open", "paid", "draft"):
        return
    amount = invoice_totals(ctx, row).amount
    paid = paid_total(ctx, invoice_id)
    if paid > 0 and paid >= amount:
        pay = tables.invoice_payments
        last = ctx.conn.execute(
            select(pay).where(pay.c.invoice_id == invoice_id).order_by(pay.c.paid_at.desc())
        ).first()
        assert last is not None
        store.change(
            ctx.conn,
            t,
            invoice_id,
            {"state": "paid", "paid_at": last.paid_at, "paid_date": last.paid_date},
        )
    elif row.state == "paid":
        store.change(ctx.conn, t, invoice_id, {"state": "open", "paid_at": None, "paid_date": None})


# -- rendering ---------------------------------------------------------------------------
def render_invoice(ctx: Ctx, row: Row[Any]) -> dict[str, Any]:
    lines = lines_of(ctx.conn, tables.invoice_line_items, "invoice_id", row.id)
    money = totals(lines, row.tax, row.tax2, row.discount)
    client = store.fetch(ctx.conn, tables.clients, row.client_id)
    creator = store.find(ctx.conn, tables.users, row.creator_id) if row.creator_id else None
    return {
        "id": row.id,
        "client_key": row.client_key,
        "number": row.number,
        "purchase_order": row.purchase_order,
        "amount": num(money.amount),
        "due_amount": num(money.amount - paid_total(ctx, row.id)),
        "tax": num(row.tax),
        "tax_amount": num(money.tax_amount),
        "tax2": num(row.tax2),
        "tax2_amount": num(money.tax2_amount),
        "discount": num(row.discount),
        "discount_amount": num(money.discount_amount),
        "subject": row.subject,
        "notes": row.notes,
        "state": row.state,
        "period_start": day(row.period_start),
        "period_end": day(row.period_end),
        "issue_date": day(row.issue_date),
        "due_date": day(row.due_date),
        "payment_term": row.payment_term,
        "sent_at": ts(row.sent_at),
        "paid_at": ts(row.paid_at),
        "paid_date": day(row.paid_date),
        "closed_at": ts(row.closed_at),
        "recurring_invoice_id": row.recurring_invoice_id,
        "created_at": ts(row.created_at),
        "updated_at": ts(row.updated_at),
        "currency": row.currency,
        "payment_options": list(row.payment_options or []),
        "client": {"id": client.id, "name": client.name},
        "estimate": {"id": row.estimate_id} if row.estimate_id else None,
        "retainer": {"id": row.retainer_id} if row.retainer_id else None,
        "creator": (
            None
            if creator is None
            else {"id": creator.id, "name": f"{creator.first_name} {creator.last_name}"}
        ),
        "line_items": [render_line(ctx.conn, line, with_project=True) for line in lines],
    }


def _show(ctx: Ctx, invoice_id: int) -> dict[str, Any]:
    return render_invoice(ctx, store.fetch(ctx.conn, t, invoice_id))


# -- parameters --------------------------------------------------------------------------
def _due_date(term: str, issue: date, given: date | None) -> date:
    days = TERMS[term]
    if days is None:
        return given or issue
    return issue + timedelta(days=days)


def _fields(ctx: Ctx) -> dict[str, Any]:
    p = ctx.params
    values = common_fields(ctx)
    if "issue_date" in values and values["issue_date"] is None:
        raise unprocessable("Issue date can't be blank")
    if p.has("payment_term") and p.raw("payment_term") is not None:
        term = str(p.required_str("payment_term")).strip().lower()
        if term not in TERMS:
            raise unprocessable("Payment term is not included in the list")
        values["payment_term"] = term
    if p.has("payment_options"):
        options = [str(o) for o in p.list("payment_options") or []]
        if any(o not in PAYMENT_OPTIONS for o in options):
            raise unprocessable("Payment options is not included in the list")
        values["payment_options"] = options
    if p.has("estimate_id"):
        estimate_id = p.int("estimate_id")
        if estimate_id is not None and store.find(ctx.conn, tables.estimates, estimate_id) is None:
            raise unprocessable("Estimate is invalid")
        values["estimate_id"] = estimate_id
    if p.has("retainer_id"):
        values["retainer_id"] = p.int("retainer_id")
    return values


# -- handlers ----------------------------------------------------------------------------
def list_invoices(ctx: Ctx) -> Response:
    require_access(ctx)
    query = list_filters(ctx, select(t), t).order_by(t.c.issue_date.desc(), t.c.id.desc())
    if (project_id := ctx.params.int("project_id")) is not None:
        li = tables.invoice_line_items
        on_project = exists().where(li.c.invoice_id == t.c.id, li.c.project_id == project_id)
        query = query.where(on_project)
    if (reach := reachable_clients(ctx)) is not None:
        query = query.where(t.c.client_id.in_(reach))
    # Default per_page 2000 like every list (docs/sandbox.md), not the spec's old 100.
    return paginate(
        ctx, query, key="invoices", render=lambda r: render_invoice(ctx, r), style="page"
    )


def get_invoice(ctx: Ctx) -> Response:
    return json_response(ctx.request, render_invoice(ctx, find_invoice(ctx)))


def create_invoice(ctx: Ctx) -> Response:
    require_access(ctx)
    client = client_of(ctx, required=True)
    assert client is not None
    require_access(ctx, client.id)
    values = _fields(ctx)
    if "number" in values:
        check_number(ctx, t, values["number"])
    else:
        values["number"] = next_number(ctx, t, "invoice_number_next")
    values.setdefault("currency", client.currency)
    values.setdefault("payment_options", [])
    issue = values.setdefault("issue_date", ctx.today())
    term = values.setdefault("payment_term", "custom")
    values["due_date"] = _due_date(term, issue, ctx.params.date("due_date"))
    stamps = {"created_at": ctx.now, "updated_at": ctx.now}
    new_id = store.add(
        ctx.conn,
        t,
        {
            **values,
            "client_id": client.id,
            "state": "draft",
            "creator_id": ctx.user.id,
            "client_key": store.new_key(40),
            **stamps,
        },
    )
    if ctx.params.has("line_items"):
        apply_lines(ctx.conn, INVOICE_LINES, new_id, ctx.params.raw("line_items"))
    if ctx.params.raw("line_items_import") is not None:
        import_lines(ctx, store.fetch(ctx.conn, t, new_id), ctx.params.raw("line_items_import"))
    return created(ctx.request, _show(ctx, new_id), "invoices")


def update_invoice(ctx: Ctx) -> Response:
    row = find_invoice(ctx)
    values = _fields(ctx)
    client = client_of(ctx, required=False)
    if client is not None:
        require_access(ctx, client.id)
        values["client_id"] = client.id
    if "number" in values:
        check_number(ctx, t, values["number"], row.id)
    term = values.get("payment_term", row.payment_term)
    issue = values.get("issue_date", row.issue_date)
    given = ctx.params.date("due_date") if ctx.params.has("due_date") else row.due_date
    values["due_date"] = _due_date(term, issue, given)
    store.change(ctx.conn, t, row.id, {**values, "updated_at": ctx.now})
    if ctx.params.has("line_items"):
        apply_lines(ctx.conn, INVOICE_LINES, row.id, ctx.params.raw("line_items"))
    settle(ctx, row.id)
    return json_response(ctx.request, _show(ctx, row.id))


def delete_invoice(ctx: Ctx) -> Response:
    """Refused while payments exist (delete them first), so money received is never lost
    silently; otherwise billed time and expenses become unbilled again."""
    row = find_invoice(ctx)
    pay = tables.invoice_payments
    payments = ctx.conn.execute(
        select(pay.c.id, pay.c.amount).where(pay.c.invoice_id == row.id).order_by(pay.c.id)
    ).all()
    if payments:
        listed = ", ".join(f"{p.id} ({num(p.amount)})" for p in payments)
        raise refused(
            f"This invoice is not removable. It has payments: {listed}. Delete the payments first."
        )
    body = render_invoice(ctx, row)
    release(ctx, row.id)
    store.remove(ctx.conn, t, row.id)
    return json_response(ctx.request, body)


ROUTES = [
    route("GET", "/v2/invoices", list_invoices),
    route("POST", "/v2/invoices", create_invoice),
    route("GET", "/v2/invoices/{id}", get_invoice),
    route("PATCH", "/v2/invoices/{id}", update_invoice),
    route("DELETE", "/v2/invoices/{id}", delete_invoice),
]
