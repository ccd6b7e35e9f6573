"""`invoice_from_time`, `send_invoice`, `record_payment`: from uninvoiced time to money in."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field

from harvestkit.api.operations import (
    CLIENTS_LIST,
    COMPANY_RETRIEVE,
    CONTACTS_LIST,
    INVOICE_ITEM_CATEGORIES_LIST,
    INVOICES_CREATE,
    INVOICES_CREATE_FROM_TRACKED,
    INVOICES_LINE_ITEMS_CREATE,
    INVOICES_LIST,
    INVOICES_MESSAGES_CREATE,
    INVOICES_MESSAGES_MARK_SENT,
    INVOICES_PAYMENTS_CREATE,
    INVOICES_PAYMENTS_LIST,
    INVOICES_RETRIEVE,
    PROJECTS_LIST,
    REPORTS_UNINVOICED,
    USERS_ME,
    USERS_PROJECT_ASSIGNMENTS_LIST_MINE,
)
from harvestkit.api.types import Invoice

from .._tool import INVOICING, Annotations, Detail, Tool, ToolContext, ToolError
from ..resolve import load_me, resolve_client, today
from ..timeframes import Period, parse_date
from ._common import Ref, collect, hours, item_kinds, money, period_of, sent, with_answers
from ._confirm import ConfirmInput, FromStep, Plan, PlannedRequest, Step, confirmed
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


def brief(inv: Invoice) -> InvoiceBrief:
    """The header of a Harvest invoice."""
    return InvoiceBrief(
        id=inv.id,
        number=inv.number or "",
        client=Ref.of(inv.client),
        state=inv.state or "",
        amount=money(inv.amount),
        due_amount=money(inv.due_amount),
        currency=inv.currency,
        period_start=inv.period_start,
        period_end=inv.period_end,
        line_count=len(inv.line_items or ()),
    )


def invoice_details(inv: Invoice) -> tuple[Detail, ...]:
    """What a person needs to recognise a Harvest invoice in a question (see `Question`)."""
    client = sent(inv.client).name or ""
    return (Detail("invoice number", inv.number or ""), Detail("client", client))


class InvoiceFromTimeInput(ConfirmInput):
    """Arguments of `invoice_from_time`."""

    client: str = Field(description="Client name or id.")
    period: str = Field(default="last month", description="Which tracked time to bill.")
    summary: Literal["project", "task", "people", "detailed"] = Field(
        default="task", description="How time becomes lines."
    )
    include_expenses: bool = True
    fixed_fee: str = Field(
        default="remaining",
        description=(
            "What fixed-fee projects bill: 'remaining' (the fee not yet invoiced, as Harvest's "
            "uninvoiced report counts it), a share of the fee ('50%') or an amount ('2500'), "
            "or 'hours' to bill their tracked hours at the project's rates instead."
        ),
    )
    subject: str | None = None
    payment_term: str | None = Field(default=None, description="e.g. 'net 30'.")


class UninvoicedProject(BaseModel):
    """What one project has to bill in the period."""

    project: Ref
    hours: Decimal
    expenses: Decimal
    amount: Decimal = Field(description="What this invoice bills for the project.")
    currency: str | None = None
    fixed_fee: bool = False
    billed_as: str = Field(default="hours", description="'hours', or how its fee is billed.")


class InvoiceFromTimeOutput(BaseModel):
    """The preview, and the draft invoice once created."""

    client: Ref
    start: date
    end: date
    projects: list[UninvoicedProject]
    total_hours: Decimal
    total_amount: Decimal = Field(description="What the draft(s) will bill, in total.")
    dry_run: bool
    planned_requests: list[PlannedRequest]
    invoice: InvoiceBrief | None = None
    more_invoices: list[InvoiceBrief] = Field(
        default=[],
        description="A second draft, only when fixed-fee expenses must go apart (see docs).",
    )


_DRAFTS = frozenset({INVOICES_CREATE_FROM_TRACKED, INVOICES_CREATE})
"""The plan steps that make a draft (the others add lines to one)."""


def _fee_share(text: str, fee: Decimal | None, open_fee: Decimal) -> tuple[Decimal, str]:
    """(amount, how) for a fixed-fee project: 'remaining', 'N%' of the fee, or an amount."""
    spoken = text.strip().lower()
    if spoken in ("remaining", "rest", "the rest", "fee", "all"):
        return open_fee, "the fee not yet invoiced"
    try:
        if spoken.endswith("%"):
            share = Decimal(spoken[:-1].strip())
            if fee is None:
                raise ToolError("the project's fee is not visible to you; name an amount")
            amount, how = money(fee * share / 100), f"{share}% of the fee"
        else:
            amount, how = money(Decimal(spoken.replace(",", ""))), "the amount named"
    except ArithmeticError:
        raise ToolError(
            f"can't read fixed_fee {text!r}", hint="'remaining', '50%', '2500' or 'hours'"
        ) from None
    if amount > open_fee:
        raise ToolError(
            f"{amount} is more than the {open_fee} of the fee not yet invoiced",
            hint="name a smaller share, or 'remaining'",
        )
    return amount, how


async def invoice_from_time(ctx: ToolContext, args: InvoiceFromTimeInput) -> InvoiceFromTimeOutput:
    """Uninvoiced report → one plan (preview, question and execution alike) → draft."""
    ctx = with_answers(ctx, args)
    h = ctx.harvest
    me = await load_me(ctx)
    client = await resolve_client(ctx, args.client, key="client")
    period = period_of(args.period, await today(ctx), me.week_start_day)
    rows = [
        r
        for r in await collect(h, REPORTS_UNINVOICED, from_=period.start, to=period.end)
        if r.client_id == client.id and (r.uninvoiced_amount or r.uninvoiced_hours)
    ]
    if not rows:
        raise ToolError(
            f"client {client.id} has nothing uninvoiced {period.start}..{period.end}",
            hint="try another period",
            details=(Detail("client", client.label),),
        )
    by_hours = args.fixed_fee.strip().lower() == "hours"
    fixed = {} if by_hours else await _fixed_fees(ctx, client.id)
    projects: list[UninvoicedProject] = []
    for r in rows:
        expenses = money(r.uninvoiced_expenses) if args.include_expenses else Decimal(0)
        project = Ref(id=r.project_id or 0, name=r.project_name or "")
        base = {"project": project, "hours": hours(r.uninvoiced_hours), "currency": r.currency}
        if r.project_id in fixed:
            open_fee = money(r.uninvoiced_amount) - money(r.uninvoiced_expenses)
            fee, how = _fee_share(args.fixed_fee, fixed[r.project_id], open_fee)
            projects.append(
                UninvoicedProject(
                    **base, expenses=expenses, amount=fee + expenses, fixed_fee=True, billed_as=how
                )
            )
        else:
            time = money(r.uninvoiced_amount) - money(r.uninvoiced_expenses)
            projects.append(UninvoicedProject(**base, expenses=expenses, amount=time + expenses))
    plan = _invoice_plan(args, client.id, period, projects, (await item_kinds(ctx))[0])
    total = sum((p.amount for p in projects), Decimal(0))
    if not plan.steps:
        raise ToolError(
            f"client {client.id} has nothing to bill {period.start}..{period.end}: "
            "its fixed fees are invoiced in full",
            hint="fixed_fee: 'hours' bills those projects' hours instead, if that is agreed",
            details=(Detail("client", client.label),),
        )
    out = InvoiceFromTimeOutput(
        client=Ref(id=client.id, name=client.label),
        start=period.start,
        end=period.end,
        projects=projects,
        total_hours=sum((p.hours for p in projects if not p.fixed_fee), Decimal(0)),
        total_amount=total,
        dry_run=args.dry_run,
        planned_requests=plan.requests(h),
    )
    if args.dry_run:
        return out
    confirmed(ctx, args, _question(out, plan), details=_fee_details(client.label, projects))
    results = await plan.run(h)
    drafts = [brief(r) for r, step in zip(results, plan.steps, strict=True) if step.op in _DRAFTS]
    finals = {d.id: d for d in drafts}
    for r in results:  # a later step (a fee line) returns the invoice as it ends up
        if r.id in finals:
            finals[r.id] = brief(r)
    ordered = list(finals.values())
    return out.model_copy(
        update={"invoice": ordered[0], "more_invoices": ordered[1:], "planned_requests": []}
    )


async def _fixed_fees(ctx: ToolContext, client_id: int) -> dict[int, Decimal | None]:
    """The client's fixed-fee projects and their fees."""
    return {
        p.id: Decimal(str(p.fee)) if p.fee is not None else None
        for p in await collect(ctx.harvest, PROJECTS_LIST, client_id=client_id)
        if p.is_fixed_fee
    }


def _invoice_plan(
    args: InvoiceFromTimeInput,
    client_id: int,
    period: Period,
    projects: list[UninvoicedProject],
    service: frozenset[str],
) -> Plan:
    """Hours through Harvest's import; each fixed fee as a line of its own. A fixed-fee
    project's expenses can only be imported with its hours, so they go on a draft of their
    own, expenses only, beside the hours of the other projects."""
    window = {"from": period.start, "to": period.end}
    hourly = [p.project.id for p in projects if not p.fixed_fee and p.amount > 0]
    fee_expenses = [p.project.id for p in projects if p.fixed_fee and p.expenses > 0]
    extra = {
        name: getattr(args, name) for name in ("subject", "payment_term") if getattr(args, name)
    }

    def imported(ids: list[int], with_time: bool) -> Step:
        spec: dict[str, Any] = {"project_ids": ids}
        if with_time:
            spec["time"] = {"summary_type": args.summary, **window}
        if args.include_expenses:
            spec["expenses"] = {"summary_type": "category", **window}
        body = {"client_id": client_id, "line_items_import": spec, **extra}
        return Step(INVOICES_CREATE_FROM_TRACKED, body, says="create the draft invoice")

    steps: list[Step] = []
    if hourly:
        steps.append(imported(hourly, with_time=True))
    elif fee_expenses:
        steps.append(imported(fee_expenses, with_time=False))
        fee_expenses = []
    fees = [p for p in projects if p.fixed_fee and p.amount - p.expenses > 0]
    if not steps and fees:
        steps.append(
            Step(
                INVOICES_CREATE,
                {"client_id": client_id, **extra},
                says="create the draft invoice",
            )
        )
    for p in fees:
        line = {
            "invoice_id": FromStep(0, "the new invoice's id"),
            "kind": min(service),
            "description": f"{p.project.name}: fixed fee",
            "quantity": 1,
            "unit_price": p.amount - p.expenses,
            "project_id": p.project.id,
        }
        steps.append(
            Step(INVOICES_LINE_ITEMS_CREATE, line, says=f"add the fee line ({p.billed_as})")
        )
    if fee_expenses:
        steps.append(imported(fee_expenses, with_time=False))
    return Plan(tuple(steps))


def _question(out: InvoiceFromTimeOutput, plan: Plan) -> str:
    drafts = sum(1 for step in plan.steps if step.op in _DRAFTS)
    parts = []
    if out.total_hours:
        parts.append(f"{out.total_hours} h at the projects' rates")
    fees = [p for p in out.projects if p.fixed_fee]
    for index, p in enumerate(fees, start=1):
        parts.append(f"fixed fee {index}: {p.amount - p.expenses} ({p.billed_as})")
    if any(p.expenses for p in out.projects):
        parts.append(f"{sum((p.expenses for p in out.projects), Decimal(0))} of expenses")
    what = "a draft invoice" if drafts == 1 else f"{drafts} draft invoices"
    return (
        f"Create {what} for client id {out.client.id}, {out.start}..{out.end}: "
        f"{'; '.join(parts)}; {out.total_amount} in total?"
    )


def _fee_details(client: str, projects: list[UninvoicedProject]) -> tuple[Detail, ...]:
    fees = [p for p in projects if p.fixed_fee]
    named = [Detail(f"fixed fee {i} project", p.project.name) for i, p in enumerate(fees, 1)]
    return (Detail("client", client), *named)


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
        step = Step(INVOICES_MESSAGES_MARK_SENT, {"invoice_id": inv.id}, says="mark it sent")
    else:
        recipients = args.recipients or [
            c.email
            for c in await collect(ctx.harvest, CONTACTS_LIST, client_id=Ref.of(inv.client).id)
            if c.email
        ]
        if not recipients:
            raise ToolError(
                f"client {Ref.of(inv.client).id} has no contact with an email address",
                hint="pass recipients, or mark_only: true",
                details=invoice_details(inv),
            )
        body = {
            "invoice_id": inv.id,
            "recipients": [{"email": e} for e in recipients],
            "attach_pdf": True,
        }
        step = Step(INVOICES_MESSAGES_CREATE, body, says="email the invoice")
    plan = Plan((step,))
    if args.dry_run:
        return SendInvoiceOutput(
            invoice=brief(inv),
            recipients=recipients,
            dry_run=True,
            planned_requests=plan.requests(ctx.harvest),
        )
    details = invoice_details(inv)
    if args.mark_only:
        how = "Mark as sent (no e-mail goes out)"
    else:
        how = f"E-mail it to {len(recipients)} recipient(s), listed below"
        details += tuple(Detail(f"recipient {i}", e) for i, e in enumerate(recipients, 1))
    confirmed(ctx, args, f"{how}: invoice id {inv.id}, {inv.amount}?", details=details)
    await plan.run(ctx.harvest)
    after = await ctx.harvest.call(INVOICES_RETRIEVE, invoice_id=inv.id)
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
    plan = Plan((Step(INVOICES_PAYMENTS_CREATE, body, says="record the payment"),))
    if args.dry_run:
        return RecordPaymentOutput(
            invoice=brief(inv),
            amount=amount,
            paid_date=day,
            dry_run=True,
            planned_requests=plan.requests(ctx.harvest),
        )
    confirmed(
        ctx,
        args,
        f"Record a payment of {amount} on {day} for invoice id {inv.id} ({due} due)?",
        details=invoice_details(inv),
    )
    (payment,) = await plan.run(ctx.harvest)
    after = await ctx.harvest.call(INVOICES_RETRIEVE, invoice_id=inv.id)
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
        "has to bill and the exact Harvest requests, then creates a draft invoice on "
        "confirmation (dry_run: true only previews). Fixed-fee projects bill their fee not yet "
        "invoiced (or a share: fixed_fee='50%'), never their hours unless fixed_fee='hours'. "
        "Use it when someone wants to invoice tracked work. "
        "Example: client='Williams', period='last month'."
    ),
    toolset=INVOICING,
    input_model=InvoiceFromTimeInput,
    output_model=InvoiceFromTimeOutput,
    annotations=_MONEY,
    operations=(
        USERS_ME,
        COMPANY_RETRIEVE,
        CLIENTS_LIST,
        PROJECTS_LIST,
        USERS_PROJECT_ASSIGNMENTS_LIST_MINE,
        REPORTS_UNINVOICED,
        INVOICE_ITEM_CATEGORIES_LIST,
        INVOICES_CREATE_FROM_TRACKED,
        INVOICES_CREATE,
        INVOICES_LINE_ITEMS_CREATE,
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
        INVOICES_LIST,
        INVOICES_RETRIEVE,
        CONTACTS_LIST,
        INVOICES_MESSAGES_CREATE,
        INVOICES_MESSAGES_MARK_SENT,
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
        USERS_ME,
        COMPANY_RETRIEVE,
        INVOICES_LIST,
        INVOICES_RETRIEVE,
        # The SDK reads the payments first, so a lost answer to the create is settled by
        # looking, not by sending it again.
        INVOICES_PAYMENTS_LIST,
        INVOICES_PAYMENTS_CREATE,
    ),
    handler=record_payment,
    moves_money=True,
    needs_confirmation=True,
    default=True,
    kind="outcome",
)
