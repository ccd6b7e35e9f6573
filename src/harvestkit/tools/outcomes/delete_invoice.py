"""`delete_invoice_safely`: show the payments that block deleting an invoice; on explicit
confirmation delete them, then the invoice."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, Field

from harvestkit.api.operations import (
    INVOICES_DELETE,
    INVOICES_LIST,
    INVOICES_PAYMENTS_DELETE,
    INVOICES_PAYMENTS_LIST,
    INVOICES_RETRIEVE,
)

from .._tool import INVOICING, Annotations, Tool, ToolContext
from ._common import money
from ._confirm import ConfirmInput, Plan, PlannedRequest, Step, confirmed
from .explain_invoice import invoice_by_reference
from .invoicing import InvoiceBrief, brief, invoice_details

__all__ = ["DELETE_INVOICE_SAFELY", "Payment", "deletion_question"]


class DeleteInvoiceInput(ConfirmInput):
    """Arguments of `delete_invoice_safely`."""

    invoice: str = Field(description="Invoice number (e.g. '1043') or id.")


class Payment(BaseModel):
    """A payment recorded on the invoice."""

    id: int
    amount: Decimal
    paid_date: date | None = None
    notes: str | None = None


class DeleteInvoiceOutput(BaseModel):
    """What was (or would be) deleted."""

    invoice: InvoiceBrief
    payments: list[Payment]
    payments_total: Decimal
    deleted: bool
    dry_run: bool
    planned_requests: list[PlannedRequest]


async def delete_invoice_safely(ctx: ToolContext, args: DeleteInvoiceInput) -> DeleteInvoiceOutput:
    """Payments first (they would block or orphan), then the invoice; all after one yes."""
    h = ctx.harvest
    inv = await invoice_by_reference(h, args.invoice)
    payments = [
        Payment(id=p.id, amount=money(p.amount), paid_date=p.paid_date, notes=p.notes)
        async for p in h.paginate(INVOICES_PAYMENTS_LIST, invoice_id=inv.id)
    ]
    # Payments first, then the invoice: Harvest documents no refusal to delete an invoice
    # with payments, so deleting it first could leave them behind or take them unseen.
    plan = Plan(
        (
            *(
                Step(
                    INVOICES_PAYMENTS_DELETE,
                    {"invoice_id": inv.id, "payment_id": p.id},
                    says=f"delete the payment of {p.amount}",
                )
                for p in payments
            ),
            Step(INVOICES_DELETE, {"invoice_id": inv.id}, says="delete the invoice"),
        )
    )
    total = sum((p.amount for p in payments), Decimal(0))
    out = DeleteInvoiceOutput(
        invoice=brief(inv),
        payments=payments,
        payments_total=total,
        deleted=False,
        dry_run=args.dry_run,
        planned_requests=plan.requests(h),
    )
    if args.dry_run:
        return out
    confirmed(
        ctx,
        args,
        deletion_question(inv.id, money(inv.amount), payments),
        details=invoice_details(inv),
    )
    await plan.run(h)
    return out.model_copy(update={"deleted": True, "planned_requests": []})


def deletion_question(invoice_id: int, amount: Decimal, payments: list[Payment]) -> str:
    """The question before an invoice is deleted, naming every payment that goes with it."""
    what = f"Delete invoice id {invoice_id} ({amount})"
    if payments:
        listed = ", ".join(
            f"{p.amount} paid {p.paid_date}" if p.paid_date else f"{p.amount}" for p in payments
        )
        total = sum((p.amount for p in payments), Decimal(0))
        what += (
            f" and the {len(payments)} payment(s) recorded on it ({listed}; {total} in all), "
            "payments first"
        )
    return f"{what}? This cannot be undone."


DELETE_INVOICE_SAFELY = Tool(
    name="delete_invoice_safely",
    title="Delete an invoice and its payments",
    description=(
        "Delete an invoice (by number) safely: lists the payments recorded on it and, only on "
        "explicit confirmation, deletes those payments and then the invoice. Use it when an "
        "invoice was made in error; dry_run: true shows the exact requests. Cannot be undone. "
        "Example: invoice='1043'."
    ),
    toolset=INVOICING,
    input_model=DeleteInvoiceInput,
    output_model=DeleteInvoiceOutput,
    annotations=Annotations(read_only=False, destructive=True, idempotent=True, open_world=True),
    operations=(
        INVOICES_LIST,
        INVOICES_RETRIEVE,
        INVOICES_PAYMENTS_LIST,
        INVOICES_PAYMENTS_DELETE,
        INVOICES_DELETE,
    ),
    handler=delete_invoice_safely,
    moves_money=True,
    needs_confirmation=True,
    default=False,
    kind="outcome",
)
