"""Demo records found by what they are, never by a number the calendar moves.

The demo company invoices each month on the first weekday from the 5th, so which invoice is
numbered 1037 depends on the day the sandbox was seeded. What stays true on every day (the
seed's invoice rules, `sandbox/seed/_demo_billing.py`):
- each billed client's newest invoice is the latest round: open for Williams & Co (and not
  paid yet), a draft for Northwind, Cedar and Hansen (not sent yet);
- Lumen's invoices from two or more rounds back are paid, each in two payments.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from harvestkit.api import AsyncHarvest

WILLIAMS = 5735774
CEDAR = 5735777
HANSEN = "Hansen Möbel GmbH"
LUMEN = "Lumen Health"


async def _invoices(h: AsyncHarvest, client_id: int, state: str | None = None) -> list[Any]:
    """The client's invoices, newest first."""
    args: dict[str, Any] = {"client_id": client_id}
    if state is not None:
        args["state"] = state
    found = [i async for i in h.paginate("invoices.list", **args)]
    return sorted(found, key=lambda i: (i.issue_date or date.min, i.id), reverse=True)


async def client_id(h: AsyncHarvest, name: str) -> int:
    clients = [c async for c in h.paginate("clients.list") if c.name == name]
    assert len(clients) == 1, f"the demo has no single client named {name!r}"
    return int(clients[0].id)


async def latest_open_invoice(h: AsyncHarvest, client: int = WILLIAMS) -> str:
    """The number of the client's newest open invoice (Williams & Co's latest round)."""
    invoices = await _invoices(h, client, "open")
    assert invoices, f"client {client} has no open invoice"
    return str(invoices[0].number)


async def draft_invoice(h: AsyncHarvest, client: int = CEDAR) -> str:
    """The number of the client's draft invoice (the latest round, not sent yet)."""
    invoices = await _invoices(h, client, "draft")
    assert invoices, f"client {client} has no draft invoice"
    return str(invoices[0].number)


async def invoice_paid_in_two(h: AsyncHarvest) -> str:
    """The number of Lumen Health's newest invoice paid in two payments."""
    for invoice in await _invoices(h, await client_id(h, LUMEN), "paid"):
        payments = [p async for p in h.paginate("invoices.payments.list", invoice_id=invoice.id)]
        if len(payments) == 2:
            return str(invoice.number)
    raise AssertionError("no Lumen Health invoice was paid in two payments")
