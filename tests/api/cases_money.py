"""Sandbox cases: invoices and estimates (line items, messages, payments), reports."""

from __future__ import annotations

from decimal import Decimal

from .cases import PERIOD, Case, paid_then_refunded, report
from .world import FROM, RECIPIENT, TO

MONEY_CASES: list[Case] = [
    # invoices: line items, messages, payments, import
    Case(
        "invoices.create_from_tracked",
        lambda h, w: (
            w.time_entry,
            h.invoices.create_from_tracked(
                client_id=w.client.id,
                line_items_import={
                    "project_ids": [w.project.id],
                    "time": {"summary_type": "task", "from": FROM, "to": TO},
                },
            ),
        )[-1],
        lambda r, w: r.amount == 150 and bool(w.h.time_entries.retrieve(w.time_entry.id).is_billed),
        True,
    ),
    Case(
        "invoices.line_items.create",
        lambda h, w: h.invoices.line_items.create(
            w.invoice.id, kind="Service", unit_price=Decimal(50)
        ),
        lambda r, w: len(r.line_items) == 2 and r.amount == 250,
        True,
    ),
    Case(
        "invoices.line_items.update",
        lambda h, w: h.invoices.line_items.update(
            w.invoice.id, id=w.invoice_line_id, quantity=Decimal(3)
        ),
        lambda r, w: r.amount == 300,
        True,
    ),
    Case(
        "invoices.line_items.delete",
        lambda h, w: h.invoices.line_items.delete(w.invoice.id, id=w.invoice_line_id),
        lambda r, w: r.line_items == [],
        True,
    ),
    Case(
        "invoices.messages.list",
        lambda h, w: (
            h.invoices.messages.mark_sent(w.invoice.id),
            list(h.invoices.messages.list(w.invoice.id)),
        )[-1],
        lambda r, w: [m.event_type for m in r] == ["send"],
        True,
    ),
    Case(
        "invoices.messages.create",
        lambda h, w: h.invoices.messages.create(
            w.invoice.id, recipients=[RECIPIENT], subject="Invoice"
        ),
        lambda r, w: (
            r.recipients[0].email == RECIPIENT["email"]
            and w.h.invoices.retrieve(w.invoice.id).state == "open"
        ),
        True,
    ),
    Case(
        "invoices.messages.new_template",
        lambda h, w: h.invoices.messages.new_template(w.invoice.id),
        lambda r, w: r.invoice_id == w.invoice.id and bool(r.subject),
        True,
    ),
    Case(
        "invoices.messages.delete",
        lambda h, w: h.invoices.messages.delete(
            w.invoice.id, h.invoices.messages.create(w.invoice.id, recipients=[RECIPIENT]).id
        ),
        lambda r, w: list(w.h.invoices.messages.list(w.invoice.id)) == [],
        True,
    ),
    Case(
        "invoices.messages.mark_sent",
        lambda h, w: h.invoices.messages.mark_sent(w.invoice.id),
        lambda r, w: w.h.invoices.retrieve(w.invoice.id).state == "open",
        True,
    ),
    Case(
        "invoices.messages.mark_closed",
        lambda h, w: h.invoices.messages.mark_closed(w.open_invoice().id),
        lambda r, w: r.event_type == "close",
        True,
    ),
    Case(
        "invoices.messages.reopen",
        lambda h, w: (
            inv := w.open_invoice(),
            h.invoices.messages.mark_closed(inv.id),
            h.invoices.messages.reopen(inv.id),
            h.invoices.retrieve(inv.id),
        )[-1],
        lambda r, w: r.state == "open",
        True,
    ),
    Case(
        "invoices.messages.mark_draft",
        lambda h, w: (
            inv := w.open_invoice(),
            h.invoices.messages.mark_draft(inv.id),
            h.invoices.retrieve(inv.id),
        )[-1],
        lambda r, w: r.state == "draft",
        True,
    ),
    Case(
        "invoices.payments.list",
        lambda h, w: (
            inv := w.open_invoice(),
            h.invoices.payments.create(inv.id, amount=Decimal(50)),
            list(h.invoices.payments.list(inv.id)),
        )[-1],
        lambda r, w: [p.amount for p in r] == [50],
        True,
    ),
    Case(
        "invoices.payments.create",
        lambda h, w: (
            inv := w.open_invoice(),
            h.invoices.payments.create(inv.id, amount=Decimal(200)),
            h.invoices.retrieve(inv.id),
        )[-1],
        lambda r, w: r.state == "paid" and r.due_amount == 0,
        True,
    ),
    Case(
        "invoices.payments.delete",
        lambda h, w: paid_then_refunded(h, w),
        lambda r, w: r.state == "open" and r.due_amount == 200,
        True,
    ),
    # estimates: line items and messages
    Case(
        "estimates.line_items.create",
        lambda h, w: h.estimates.line_items.create(
            w.estimate.id, kind="Service", unit_price=Decimal(50)
        ),
        lambda r, w: r.amount == 250,
        True,
    ),
    Case(
        "estimates.line_items.update",
        lambda h, w: h.estimates.line_items.update(
            w.estimate.id, id=w.estimate_line_id, quantity=Decimal(3)
        ),
        lambda r, w: r.amount == 300,
        True,
    ),
    Case(
        "estimates.line_items.delete",
        lambda h, w: h.estimates.line_items.delete(w.estimate.id, id=w.estimate_line_id),
        lambda r, w: r.line_items == [],
        True,
    ),
    Case(
        "estimates.messages.list",
        lambda h, w: (
            h.estimates.messages.mark_sent(w.estimate.id),
            list(h.estimates.messages.list(w.estimate.id)),
        )[-1],
        lambda r, w: [m.event_type for m in r] == ["send"],
        True,
    ),
    Case(
        "estimates.messages.create",
        lambda h, w: h.estimates.messages.create(
            w.estimate.id, recipients=[RECIPIENT], subject="Quote"
        ),
        lambda r, w: r.recipients[0].email == RECIPIENT["email"],
        True,
    ),
    Case(
        "estimates.messages.delete",
        lambda h, w: h.estimates.messages.delete(
            w.estimate.id, h.estimates.messages.create(w.estimate.id, recipients=[RECIPIENT]).id
        ),
        lambda r, w: list(w.h.estimates.messages.list(w.estimate.id)) == [],
        True,
    ),
    Case(
        "estimates.messages.mark_sent",
        lambda h, w: (
            h.estimates.messages.mark_sent(w.estimate.id),
            h.estimates.retrieve(w.estimate.id),
        )[-1],
        lambda r, w: r.state == "sent",
        True,
    ),
    Case(
        "estimates.messages.mark_accepted",
        lambda h, w: (
            est := w.sent_estimate(),
            h.estimates.messages.mark_accepted(est.id),
            h.estimates.retrieve(est.id),
        )[-1],
        lambda r, w: r.state == "accepted",
        True,
    ),
    Case(
        "estimates.messages.mark_declined",
        lambda h, w: (
            est := w.sent_estimate(),
            h.estimates.messages.mark_declined(est.id),
            h.estimates.retrieve(est.id),
        )[-1],
        lambda r, w: r.state == "declined",
        True,
    ),
    Case(
        "estimates.messages.reopen",
        lambda h, w: (
            est := w.sent_estimate(),
            h.estimates.messages.mark_declined(est.id),
            h.estimates.messages.reopen(est.id),
            h.estimates.retrieve(est.id),
        )[-1],
        lambda r, w: r.state == "sent",
        True,
    ),
    # reports
    report("time_clients", **PERIOD),
    report("time_projects", **PERIOD),
    report("time_tasks", **PERIOD),
    report("time_team", **PERIOD),
    report("expenses_clients", **PERIOD),
    report("expenses_projects", **PERIOD),
    report("expenses_categories", **PERIOD),
    report("expenses_team", **PERIOD),
    report("uninvoiced", **PERIOD),
    report("project_budget"),
]
