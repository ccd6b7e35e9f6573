"""`explain_invoice`: an invoice broken down by project, task and person, and compared with
the client's previous invoice so the difference is explained in numbers."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from pydantic import BaseModel, Field

from harvestkit.api import AsyncHarvest, NotFoundError
from harvestkit.api.operations import (
    CLIENTS_LIST,
    COMPANY_RETRIEVE,
    INVOICE_ITEM_CATEGORIES_LIST,
    INVOICES_LIST,
    INVOICES_RETRIEVE,
    PROJECTS_LIST,
    TIME_ENTRIES_LIST,
    USERS_ME,
    USERS_PROJECT_ASSIGNMENTS_LIST_MINE,
)
from harvestkit.api.types import Invoice

from .._tool import INVOICING, Choice, Detail, Question, Tool, ToolContext, ToolError
from ..resolve import load_me, resolve_client, today
from ._common import READ, OutcomeInput, Ref, collect, hours, item_kinds, money, period_of

__all__ = ["EXPLAIN_INVOICE", "ExplainInvoiceOutput", "find_invoice", "invoice_by_reference"]


class ExplainInvoiceInput(OutcomeInput):
    """Arguments of `explain_invoice`: an invoice number, or a client and a period."""

    invoice: str | None = Field(default=None, description="Invoice number (e.g. '1037') or id.")
    client: str | None = Field(default=None, description="Client name, with `period`.")
    period: str | None = Field(
        default=None,
        description="When the invoice was issued: 'last month', '2026-11'. "
        "Default: the client's latest invoice.",
    )


class Line(BaseModel):
    """One invoice line."""

    kind: str
    description: str | None = None
    project: Ref | None = None
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal


class Share(BaseModel):
    """Hours and amount attributed to one project, task or person."""

    ref: Ref
    hours: Decimal
    amount: Decimal
    rates: list[Decimal] = Field(description="Distinct hourly rates billed.")


class InvoiceSummary(BaseModel):
    """The invoice's header."""

    id: int
    number: str
    client: Ref
    state: str
    issue_date: date | None
    period_start: date | None
    period_end: date | None
    currency: str | None
    amount: Decimal
    time_amount: Decimal
    expense_amount: Decimal
    other_amount: Decimal
    discount_amount: Decimal
    tax_amount: Decimal


class ProjectChange(BaseModel):
    """How one project's billed time changed against the previous invoice."""

    project: Ref
    hours_before: Decimal
    hours_now: Decimal
    amount_before: Decimal
    amount_now: Decimal
    from_hours: Decimal = Field(description="Change due to hours, at the previous average rate.")
    from_rates: Decimal = Field(description="Change due to a different average rate.")


class Comparison(BaseModel):
    """The difference to the previous invoice, split so the parts add up to the total."""

    previous: InvoiceSummary
    amount_change: Decimal
    time_change: Decimal
    expense_change: Decimal
    other_change: Decimal
    discount_and_tax_change: Decimal
    projects: list[ProjectChange]


class ExplainInvoiceOutput(BaseModel):
    """An invoice explained."""

    invoice: InvoiceSummary
    lines: list[Line]
    by_project: list[Share]
    by_task: list[Share]
    by_person: list[Share]
    comparison: Comparison | None = None


async def invoice_by_reference(h: AsyncHarvest, reference: str) -> Invoice:
    """The invoice with this number ("1037", "#1037"), else with this id."""
    text = reference.strip().lstrip("#")
    found = [i async for i in h.paginate(INVOICES_LIST) if i.number == text]
    if found:
        return await h.call(INVOICES_RETRIEVE, invoice_id=found[0].id)
    if text.isdigit():
        try:
            return await h.call(INVOICES_RETRIEVE, invoice_id=int(text))
        except NotFoundError:
            pass
    raise ToolError(f"no invoice numbered {text!r}", hint="check the invoice number")


async def find_invoice(ctx: ToolContext, args: ExplainInvoiceInput) -> Invoice:
    """The invoice meant: by number or id, or the client's invoice issued in the period."""
    h = ctx.harvest
    if args.invoice:
        return await invoice_by_reference(h, args.invoice)
    if not args.client:
        raise ToolError("say which invoice: `invoice` (number) or `client` with `period`")
    client = await resolve_client(ctx, args.client, key="client")
    if args.period is None:
        latest = await collect(h, INVOICES_LIST, client_id=client.id)
        if not latest:
            raise ToolError(
                f"client {client.id} has no invoices", details=(Detail("client", client.label),)
            )
        newest = max(latest, key=lambda i: (i.issue_date or date.min, i.id))
        return await h.call(INVOICES_RETRIEVE, invoice_id=newest.id)
    me = await load_me(ctx)
    period = period_of(args.period, await today(ctx), me.week_start_day)
    issued = await collect(h, INVOICES_LIST, client_id=client.id, from_=period.start, to=period.end)
    if not issued:
        raise ToolError(
            f"client {client.id} has no invoice issued {period.start}..{period.end}",
            hint="try another period, or give the invoice number",
            details=(Detail("client", client.label),),
        )
    chosen = issued[0]
    if len(issued) > 1:
        answer = ctx.ask(
            Question(
                key="invoice",
                kind="choice",
                message=(
                    f"Client id {client.id} has {len(issued)} invoices issued "
                    f"{period.start}..{period.end}. Which one?"
                ),
                details=(Detail("client", client.label),),
                choices=tuple(
                    Choice(str(i.id), f"#{i.number} issued {i.issue_date} ({i.amount})")
                    for i in issued
                ),
            )
        )
        picked = next((i for i in issued if str(i.id) == str(answer)), None)
        if picked is None:
            raise ToolError(f"{answer!r} is not one of the offered invoices")
        chosen = picked
    return await h.call(INVOICES_RETRIEVE, invoice_id=chosen.id)


Kinds = tuple[frozenset[str], frozenset[str]]
"""Item category names used for time lines, and for expense lines."""


def _summary(inv: Invoice, lines: list[Line], kinds: Kinds) -> InvoiceSummary:
    time = sum((ln.amount for ln in lines if ln.kind in kinds[0]), Decimal(0))
    expense = sum((ln.amount for ln in lines if ln.kind in kinds[1]), Decimal(0))
    total = sum((ln.amount for ln in lines), Decimal(0))
    return InvoiceSummary(
        id=inv.id,
        number=inv.number or "",
        client=Ref.of(inv.client),
        state=inv.state or "",
        issue_date=inv.issue_date,
        period_start=inv.period_start,
        period_end=inv.period_end,
        currency=inv.currency,
        amount=money(inv.amount),
        time_amount=time,
        expense_amount=expense,
        other_amount=total - time - expense,
        discount_amount=money(inv.discount_amount),
        tax_amount=money(inv.tax_amount) + money(inv.tax2_amount),
    )


def _lines(inv: Invoice) -> list[Line]:
    return [
        Line(
            kind=li.kind or "",
            description=li.description,
            project=Ref(id=li.project.id, name=li.project.name or "") if li.project else None,
            quantity=hours(li.quantity),
            unit_price=money(li.unit_price),
            amount=money(li.amount),
        )
        for li in inv.line_items or ()
    ]


def _shares(groups: dict[tuple[int, str], list[tuple[Decimal, Decimal]]]) -> list[Share]:
    shares = [
        Share(
            ref=Ref(id=key[0], name=key[1]),
            hours=sum((q for q, _ in rows), Decimal(0)),
            amount=money(sum((q * r for q, r in rows), Decimal(0))),
            rates=sorted({r for _, r in rows}),
        )
        for key, rows in groups.items()
    ]
    return sorted(shares, key=lambda s: -s.amount)


async def _time_breakdown(ctx: ToolContext, inv: Invoice) -> tuple[list[Share], list[Share]]:
    """By task and by person, from the time entries Harvest marked with this invoice."""
    if inv.period_start is None or inv.period_end is None:
        return [], []
    entries = ctx.harvest.paginate(
        TIME_ENTRIES_LIST,
        client_id=Ref.of(inv.client).id,
        is_billed=True,
        from_=inv.period_start,
        to=inv.period_end,
    )
    tasks: dict[tuple[int, str], list[tuple[Decimal, Decimal]]] = defaultdict(list)
    persons: dict[tuple[int, str], list[tuple[Decimal, Decimal]]] = defaultdict(list)
    # Page by page: only this invoice's entries are kept, never the client's whole period.
    async for e in entries:
        if e.invoice is None or e.invoice.id != inv.id:
            continue
        row = (hours(e.rounded_hours or e.hours), money(e.billable_rate))
        task, person = Ref.of(e.task), Ref.of(e.user)
        tasks[(task.id, task.name)].append(row)
        persons[(person.id, person.name)].append(row)
    return _shares(tasks), _shares(persons)


def _by_project(lines: list[Line], kinds: Kinds) -> list[Share]:
    groups: dict[tuple[int, str], list[tuple[Decimal, Decimal]]] = defaultdict(list)
    for ln in lines:
        if ln.kind in kinds[0] and ln.project is not None:
            groups[(ln.project.id, ln.project.name)].append((ln.quantity, ln.unit_price))
    return _shares(groups)


def _compare(now: InvoiceSummary, lines: list[Line], prev: Invoice, kinds: Kinds) -> Comparison:
    prev_lines = _lines(prev)
    before = _summary(prev, prev_lines, kinds)
    a = {s.ref.id: s for s in _by_project(lines, kinds)}
    b = {s.ref.id: s for s in _by_project(prev_lines, kinds)}
    changes = []
    for pid in sorted(set(a) | set(b)):
        cur, old = a.get(pid), b.get(pid)
        h_now, amt_now = (cur.hours, cur.amount) if cur else (Decimal(0), Decimal(0))
        h_old, amt_old = (old.hours, old.amount) if old else (Decimal(0), Decimal(0))
        rate_old = amt_old / h_old if h_old else (amt_now / h_now if h_now else Decimal(0))
        from_hours = money((h_now - h_old) * rate_old)
        changes.append(
            ProjectChange(
                project=(cur or old).ref,  # type: ignore[union-attr]
                hours_before=h_old,
                hours_now=h_now,
                amount_before=amt_old,
                amount_now=amt_now,
                from_hours=from_hours,
                from_rates=amt_now - amt_old - from_hours,
            )
        )
    changes.sort(key=lambda c: -abs(c.amount_now - c.amount_before))
    side = (now.tax_amount - now.discount_amount) - (before.tax_amount - before.discount_amount)
    return Comparison(
        previous=before,
        amount_change=now.amount - before.amount,
        time_change=now.time_amount - before.time_amount,
        expense_change=now.expense_amount - before.expense_amount,
        other_change=now.other_amount - before.other_amount,
        discount_and_tax_change=side,
        projects=changes,
    )


async def _previous(ctx: ToolContext, inv: Invoice) -> Invoice | None:
    earlier = [
        i
        for i in await collect(ctx.harvest, INVOICES_LIST, client_id=Ref.of(inv.client).id)
        if i.id != inv.id
        and i.issue_date
        and inv.issue_date
        and i.issue_date <= inv.issue_date
        and (i.issue_date < inv.issue_date or i.id < inv.id)
    ]
    if not earlier:
        return None
    latest = max(earlier, key=lambda i: (i.issue_date, i.id))
    return await ctx.harvest.call(INVOICES_RETRIEVE, invoice_id=latest.id)


async def explain_invoice(ctx: ToolContext, args: ExplainInvoiceInput) -> ExplainInvoiceOutput:
    """Find the invoice, break it down, compare with the previous one."""
    inv = await find_invoice(ctx, args)
    lines = _lines(inv)
    kinds = await item_kinds(ctx)
    summary = _summary(inv, lines, kinds)
    by_task, by_person = await _time_breakdown(ctx, inv)
    prev = await _previous(ctx, inv)
    return ExplainInvoiceOutput(
        invoice=summary,
        lines=lines,
        by_project=_by_project(lines, kinds),
        by_task=by_task,
        by_person=by_person,
        comparison=_compare(summary, lines, prev, kinds) if prev is not None else None,
    )


EXPLAIN_INVOICE = Tool(
    name="explain_invoice",
    title="Explain an invoice",
    description=(
        "Break an invoice down by project, task and person (hours, rates, amounts, expenses) "
        "and compare it with the client's previous invoice: the change in total split into "
        "time, expenses, other lines, discount and tax, and per project into the part due to "
        "hours and the part due to rates. Use it when someone asks what an invoice is made of "
        "or why it differs from last time. Give `invoice` (number) or `client` and `period`. "
        "Example: client='Williams', period='2026-11'."
    ),
    toolset=INVOICING,
    input_model=ExplainInvoiceInput,
    output_model=ExplainInvoiceOutput,
    annotations=READ,
    operations=(
        USERS_ME,
        COMPANY_RETRIEVE,
        CLIENTS_LIST,
        PROJECTS_LIST,
        USERS_PROJECT_ASSIGNMENTS_LIST_MINE,
        INVOICES_LIST,
        INVOICES_RETRIEVE,
        INVOICE_ITEM_CATEGORIES_LIST,
        TIME_ENTRIES_LIST,
    ),
    handler=explain_invoice,
    default=True,
    kind="outcome",
)
