"""Timesheet gaps at the end of a working day, and money: overdue invoices and what waits
to be invoiced, each told once."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from harvestkit.tools import ToolContext, execute
from harvestkit.tools.outcomes.capacity import TIMESHEET_GAPS
from tests.watch.conftest import Bed
from tests.watch.test_daily_summary import FRIDAY_BEFORE

pytestmark = pytest.mark.anyio


async def test_gaps_at_the_end_of_the_day_once(bed: Bed) -> None:
    bed.clock.set(FRIDAY_BEFORE)
    rules = {"timesheet_gaps": {"timezone": "America/New_York", "threshold_hours": 1}}
    worker = bed.worker(bed.config(**rules))
    assert (await worker.poll()).noticed == []
    bed.clock.advance(60)
    assert (await worker.poll()).noticed == ["gaps:day:2026-11-20"]
    bed.clock.advance(600)
    assert (await worker.poll()).noticed == []
    [told] = worker.log.recent(rule="timesheet_gaps")
    async with bed.admin() as h:
        ctx = ToolContext(harvest=h, clock=bed.clock.now)
        out = await execute(TIMESHEET_GAPS, ctx, {"period": "2026-11-20..2026-11-20"})
    expected = {g.person.id: g.missing_hours for g in out.gaps if g.missing_hours >= 1}
    shown = {p["person_id"]: Decimal(p["missing_hours"]) for p in told.payload["figures"]["people"]}
    assert shown == expected and shown
    assert len(bed.mail) == 1


async def test_money_overdue_and_uninvoiced_once(bed: Bed) -> None:
    bed.clock.set(FRIDAY_BEFORE)
    worker = bed.worker(bed.config(money={"timezone": "America/New_York"}))
    first = await worker.poll()
    async with bed.admin() as h:
        today = FRIDAY_BEFORE.date()
        overdue = {
            i.id
            async for i in h.paginate("invoices.list", state="open")
            if i.due_date is not None and i.due_date < today
        }
    told = {k.split(":")[1] for k in first.noticed if k.startswith("overdue:")}
    assert told == {str(i) for i in overdue} and told
    assert any(k.startswith("uninvoiced:") for k in first.noticed)
    bed.clock.advance(timedelta(hours=2).total_seconds())
    assert (await worker.poll()).noticed == []  # once a day is enough for money
    bed.clock.advance(timedelta(days=1).total_seconds())
    later = await worker.poll()
    assert not any(k.startswith("overdue:") for k in later.noticed)  # each invoice once
