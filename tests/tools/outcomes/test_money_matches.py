"""What was confirmed is what happens: the total a person agrees to is the draft's amount,
for every client of the demo, and fixed-fee work is never billed by the hour unless asked."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from harvestkit.sandbox import tables
from harvestkit.tools import NeedsInput, ToolError
from harvestkit.tools.outcomes.invoicing import INVOICE_FROM_TIME

from .conftest import World, run

pytestmark = pytest.mark.anyio


def _store(world: World, table: Any) -> list[Any]:
    with world.sandbox.engine.connect() as conn:
        return list(conn.execute(select(table)))


async def test_every_clients_draft_is_the_total_that_was_asked(world: World) -> None:
    fixed_fee = {p.id for p in _store(world, tables.projects) if p.is_fixed_fee}
    billed = 0
    clients = _store(world, tables.clients)
    for client, period in [
        (c, p) for p in ("this month", "2026-01-01..2026-11-20") for c in clients
    ]:
        args = {"client": str(client.id), "period": period}
        try:
            preview = await run(INVOICE_FROM_TIME, world.ctx(), {**args, "dry_run": True})
        except ToolError as error:
            assert "nothing uninvoiced" in error.message or "nothing to bill" in error.message
            continue
        with pytest.raises(NeedsInput) as asked:
            await run(INVOICE_FROM_TIME, world.ctx(), args)
        assert f"{preview.total_amount} in total" in asked.value.question.message
        done = await run(INVOICE_FROM_TIME, world.ctx(), {**args, "confirm": True})
        drafts = [done.invoice, *done.more_invoices]
        assert sum((d.amount for d in drafts), Decimal(0)) == preview.total_amount, client.name
        billed += 1
        # No fixed-fee hour went onto the drafts: their entries are still unbilled.
        ids = {d.id for d in drafts}
        for entry in _store(world, tables.time_entries):
            if entry.invoice_id in ids:
                assert entry.project_id not in fixed_fee, client.name
    assert billed >= 3


async def test_a_fixed_fee_is_billed_as_its_remaining_fee(world: World) -> None:
    args = {"client": "Lumen", "period": "2026-01-01..2026-11-20"}
    preview = await run(INVOICE_FROM_TIME, world.ctx(), {**args, "dry_run": True})
    audit = next(p for p in preview.projects if p.project.name == "Accessibility Audit")
    assert audit.fixed_fee and audit.billed_as == "the fee not yet invoiced"
    assert audit.amount == Decimal("3000.00")  # the 12,000 fee less the 9,000 invoiced
    report = [
        r
        async for r in world.ctx().harvest.paginate(
            "reports.uninvoiced", from_=preview.start, to=preview.end
        )
    ]
    expected = sum(
        (Decimal(str(r.uninvoiced_amount)) for r in report if r.client_name == "Lumen Health"),
        Decimal(0),
    )
    assert preview.total_amount == expected  # what Harvest's uninvoiced report counts
    steps = [(r.method, r.path, r.depends_on) for r in preview.planned_requests]
    assert ("PATCH", "/v2/invoices/{the new invoice's id}", ["the new invoice's id"]) in steps


async def test_a_share_of_the_fee_or_the_hours_only_when_asked(world: World) -> None:
    args = {"client": "Lumen", "period": "2026-01-01..2026-11-20", "dry_run": True}
    share = await run(INVOICE_FROM_TIME, world.ctx(), {**args, "fixed_fee": "10%"})
    audit = next(p for p in share.projects if p.project.name == "Accessibility Audit")
    assert audit.amount - audit.expenses == Decimal("1200.00")  # 10% of the 12,000 fee
    hourly = await run(INVOICE_FROM_TIME, world.ctx(), {**args, "fixed_fee": "hours"})
    assert not any(p.fixed_fee for p in hourly.projects)
    with pytest.raises(ToolError, match="more than"):
        await run(INVOICE_FROM_TIME, world.ctx(), {**args, "fixed_fee": "999999"})
