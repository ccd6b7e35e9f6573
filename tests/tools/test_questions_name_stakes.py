"""A question names what is at stake: the payments an invoice delete takes with it, the
person an invitation reaches, the recipients of an e-mail."""

from __future__ import annotations

from decimal import Decimal

import pytest

from harvestkit.api import AsyncHarvest
from harvestkit.tools import NeedsInput, ToolContext, catalog, execute

from .conftest import RecordingTransport

pytestmark = pytest.mark.anyio
TOOLS = {tool.name: tool for tool in catalog()}


async def _paid_invoice(h: AsyncHarvest) -> tuple[int, list[Decimal]]:
    invoice = (await h.paginate("invoices.list", state="paid", per_page=1).page()).items[0]
    payments = [p async for p in h.paginate("invoices.payments.list", invoice_id=invoice.id)]
    assert payments
    return invoice.id, [Decimal(str(p.amount)) for p in payments]


async def test_deleting_an_invoice_names_its_payments_and_the_safe_order(
    harvest: AsyncHarvest, ctx: ToolContext, transport: RecordingTransport
) -> None:
    invoice_id, amounts = await _paid_invoice(harvest)
    with pytest.raises(NeedsInput) as asked:
        await execute(TOOLS["harvest_invoices_delete"], ctx, {"invoice_id": invoice_id})
    message = asked.value.question.message
    assert f"It has {len(amounts)} payment(s) recorded, {sum(amounts)} in all" in message
    assert "the payments first, then the invoice" in message
    assert transport.writes() == []


async def test_delete_invoice_safely_lists_each_payment(
    harvest: AsyncHarvest, ctx: ToolContext
) -> None:
    invoice_id, amounts = await _paid_invoice(harvest)
    with pytest.raises(NeedsInput) as asked:
        await execute(TOOLS["delete_invoice_safely"], ctx, {"invoice": str(invoice_id)})
    message = asked.value.question.message
    assert f"the {len(amounts)} payment(s) recorded on it" in message
    assert all(f"{a:.2f} paid" in message for a in amounts) and "payments first" in message


async def test_inviting_a_user_asks_first_and_names_the_person(
    ctx: ToolContext, transport: RecordingTransport
) -> None:
    args = {"first_name": "Jo", "last_name": "Park", "email": "jo.park@example.com"}
    with pytest.raises(NeedsInput) as asked:
        await execute(TOOLS["harvest_users_create"], ctx, args)
    question = asked.value.question
    assert "e-mails this person an invitation" in question.message
    assert ("invitation to", "jo.park@example.com") in [
        (d.label, d.value) for d in question.details
    ]
    assert transport.writes() == []
    made = await execute(TOOLS["harvest_users_create"], ctx, {**args, "confirm": True})
    assert transport.writes() == [("POST", "/v2/users")]
    assert made.model_dump()["user"]["email"] == "jo.park@example.com"


async def test_sending_an_invoice_names_every_recipient(
    harvest: AsyncHarvest, ctx: ToolContext
) -> None:
    draft = (await harvest.paginate("invoices.list", state="draft", per_page=1).page()).items[0]
    people = ["ap@example.com", "cfo@example.com"]
    with pytest.raises(NeedsInput) as asked:
        await execute(TOOLS["send_invoice"], ctx, {"invoice": str(draft.id), "recipients": people})
    question = asked.value.question
    assert "E-mail it to 2 recipient(s)" in question.message
    assert [d.value for d in question.details if d.label.startswith("recipient")] == people


async def test_the_one_to_one_send_names_every_recipient(
    harvest: AsyncHarvest, ctx: ToolContext, transport: RecordingTransport
) -> None:
    draft = (await harvest.paginate("invoices.list", state="draft", per_page=1).page()).items[0]
    args = {
        "invoice_id": draft.id,
        "recipients": [{"name": "AP", "email": "ap@example.com"}],
        "send_me_a_copy": True,
    }
    with pytest.raises(NeedsInput) as asked:
        await execute(TOOLS["harvest_invoices_send"], ctx, args)
    question = asked.value.question
    assert "It is e-mailed to 1 recipient(s) and a copy to you." in question.message
    assert ("recipient 1", "ap@example.com") in [(d.label, d.value) for d in question.details]
    assert transport.writes() == []
