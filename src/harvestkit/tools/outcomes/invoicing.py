"""`invoice_from_time`, `send_invoice`, `record_payment`: from uninvoiced time to money in."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field

from .._tool import INVOICING, Annotations, Detail, Tool, ToolContext, ToolError
from ..resolve import load_me, resolve_client, today
from ..timeframes import parse_date
from ._common import Ref, collect, hours, money, period_of, with_answers
from ._confirm import ConfirmInput, PlannedRequest, confirmed, plan
from .explain_invoice import invoice_by_reference

__all__ = ["INVOICE_FROM_TIME", "RECORD_PAYMENT", "SEND_INVOICE", "InvoiceBrief"]

_MONEY = Annotations(read_only=False, destructive=False, idempotent=False, open_world=True)


class InvoiceBrief(BaseModel):
    """An invoice's header."""

    id: int
    number: str
    client: Ref
    state: str
    amount: Decimal
    due_amount: Decimal
    currency: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    line_count: int = 0


def brief(inv: Any) -> InvoiceBrief:
    """The header of a Harvest invoice."""
    return InvoiceBrief(
        id=inv.id,
        number=inv.number or "",
        client=Ref(id=inv.client.id, name=inv.client.name or ""),
        state=inv.state or "",
        amount=money(inv.amount),
        due_amount=money(inv.due_amount),
        currency=inv.currency,
        period_start=inv.period_start,
        period_end=inv.period_end,
        line_count=len(inv.line_items or ()),
    )


def invoice_details(inv: Any) -> tuple[Detail, ...]:
    """What a person needs to recognise a Harvest invoice in a question (see `Question`)."""
    return (Detail("invoice number", inv.number or ""), Detail("client", inv.client.name or ""))


class InvoiceFromTimeInput(ConfirmInput):
    """Arguments of `invoice_from_time`."""

    client: str = Field(description="Client name or id.")
    period: str = Field(default="last month", description="Which tracked time to bill.")
    summary: Literal["project", "task", "people", "detailed"] = Field(
        default="task", description="How time becomes lines."
    )
    include_expenses: bool = True
    subject: str | None = None
    payment_term: str | None = Field(default=None, description="e.g. 'net 30'.")


class UninvoicedProject(BaseModel):
    """What one project has to bill in the period."""

    project: Ref
    hours: Decimal
    expenses: Decimal
    amount: Decimal
    currency: str | None = None


class InvoiceFromTimeOutput(BaseModel):
    """The preview, and the draft invoice once created."""

    client: Ref
    start: date
    end: date
    projects: list[UninvoicedProject]
    total_hours: Decimal
    total_amount: Decimal = Field(description="Uninvoiced time plus expenses, per the report.")
    dry_run: bool
    planned_requests: list[PlannedRequest]
    invoice: InvoiceBrief | None = None


async def invoice_from_time(ctx: ToolContext, args: InvoiceFromTimeInput) -> InvoiceFromTimeOutput:
    """Uninvoiced report → preview → (confirmed) draft invoice via line_items_import."""
    ctx = with_answers(ctx, args)
    me = await load_me(ctx)
    client = await resolve_client(ctx, args.client, key="client")
    period = period_of(args.period, await today(ctx), me.week_start_day)
    rows = [
        r
        for r in await collect(ctx.harvest, "reports.uninvoiced", from_=period.start, to=period.end)
        if r.client_id == client.id and (r.uninvoiced_amount or r.uninvoiced_hours)
    ]
    if not rows:
        raise ToolError(
            f"client {client.id} has nothing uninvoiced {period.start}..{period.end}",
            hint="try another period",
            details=(Detail("client", client.label),),
        )
    projects = [
        UninvoicedProject(
            project=Ref(id=r.project_id or 0, name=r.project_name or ""),
            hours=hours(r.uninvoiced_hours),
            expenses=money(r.uninvoiced_expenses),
            amount=money(r.uninvoiced_amount),
            currency=r.currency,
        )
        for r in rows
    ]
    body: dict[str, Any] = {
        "client_id": client.id,
        "line_items_import": {
            "project_ids": [p.project.id for p in projects],
            "time": {"summary_type": args.summary, "from": period.start, "to": period.end},
        },
    }
    if args.include_expenses:
        body["line_items_import"]["expenses"] = {
            "summary_type": "category",
            "from": period.start,
            "to": period.end,
        }
    for name in ("subject", "payment_term"):
        if getattr(args, name):
            body[name] = getattr(args, name)
    total = sum((p.amount for p in projects), Decimal(0))
    out = InvoiceFromTimeOutput(
        client=Ref(id=client.id, name=client.label),
        start=period.start,
        end=period.end,
        projects=projects,
        total_hours=sum((p.hours for p in projects), Decimal(0)),
        total_amount=total,
        dry_run=args.dry_run,
        planned_requests=[plan(ctx.harvest, "invoices.create_from_tracked", **body)],
    )
    if args.dry_run:
        return out
    confirmed(
        ctx,
        args,
        f"Create a draft invoice for client id {client.id}: {out.total_hours} h and expenses, "
        f"{total} in total, for {period.start}..{period.end}?",
        details=(Detail("client", client.label),),
    )
    created = await ctx.harvest.call("invoices.create_from_tracked", **body)
    return out.model_copy(update={"invoice": brief(created), "planned_requests": []})


class SendInvoiceInput(ConfirmInput):
    """Arguments of `send_invoice`."""

    invoice: str = Field(description="Invoice number (e.g. '1044') or id.")
    recipients: list[str] | None = Field(
        default=None, description="Email addresses. Default: the client's contacts with email."
    )
    mark_only: bool = Field(default=False, description="true: mark as sent without emailing.")


class SendInvoiceOutput(BaseModel):
    """The invoice after sending."""

    invoice: InvoiceBrief
    recipients: list[str]
    dry_run: bool
    planned_requests: list[PlannedRequest]


async def send_invoice(ctx: ToolContext, args: SendInvoiceInput) -> SendInvoiceOutput:
    """Email a draft invoice to the client (or only mark it sent), after confirmation."""
    inv = await invoice_by_reference(ctx.harvest, args.invoice)
    if inv.state != "draft":
        raise ToolError(
            f"invoice id {inv.id} is {inv.state}, not a draft; it was not sent",
            details=invoice_details(inv),
        )
    recipients: list[str] = []
    if args.mark_only:
        request = plan(ctx.harvest, "invoices.messages.mark_sent", invoice_id=inv.id)
        op, body = "invoices.messages.mark_sent", {"invoice_id": inv.id}
    else:
        recipients = args.recipients or [
            c.email
            for c in await collect(ctx.harvest, "contacts.list", client_id=inv.client.id)
            if c.email
        ]
        if not recipients:
            raise ToolError(
                f"client {inv.client.id} has no contact with an email address",
                hint="pass recipients, or mark_only: true",
                details=invoice_details(inv),
            )
        body = {
            "invoice_id": inv.id,
            "recipients": [{"email": e} for e in recipients],
            "attach_pdf": True,
        }
        op = "invoices.messages.create"
        request = plan(ctx.harvest, op, **body)
    if args.dry_run:
        return SendInvoiceOutput(
            invoice=brief(inv), recipients=recipients, dry_run=True, planned_requests=[request]
        )
    details = invoice_details(inv)
    if args.mark_only:
        how = "Mark as sent"
    else:
        how = f"Email to {len(recipients)} recipient(s)"
        details += (Detail("recipients", ", ".join(recipients)),)
    confirmed(ctx, args, f"{how}: invoice id {inv.id}, {inv.amount}?", details=details)
    await ctx.harvest.call(op, **body)
    after = await ctx.harvest.call("invoices.retrieve", invoice_id=inv.id)
    return SendInvoiceOutput(
        invoice=brief(after), recipients=recipients, dry_run=False, planned_requests=[]
    )


class RecordPaymentInput(ConfirmInput):
    """Arguments of `record_payment`."""

    invoice: str = Field(description="Invoice number or id.")
    amount: Decimal | None = Field(default=None, gt=0, description="Default: the amount due.")
    paid_date: str = Field(default="today", description="'today', 'yesterday', ISO date.")
    notes: str | None = None


class RecordPaymentOutput(BaseModel):
    """The invoice after the payment."""

    invoice: InvoiceBrief
    payment_id: int | None = None
    amount: Decimal
    paid_date: date
    dry_run: bool
    planned_requests: list[PlannedRequest]


async def record_payment(ctx: ToolContext, args: RecordPaymentInput) -> RecordPaymentOutput:
    """Record a payment on an open invoice, after confirmation."""
    inv = await invoice_by_reference(ctx.harvest, args.invoice)
    if inv.state != "open":
        raise ToolError(
            f"invoice id {inv.id} is {inv.state}; payments go on open invoices",
            details=invoice_details(inv),
        )
    due = money(inv.due_amount)
    amount = money(args.amount) if args.amount is not None else due
    if amount > due:
        raise ToolError(
            f"{amount} is more than the {due} due on invoice id {inv.id}",
            details=invoice_details(inv),
        )
    try:
        day = parse_date(args.paid_date, await today(ctx))
    except ValueError as exc:
        raise ToolError(str(exc)) from None
    body: dict[str, Any] = {"invoice_id": inv.id, "amount": amount, "paid_date": day}
    if args.notes:
        body["notes"] = args.notes
    request = plan(ctx.harvest, "invoices.payments.create", **body)
    if args.dry_run:
        return RecordPaymentOutput(
            invoice=brief(inv),
            amount=amount,
            paid_date=day,
            dry_run=True,
            planned_requests=[request],
        )
    confirmed(
        ctx,
        args,
        f"Record a payment of {amount} on {day} for invoice id {inv.id} ({due} due)?",
        details=invoice_details(inv),
    )
    payment = await ctx.harvest.call("invoices.payments.create", **body)
    after = await ctx.harvest.call("invoices.retrieve", invoice_id=inv.id)
    return RecordPaymentOutput(
        invoice=brief(after),
        payment_id=payment.id,
        amount=amount,
        paid_date=day,
        dry_run=False,
        planned_requests=[],
    )


INVOICE_FROM_TIME = Tool(
    name="invoice_from_time",
    title="Invoice uninvoiced time",
    description=(
        "Bill a client's uninvoiced time (and expenses) for a period: shows what each project "
        "has to bill and the exact Harvest request, then creates a draft invoice on "
        "confirmation (dry_run: true only previews). Use it when someone wants to invoice "
        "tracked work. Example: client='Williams', period='last month'."
    ),
    toolset=INVOICING,
    input_model=InvoiceFromTimeInput,
    output_model=InvoiceFromTimeOutput,
    annotations=_MONEY,
    operations=(
        "users.me",
        "company.retrieve",
        "clients.list",
        "projects.list",
        "users.project_assignments.list_mine",
        "reports.uninvoiced",
        "invoices.create_from_tracked",
    ),
    handler=invoice_from_time,
    moves_money=True,
    needs_confirmation=True,
    default=True,
    kind="outcome",
)

SEND_INVOICE = Tool(
    name="send_invoice",
    title="Send an invoice",
    description=(
        "Email a draft invoice (by number) to the client's contacts or given recipients, or "
        "mark_only: true to mark it sent without email. Use it when a reviewed draft should go "
        "to the client; it always asks first and dry_run: true shows the exact request. "
        "Example: invoice='1044'."
    ),
    toolset=INVOICING,
    input_model=SendInvoiceInput,
    output_model=SendInvoiceOutput,
    annotations=_MONEY,
    operations=(
        "invoices.list",
        "invoices.retrieve",
        "contacts.list",
        "invoices.messages.create",
        "invoices.messages.mark_sent",
    ),
    handler=send_invoice,
    moves_money=True,
    needs_confirmation=True,
    default=True,
    kind="outcome",
)

RECORD_PAYMENT = Tool(
    name="record_payment",
    title="Record a payment",
    description=(
        "Record a payment on an open invoice (by number); the amount defaults to what is due "
        "and may not exceed it. Use it when a client has paid, fully or in part; it asks first "
        "and dry_run: true shows the exact request. Example: invoice='1037', amount=5000, "
        "paid_date='yesterday'."
    ),
    toolset=INVOICING,
    input_model=RecordPaymentInput,
    output_model=RecordPaymentOutput,
    annotations=_MONEY,
    operations=(
        "users.me",
        "company.retrieve",
        "invoices.list",
        "invoices.retrieve",
        "invoices.payments.create",
    ),
    handler=record_payment,
    moves_money=True,
    needs_confirmation=True,
    default=True,
    kind="outcome",
)
