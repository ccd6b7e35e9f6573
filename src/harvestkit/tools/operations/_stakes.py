"""What a confirm question must name beyond the record itself: what else the request takes
with it, who hears of it, and what it may cost. Read before asking, sent nowhere."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from harvestkit.api import Operation
from harvestkit.api.operations import INVOICES_PAYMENTS_LIST

from .._tool import Detail, ToolContext

__all__ = ["ASKS_FIRST", "at_stake"]

ASKS_FIRST = frozenset({"users.create"})
"""Not destructive, yet not to be done unasked: creating a user invites a person (Harvest
e-mails them) and may add a billed seat."""

_SENDS = frozenset({"invoices.messages.create", "estimates.messages.create"})


async def at_stake(
    ctx: ToolContext, op: Operation[Any], values: Mapping[str, Any]
) -> tuple[str, tuple[Detail, ...]]:
    """(sentences to add to the question, details to show with it) for `op` with `values`."""
    if op.name == "invoices.delete":
        return await _payments(ctx, int(values["invoice_id"]))
    if op.name == "users.create":
        name = f"{values.get('first_name', '')} {values.get('last_name', '')}".strip()
        invited = (Detail("invitation to", str(values.get("email", ""))), Detail("name", name))
        return (
            " Harvest e-mails this person an invitation to the account, and an active user "
            "may be billed as a seat.",
            invited,
        )
    if op.name in _SENDS:
        recipients = [_email(r) for r in values.get("recipients") or ()]
        details = tuple(Detail(f"recipient {i}", e) for i, e in enumerate(recipients, 1))
        copy = " and a copy to you" if values.get("send_me_a_copy") else ""
        return f" It is e-mailed to {len(recipients)} recipient(s){copy}.", details
    return "", ()


async def _payments(ctx: ToolContext, invoice_id: int) -> tuple[str, tuple[Detail, ...]]:
    payments = [
        p async for p in ctx.harvest.paginate(INVOICES_PAYMENTS_LIST, invoice_id=invoice_id)
    ]
    if not payments:
        return " No payment is recorded on it.", ()
    total = sum((Decimal(str(p.amount or 0)) for p in payments), Decimal(0))
    listed = "; ".join(f"{p.amount} paid {p.paid_date}" for p in payments)
    return (
        f" It has {len(payments)} payment(s) recorded, {total} in all ({listed}). Harvest "
        "documents no refusal, so they would go with it; the safe order is the payments "
        "first, then the invoice (delete_invoice_safely does both).",
        (),
    )


def _email(recipient: Any) -> str:
    if isinstance(recipient, Mapping):
        return str(recipient.get("email", ""))
    return str(getattr(recipient, "email", ""))
