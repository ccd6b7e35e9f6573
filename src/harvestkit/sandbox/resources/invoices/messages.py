"""Invoice messages and the state changes they carry (API-NOTES §8.4, §10.5).

A message without `event_type` emails the invoice (a draft becomes open); an event only
moves the invoice through its states:

    draft --send--> open --close--> closed --re-open--> open --draft--> draft
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, select
from starlette.responses import Response

from ... import store, tables
from ...context import Ctx
from ...errors import refused, unprocessable
from ...pagination import paginate
from ...render import day, ts
from ...responses import created, json_response
from ...routing import route
from .._documents import company_date, money_text, recipients, sender, with_copy
from ..common import updated_since
from .handlers import find_invoice, invoice_totals, paid_total, settle

t = tables.invoice_messages

# event → (states it applies to, verb for the refusal)
EVENTS: dict[str, tuple[tuple[str, ...], str]] = {
    "send": (("draft",), "marked as sent"),
    "close": (("open",), "closed"),
    "re-open": (("closed",), "re-opened"),
    "draft": (("open",), "marked as draft"),
}


def render_message(row: Row[Any]) -> dict[str, Any]:
    return {
        "id": row.id,
        "sent_by": row.sent_by,
        "sent_by_email": row.sent_by_email,
        "sent_from": row.sent_from,
        "sent_from_email": row.sent_from_email,
        "include_link_to_client_invoice": row.include_link_to_client_invoice,
        "send_me_a_copy": row.send_me_a_copy,
        "thank_you": row.thank_you,
        "reminder": row.reminder,
        "send_reminder_on": day(row.send_reminder_on),
        "created_at": ts(row.created_at),
        "updated_at": ts(row.updated_at),
        "attach_pdf": row.attach_pdf,
        "event_type": row.event_type,
        "recipients": list(row.recipients or []),
        "subject": row.subject,
        "body": row.body,
    }


def template(ctx: Ctx, invoice: Row[Any], *, reminder: bool, thank_you: bool) -> dict[str, str]:
    """Subject and body as Harvest's default message templates word them."""
    company = ctx.company.name
    amount = float(invoice_totals(ctx, invoice).amount)
    if reminder:
        late = max(0, (ctx.today() - invoice.due_date).days)
        return {
            "subject": f"Past due invoice reminder: #{invoice.number} from {company}",
            "body": (
                "Dear Customer,\n\nThis is a friendly reminder to let you know that Invoice "
                f"{invoice.number} is {late} days past due. If you have already sent the "
                "payment, please disregard this message. If not, we would appreciate your "
                "prompt attention to this matter.\n\nThank you for your business.\n\n"
                f"Cheers,\n{company}\n"
            ),
        }
    if thank_you:
        return {
            "subject": f"Thank you for your payment: #{invoice.number} from {company}",
            "body": (
                f"Dear Customer,\n\nThank you for paying Invoice {invoice.number} "
                f"({money_text(invoice.currency, amount)}).\n\nCheers,\n{company}\n"
            ),
        }
    client = store.fetch(ctx.conn, tables.clients, invoice.client_id)
    rule = "-" * 45
    return {
        "subject": f"Invoice #{invoice.number} from {company}",
        "body": (
            f"{rule}\nInvoice Summary\n{rule}\nInvoice ID: {invoice.number}\n"
            f"Issue Date: {company_date(ctx, invoice.issue_date)}\nClient: {client.name}\n"
            f"P.O. Number: {invoice.purchase_order or ''}\n"
            f"Amount: {money_text(invoice.currency, amount)}\n"
            f"Due: {company_date(ctx, invoice.due_date)} ({invoice.payment_term})\n\n"
            f"The detailed invoice is attached as a PDF.\n\nThank you!\n{rule}"
        ),
    }


def list_messages(ctx: Ctx) -> Response:
    invoice = find_invoice(ctx)
    query = select(t).where(t.c.invoice_id == invoice.id)
    query = updated_since(ctx, query, t).order_by(t.c.created_at.desc(), t.c.id.desc())
    return paginate(ctx, query, key="invoice_messages", render=render_message, style="cursor")


def new_message(ctx: Ctx) -> Response:
    invoice = find_invoice(ctx)
    reminder = bool(ctx.params.bool("reminder"))
    thank_you = bool(ctx.params.bool("thank_you")) and not reminder
    text = template(ctx, invoice, reminder=reminder, thank_you=thank_you)
    body = {"invoice_id": invoice.id, **text, "reminder": reminder, "thank_you": thank_you}
    return json_response(ctx.request, body)


def _event(ctx: Ctx, invoice: Row[Any], event: str) -> dict[str, Any]:
    """Apply an event to the invoice; return the message row's values."""
    if event not in EVENTS:
        raise unprocessable("Event type is not included in the list")
    sources, verb = EVENTS[event]
    if invoice.state not in sources:
        raise refused(f"This invoice can't be {verb} while it is {invoice.state}.")
    every: dict[str, dict[str, Any]] = {
        "send": {"state": "open", "sent_at": ctx.now},
        "close": {"state": "closed", "closed_at": ctx.now},
        "re-open": {"state": "open", "closed_at": None},
        "draft": {"state": "draft", "sent_at": None},
    }
    changes = every[event]
    store.change(ctx.conn, tables.invoices, invoice.id, {**changes, "updated_at": ctx.now})
    if event == "re-open":  # a re-opened invoice its payments cover is paid
        settle(ctx, invoice.id)
    return {"event_type": event, "recipients": [], "subject": None, "body": None}


def _send(ctx: Ctx, invoice: Row[Any]) -> dict[str, Any]:
    p = ctx.params
    people = recipients(ctx)
    copy = bool(p.bool("send_me_a_copy"))
    if not people and not copy:
        raise unprocessable("Recipients can't be blank")
    thank_you = bool(p.bool("thank_you"))
    text = template(ctx, invoice, reminder=False, thank_you=thank_you)
    changes: dict[str, Any] = {"updated_at": ctx.now}
    if invoice.state == "draft":
        changes.update(state="open", sent_at=ctx.now)
    link = p.bool("include_link_to_client_invoice")
    if link is False:  # documented: false clears the invoice's payment options
        changes["payment_options"] = []
    store.change(ctx.conn, tables.invoices, invoice.id, changes)
    if paid_total(ctx, invoice.id) > 0:
        settle(ctx, invoice.id)
    return {
        "event_type": None,
        "recipients": with_copy(ctx, people) if copy else people,
        "subject": p.str("subject") if p.has("subject") else text["subject"],
        "body": p.str("body") if p.has("body") else text["body"],
        "send_me_a_copy": copy,
        "thank_you": thank_you,
        "attach_pdf": bool(p.bool("attach_pdf")),
        "include_link_to_client_invoice": bool(invoice.payment_options) and link is not False,
    }


def create_message(ctx: Ctx) -> Response:
    event = ctx.params.str("event_type")
    invoice = find_invoice(ctx, send=True)
    values = _event(ctx, invoice, event) if event else _send(ctx, invoice)
    new_id = store.add(
        ctx.conn,
        t,
        {
            **values,
            **sender(ctx),
            "invoice_id": invoice.id,
            "created_at": ctx.now,
            "updated_at": ctx.now,
        },
    )
    path = f"invoices/{invoice.id}/messages"
    return created(ctx.request, render_message(store.fetch(ctx.conn, t, new_id)), path)


def delete_message(ctx: Ctx) -> Response:
    invoice = find_invoice(ctx, send=True)
    row = store.fetch_under(ctx.conn, t, ctx.path_id("message_id"), "invoice_id", invoice.id)
    store.remove(ctx.conn, t, row.id)
    return json_response(ctx.request, render_message(row))


ROUTES = [
    route("GET", "/v2/invoices/{id}/messages", list_messages),
    route("POST", "/v2/invoices/{id}/messages", create_message),
    route("GET", "/v2/invoices/{id}/messages/new", new_message),
    route("DELETE", "/v2/invoices/{id}/messages/{message_id}", delete_message),
]
