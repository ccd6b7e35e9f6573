"""A project crossing 90 % of its budget: one e-mail, one signed webhook, exactly once
across polls, restarts and two workers."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from harvestkit.api import AsyncHarvest
from harvestkit.tools import ToolContext
from harvestkit.watch import EVENT_HEADER, SIGNATURE_HEADER, budget_figures
from tests.tools.outcomes.conftest import NY_EVENING
from tests.watch.conftest import SECRET, Bed

pytestmark = pytest.mark.anyio

RULES = {"budget": {"thresholds": [90, 100], "run_out_weeks": 0}}


async def _project_below_90(h: AsyncHarvest, now: Any) -> tuple[int, Decimal, Decimal]:
    """An hour-budget project between 50 % and 85 % used: (id, budget, spent)."""
    ctx = ToolContext(harvest=h, clock=now)
    for p in [p async for p in h.paginate("projects.list", is_active=True)]:
        if p.budget_by != "project" or not p.budget:
            continue
        figures = await budget_figures(ctx, p.id)
        if figures is not None and 50 <= figures.percent_used <= 85:
            return p.id, figures.budget, figures.spent
    raise AssertionError("the demo company has no hour-budget project between 50 and 85 %")


async def log_past_90(bed: Bed) -> int:
    """Log time that takes a project from below 90 % to between 90 and 100 %."""
    async with bed.admin() as h:
        return await log_past_90_on(h, bed.clock.now)


async def log_past_90_on(h: AsyncHarvest, now: Any) -> int:
    """`log_past_90` through the client `h`, at the clock `now`."""
    project_id, budget, spent = await _project_below_90(h, now)
    assignments = h.paginate("projects.task_assignments.list", project_id=project_id)
    task = (await anext(aiter(assignments))).task.id
    needed = (budget * Decimal("0.92") - spent).quantize(Decimal("0.01"))
    day = now().date()
    while needed > 0:  # Harvest takes at most 24 h per entry
        chunk = min(needed, Decimal(8))
        await h.call(
            "time_entries.create",
            project_id=project_id,
            task_id=task,
            spent_date=day,
            hours=chunk,
        )
        needed -= chunk
    return project_id


def _check_signature(headers: dict[str, str], body: bytes) -> None:
    parts = dict(p.split("=", 1) for p in headers[SIGNATURE_HEADER].split(","))
    expected = hmac.new(SECRET.encode(), f"{parts['t']}.".encode() + body, hashlib.sha256)
    assert hmac.compare_digest(parts["v1"], expected.hexdigest())


async def test_one_email_and_one_signed_webhook_then_nothing_again(bed: Bed) -> None:
    bed.clock.set(NY_EVENING)
    config = bed.config(**RULES)
    worker = bed.worker(config)
    first = await worker.poll()
    assert first.error is None and first.noticed == []  # the first poll only takes stock
    project_id = await log_past_90(bed)
    bed.clock.advance(60)
    second = await worker.poll()
    assert second.error is None
    assert second.noticed == [f"budget:{project_id}:band1:gen0"]
    assert second.delivered == 2
    [mail] = bed.mail
    assert f"project {project_id}" in mail["Subject"] and "threshold 90" in mail["Subject"]
    assert "percent_used: 9" in mail.get_payload()
    [hook] = bed.receiver.received
    _check_signature(hook.headers, hook.body)
    body: dict[str, Any] = hook.json()
    assert body["payload"]["figures"]["project_id"] == project_id
    assert Decimal(body["payload"]["figures"]["percent_used"]) >= 90
    assert body["payload"]["act"] == {
        "tool": "budget_status",
        "arguments": {"project": str(project_id)},
    }
    assert hook.headers[EVENT_HEADER] == body["id"]

    bed.clock.advance(60)
    assert (await worker.poll()).noticed == []
    restarted = bed.worker(config)  # a new process on the same store
    bed.clock.advance(60)
    again = await restarted.poll()
    assert again.error is None and again.noticed == [] and again.delivered == 0
    assert len(bed.mail) == 1 and len(bed.receiver.received) == 1


@pytest.mark.parametrize("lease_seconds", [None, 0.0], ids=["lease", "no-lease"])
async def test_two_workers_on_one_account_send_once(bed: Bed, lease_seconds: Any) -> None:
    """With the lease one worker polls; without it (ttl 0) both poll at once, and the
    store's unique key still lets one notification through."""
    bed.clock.set(NY_EVENING)
    config = bed.config(**RULES)
    a = bed.worker(config, lease_seconds=lease_seconds)
    b = bed.worker(config, lease_seconds=lease_seconds)
    await a.poll()
    project_id = await log_past_90(bed)
    bed.clock.advance(60)
    results = await asyncio.gather(a.poll(), b.poll())
    noticed = [k for r in results for k in r.noticed]
    assert noticed == [f"budget:{project_id}:band1:gen0"]
    assert sum(r.delivered for r in results) == 2
    assert len(bed.mail) == 1 and len(bed.receiver.received) == 1


async def test_a_receiver_that_is_down_gets_it_later_once(bed: Bed) -> None:
    bed.clock.set(NY_EVENING)
    worker = bed.worker(bed.config(**RULES))
    worker.dispatcher.base_delay = 0.001  # retry at the next poll
    await worker.poll()
    await log_past_90(bed)
    bed.receiver.fail_next = 1
    bed.clock.advance(60)
    result = await worker.poll()
    assert len(result.noticed) == 1 and len(bed.receiver.received) == 0
    assert (await worker.poll()).delivered == 1
    assert len(bed.receiver.received) == 1 and len(bed.mail) == 1
    bed.clock.advance(timedelta(minutes=5).total_seconds())
    assert (await worker.poll()).delivered == 0
