"""Money: invoices that became overdue; uninvoiced time and unbilled expenses older than N
days, per client, ready for the next invoice.

An overdue invoice is told once (keyed by the invoice). What waits to be invoiced is told
at most once a week per client (keyed by the ISO week), with the amounts of that day.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal
from typing import Any

from harvestkit.api.operations import (
    INVOICES_LIST,
    REPORTS_UNINVOICED,
)
from harvestkit.tools.outcomes._common import collect, sent

from .._config import MoneyRule
from ._check import Check

__all__ = ["check_money"]


async def _overdue(check: Check, today: Any, rule: MoneyRule) -> None:
    for inv in await collect(check.ctx.harvest, INVOICES_LIST, state="open"):
        if inv.due_date is None or inv.due_date >= today:
            continue
        check.notify(
            f"overdue:{inv.id}",
            rule="money",
            subject=f"Invoice id {inv.id} is overdue since {inv.due_date}",
            payload={
                "figures": {
                    "invoice_id": inv.id,
                    "invoice_number": inv.number,
                    "client": sent(inv.client).name,
                    "due_date": str(inv.due_date),
                    "due_amount": str(inv.due_amount),
                    "currency": inv.currency,
                    "days_overdue": (today - inv.due_date).days,
                },
                "link": f"{check.link_base}/invoices/{inv.id}",
                "act": {"tool": "explain_invoice", "arguments": {"invoice": str(inv.id)}},
            },
            channels=rule.channels,
        )


async def _waiting(check: Check, today: Any, rule: MoneyRule) -> None:
    h = check.ctx.harvest
    older = today - timedelta(days=rule.uninvoiced_days)
    week = "{}-W{:02d}".format(*today.isocalendar()[:2])
    start = older - timedelta(days=365)  # Harvest's reports cover at most a year
    per_client: dict[int, dict[str, Any]] = defaultdict(
        lambda: {"hours": Decimal(0), "amounts": defaultdict(Decimal), "expenses": Decimal(0)}
    )
    names: dict[int, str] = {}
    for row in await collect(h, REPORTS_UNINVOICED, from_=start, to=older):
        if not row.client_id or not (row.uninvoiced_amount or row.uninvoiced_hours):
            continue
        names[row.client_id] = row.client_name or ""
        c = per_client[row.client_id]
        c["hours"] += Decimal(str(row.uninvoiced_hours or 0))
        c["amounts"][row.currency or ""] += Decimal(str(row.uninvoiced_amount or 0))
        c["expenses"] += Decimal(str(row.uninvoiced_expenses or 0))
    for client_id, c in sorted(per_client.items()):
        check.notify(
            f"uninvoiced:{client_id}:{week}",
            rule="money",
            subject=f"Client id {client_id}: work and expenses older than "
            f"{rule.uninvoiced_days} days not yet invoiced",
            payload={
                "figures": {
                    "client": names[client_id],
                    "client_id": client_id,
                    "up_to": str(older),
                    "uninvoiced_hours": str(c["hours"]),
                    "uninvoiced_amounts": {k: str(v) for k, v in c["amounts"].items() if v},
                    "unbilled_expenses_in_amounts": str(c["expenses"]),
                },
                "link": f"{check.link_base}/invoices/new?client_id={client_id}",
                "act": {
                    "tool": "invoice_from_time",
                    "arguments": {"client": str(client_id), "dry_run": True},
                },
            },
            channels=rule.channels,
        )


async def check_money(check: Check, rule: MoneyRule) -> None:
    today = check.now().astimezone(await check.zone(rule.timezone)).date()
    if check.state.get("money:checked") == str(today):
        return  # once a day is often enough for money
    if rule.overdue_invoices:
        await _overdue(check, today, rule)
    if rule.uninvoiced_days:
        await _waiting(check, today, rule)
    check.state.set("money:checked", str(today))
