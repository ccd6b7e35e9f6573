"""invoice_from_time, send_invoice, record_payment: previews, confirmation, the writes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from harvestkit.tools import Detail, NeedsInput, ToolError
from harvestkit.tools.outcomes.invoicing import INVOICE_FROM_TIME, RECORD_PAYMENT, SEND_INVOICE

from .conftest import World, run

pytestmark = pytest.mark.anyio

BILL = {"client": "Williams & Co", "period": "this month"}


def writes(world: World) -> list[tuple[str, str]]:
    return [r for r in world.counter.requests if r[0] != "GET"]


async def test_invoice_from_time_previews_asks_then_creates_a_draft(world: World) -> None:
    preview = await run(INVOICE_FROM_TIME, world.ctx(), {**BILL, "dry_run": True})
    assert preview.dry_run and preview.invoice is None and writes(world) == []
    assert preview.total_hours > 0
    [request] = preview.planned_requests
    assert (request.method, request.path) == ("POST", "/v2/invoices")
    imported = request.body["line_items_import"]
    assert sorted(imported["project_ids"]) == sorted(p.project.id for p in preview.projects)
    assert imported["time"] == {"summary_type": "task", "from": "2026-11-01", "to": "2026-11-30"}
    with pytest.raises(NeedsInput) as asked:
        await run(INVOICE_FROM_TIME, world.ctx(), BILL)
    assert asked.value.question.kind == "confirm" and writes(world) == []
    assert asked.value.question.details == (Detail("client", "Williams & Co"),)
    assert "Williams" not in asked.value.question.message
    done = await run(INVOICE_FROM_TIME, world.ctx(answers={"confirm": True}), BILL)
    assert done.invoice is not None and done.invoice.state == "draft"
    assert done.invoice.amount == preview.total_amount
    with pytest.raises(ToolError):  # everything is billed now
        await run(INVOICE_FROM_TIME, world.ctx(), {**BILL, "confirm": True})


async def test_declining_creates_nothing(world: World) -> None:
    with pytest.raises(ToolError) as failed:
        await run(INVOICE_FROM_TIME, world.ctx(answers={"confirm": False}), BILL)
    assert "nothing was changed" in failed.value.message and writes(world) == []


async def test_send_invoice_is_gated_and_sends(world: World) -> None:
    created = await run(INVOICE_FROM_TIME, world.ctx(), {**BILL, "confirm": True})
    number = created.invoice.number
    args = {"invoice": number, "recipients": ["ap@williams.example"]}
    dry = await run(SEND_INVOICE, world.ctx(), {**args, "dry_run": True})
    assert dry.planned_requests[0].body["recipients"] == [{"email": "ap@williams.example"}]
    before = len(writes(world))
    with pytest.raises(NeedsInput) as asked:
        await run(SEND_INVOICE, world.ctx(), args)
    assert len(writes(world)) == before
    assert asked.value.question.details == (
        Detail("invoice number", number),
        Detail("client", "Williams & Co"),
        Detail("recipient 1", "ap@williams.example"),
    )
    assert "E-mail it to 1 recipient(s)" in asked.value.question.message
    sent = await run(SEND_INVOICE, world.ctx(), {**args, "confirm": True})
    assert sent.invoice.state == "open"
    with pytest.raises(ToolError):
        await run(SEND_INVOICE, world.ctx(), {**args, "confirm": True})


async def test_record_payment_defaults_to_the_amount_due(world: World) -> None:
    part = await run(
        RECORD_PAYMENT, world.ctx(), {"invoice": "1037", "amount": "1000", "confirm": True}
    )
    assert part.invoice.state == "open" and part.amount == Decimal("1000.00")
    assert part.invoice.due_amount == part.invoice.amount - Decimal("1000.00")
    rest = await run(RECORD_PAYMENT, world.ctx(), {"invoice": "1037", "confirm": True})
    assert rest.invoice.state == "paid" and rest.invoice.due_amount == 0
    with pytest.raises(ToolError):
        await run(RECORD_PAYMENT, world.ctx(), {"invoice": "1037", "confirm": True})


async def test_overpayment_is_refused(world: World) -> None:
    with pytest.raises(ToolError):
        await run(
            RECORD_PAYMENT, world.ctx(), {"invoice": "1037", "amount": "999999", "confirm": True}
        )
    assert writes(world) == []
