"""Invoicing toolset: invoices, their line items, messages, payments and item categories."""

from __future__ import annotations

from .._tool import INVOICING
from ._doc import Doc

__all__ = ["DOCS", "TOOLSET"]

TOOLSET = INVOICING

DOCS: dict[str, Doc] = {
    "invoices.list": Doc(
        what="List invoices with number, client, subject, state (draft, open, paid, "
        "closed), amount, amount due and dates, most recently issued first.",
        when="to find an invoice by client, period or state (e.g. every open invoice), or "
        "its id for the other invoice tools.",
        first="Filter by client_id from harvest_clients_list; from/to filter issue_date.",
        example={"state": "open", "client_id": 5735776},
        default=True,
    ),
    "invoices.retrieve": Doc(
        what="Get one invoice with its line items (kind, description, quantity, unit "
        "price, amount, project), taxes, discount, state and payment dates.",
        when="to explain what an invoice charges or to get a line item's id before changing it.",
        first="Get the id from harvest_invoices_list.",
        example={"invoice_id": 13150378},
    ),
    "invoices.create": Doc(
        what="Create a free-form draft invoice for a client with the line items you give "
        "(kind, description, quantity, unit_price).",
        when="to bill something that is not tracked time or expenses, e.g. a fixed fee. "
        "To bill tracked work use harvest_invoices_create_from_tracked.",
        first="Get client_id from harvest_clients_list and kind names from "
        "harvest_invoice_item_categories_list.",
        example={
            "client_id": 5735776,
            "subject": "Discovery workshop",
            "due_date": "2026-12-20",
            "line_items": [
                {"kind": "Service", "description": "Workshop", "quantity": 1, "unit_price": 2400}
            ],
        },
    ),
    "invoices.create_from_tracked": Doc(
        what="Create a draft invoice from a client's unbilled tracked time and expenses "
        "(Harvest's line_items_import), summarised per project, task, person or detailed.",
        when="for the monthly invoice of billable work. Check the amounts first with "
        "harvest_reports_uninvoiced.",
        first="Get client_id from harvest_clients_list and the client's project ids from "
        "harvest_projects_list.",
        example={
            "client_id": 5735776,
            "subject": "November 2026",
            "line_items_import": {
                "project_ids": [14307913],
                "time": {"summary_type": "task", "from": "2026-11-01", "to": "2026-11-30"},
            },
        },
    ),
    "invoices.update": Doc(
        what="Change an invoice's subject, notes, number, dates, payment term, taxes, "
        "discount or currency; line items are changed with the harvest_invoices_line_items_* "
        "tools.",
        when="to correct a draft or open invoice before the client pays it.",
        first="Get the id from harvest_invoices_list and read it with harvest_invoices_get.",
        example={"invoice_id": 13150378, "due_date": "2026-12-31", "notes": "Net 30"},
    ),
    "invoices.delete": Doc(
        what="Delete an invoice; its time entries and expenses become unbilled again.",
        when="to discard a draft made by mistake. Prefer harvest_invoices_mark_closed to "
        "write off an invoice the client has seen.",
        first="Get the id from harvest_invoices_list.",
        example={"invoice_id": 13150378, "dry_run": True},
    ),
    "invoices.line_items.create": Doc(
        what="Append one line item (kind, description, quantity, unit_price, optional "
        "project) to an invoice.",
        when="to add a charge to a draft invoice, e.g. a late extra fee.",
        first="Get invoice_id from harvest_invoices_list and kind names from "
        "harvest_invoice_item_categories_list.",
        example={
            "invoice_id": 13150378,
            "kind": "Service",
            "description": "Hosting setup",
            "quantity": 1,
            "unit_price": 300,
        },
    ),
    "invoices.line_items.update": Doc(
        what="Change one line item of an invoice: description, quantity, unit price, kind, "
        "project or tax flags.",
        when="to correct a line's quantity or price on a draft invoice.",
        first="Get the line item's id from harvest_invoices_get (line_items[].id).",
        example={"invoice_id": 13150378, "id": 53341602, "quantity": 12.5},
    ),
    "invoices.line_items.delete": Doc(
        what="Remove one line item from an invoice; the invoice amount drops by its amount.",
        when="to take a wrong charge off a draft invoice.",
        first="Get the line item's id from harvest_invoices_get (line_items[].id).",
        example={"invoice_id": 13150378, "id": 53341602, "dry_run": True},
    ),
    "invoices.messages.list": Doc(
        what="List the messages and events of an invoice: emails sent (recipients, "
        "subject) and state changes such as marked sent or closed.",
        when="to see whether and when an invoice went to the client.",
        first="Get invoice_id from harvest_invoices_list.",
        example={"invoice_id": 13150378},
    ),
    "invoices.messages.new_template": Doc(
        what="Get the subject and body Harvest proposes for an email about an invoice "
        "(a first send, a reminder or a thank-you).",
        when="before harvest_invoices_send, to draft the email text for the person to review.",
        first="Get invoice_id from harvest_invoices_list.",
        example={"invoice_id": 13150378, "reminder": True},
    ),
    "invoices.messages.create": Doc(
        what="Email an invoice to the given recipients; a draft invoice becomes open.",
        when="when the person asked to send the invoice to the client. To record that it "
        "was sent some other way use harvest_invoices_mark_sent.",
        first="Get invoice_id from harvest_invoices_list, recipients from "
        "harvest_contacts_list, and draft text with harvest_invoices_message_template.",
        example={
            "invoice_id": 13150378,
            "recipients": [{"name": "Dana Reyes", "email": "dana@northwind.example"}],
            "attach_pdf": True,
        },
    ),
    "invoices.messages.delete": Doc(
        what="Delete one message or event from an invoice's history.",
        when="to remove a wrongly recorded event; it does not unsend an email.",
        first="Get the ids from harvest_invoices_messages_list.",
        example={"invoice_id": 13150378, "message_id": 27835209, "dry_run": True},
    ),
    "invoices.messages.mark_sent": Doc(
        what="Mark a draft invoice as sent without emailing it; it becomes open.",
        when="when the invoice was delivered outside Harvest (printed, portal upload).",
        first="Get invoice_id from harvest_invoices_list (state draft).",
        example={"invoice_id": 13150378, "confirm": True},
    ),
    "invoices.messages.mark_closed": Doc(
        what="Close an open invoice without payment (write it off).",
        when="when the client will not pay the remainder and the person agreed to write "
        "it off. Record real payments with harvest_invoices_payments_create.",
        first="Get invoice_id from harvest_invoices_list (state open).",
        example={"invoice_id": 13150378, "dry_run": True},
    ),
    "invoices.messages.reopen": Doc(
        what="Re-open a closed invoice so it counts as outstanding again.",
        when="to undo a write-off made by mistake.",
        first="Get invoice_id from harvest_invoices_list (state closed).",
        example={"invoice_id": 13150378, "confirm": True},
    ),
    "invoices.messages.mark_draft": Doc(
        what="Return an open invoice to draft so it can be edited freely.",
        when="to correct an invoice that was marked sent too early; not once paid.",
        first="Get invoice_id from harvest_invoices_list (state open).",
        example={"invoice_id": 13150378, "confirm": True},
    ),
    "invoices.payments.list": Doc(
        what="List the payments recorded on an invoice: amount, date, who recorded it, notes.",
        when="to see how much of an invoice was paid and when.",
        first="Get invoice_id from harvest_invoices_list.",
        example={"invoice_id": 13150378},
    ),
    "invoices.payments.create": Doc(
        what="Record a payment on an invoice; when the amount due reaches zero the invoice "
        "becomes paid.",
        when="when the client paid (fully or partly). Amount in the invoice's currency.",
        first="Get invoice_id and due_amount from harvest_invoices_list.",
        example={
            "invoice_id": 13150378,
            "amount": 1200,
            "paid_date": "2026-11-19",
            "notes": "Bank transfer",
        },
    ),
    "invoices.payments.delete": Doc(
        what="Delete a recorded payment; the invoice's amount due grows again.",
        when="to undo a payment recorded by mistake or twice.",
        first="Get the ids from harvest_invoices_payments_list.",
        example={"invoice_id": 13150378, "payment_id": 10112854, "dry_run": True},
    ),
    "invoice_item_categories.list": Doc(
        what="List invoice item categories (line item kinds such as Service or Product), "
        "and whether each is used for services or expenses.",
        when="to pick a valid kind for invoice line items.",
        example={"per_page": 50},
    ),
    "invoice_item_categories.retrieve": Doc(
        what="Get one invoice item category by id.",
        when="to check a category's name and use before renaming it.",
        first="Get the id from harvest_invoice_item_categories_list.",
        example={"invoice_item_category_id": 1466293},
    ),
    "invoice_item_categories.create": Doc(
        what="Create an invoice item category (a new line item kind).",
        when="when invoices need a kind that harvest_invoice_item_categories_list lacks.",
        example={"name": "Hosting"},
    ),
    "invoice_item_categories.update": Doc(
        what="Rename an invoice item category.",
        when="to fix a kind's name; existing line items keep the new name.",
        first="Get the id from harvest_invoice_item_categories_list.",
        example={"invoice_item_category_id": 1466293, "name": "Support"},
    ),
    "invoice_item_categories.delete": Doc(
        what="Delete an invoice item category. Harvest refuses for the categories used for "
        "services or expenses.",
        when="to remove a kind created by mistake.",
        first="Get the id from harvest_invoice_item_categories_list.",
        example={"invoice_item_category_id": 1466293, "dry_run": True},
    ),
}
