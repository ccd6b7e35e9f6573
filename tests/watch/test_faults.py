"""A 429 storm and failing Harvest servers: the worker backs off, and once Harvest answers
again it notices what happened meanwhile, once."""

from __future__ import annotations

import asyncio

import pytest

from harvestkit.api import RetryPolicy
from harvestkit.watch import Worker
from tests.tools.outcomes.conftest import NY_EVENING
from tests.watch.conftest import Bed
from tests.watch.test_budget_crossing import RULES, log_past_90

pytestmark = pytest.mark.anyio

# A worker that may wait out 429s for at most a second per request, so a longer storm
# reaches the worker's own backoff instead of the SDK's patience.
IMPATIENT = RetryPolicy(max_retries=2, initial_delay=0.01, max_delay=0.05, max_rate_limit_wait=1.0)


async def _crossed(bed: Bed) -> tuple[Worker, int]:
    """A worker that has taken stock, and a project just taken past 90 %."""
    bed.clock.set(NY_EVENING)
    worker = bed.worker(bed.config(**RULES), retry=IMPATIENT)
    assert (await worker.poll()).error is None
    return worker, await log_past_90(bed)


def _told_once(bed: Bed, worker: Worker, project_id: int) -> None:
    keys = [n.key for n in worker.log.recent(account_id=worker.account_id)]
    assert keys == [f"budget:{project_id}:band1:gen0"]
    assert len(bed.mail) == 1 and len(bed.receiver.received) == 1


async def test_a_429_storm_backs_off_then_notices_once(bed: Bed) -> None:
    worker, project_id = await _crossed(bed)
    faults = bed.app.state.sandbox.faults
    faults.update(storm_seconds=4.0)
    bed.clock.advance(60)
    stormy = await worker.poll()
    assert stormy.error is not None and stormy.error.startswith("rate limited")
    assert stormy.noticed == [] and bed.mail == []
    delay = worker.next_delay(stormy)
    assert delay >= 2 * worker.config.poll_seconds  # backing off, not polling on
    assert faults.injected.get("storm", 0) > 0
    while (await worker.poll()).error is not None:  # the storm passes
        await asyncio.sleep(0.5)
    assert worker.next_delay(await worker.poll()) == worker.config.poll_seconds
    _told_once(bed, worker, project_id)


async def test_server_errors_lose_and_repeat_nothing(bed: Bed) -> None:
    worker, project_id = await _crossed(bed)
    faults = bed.app.state.sandbox.faults
    faults.update(error_rate=0.7)
    errors = 0
    for _ in range(12):
        bed.clock.advance(60)
        errors += (await worker.poll()).error is not None
    injected = faults.injected.get("error", 0)
    faults.clear()
    bed.clock.advance(60)
    assert (await worker.poll()).error is None
    assert injected > 0 and errors > 0  # Harvest did fail, and some polls gave up
    _told_once(bed, worker, project_id)
