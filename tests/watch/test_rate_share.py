"""The worker's share of Harvest's rate window, measured over an hour of simulated
activity: the sandbox's windows and the Harvest clock scaled by 1/100, so the hour takes
36 s, people logging time all along through the same budget, the worker polling every
simulated minute with every rule on."""

from __future__ import annotations

import asyncio
import time
from bisect import bisect_left
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from harvestkit.api import AsyncHarvest, InProcessRateLimiter, RateLimits
from harvestkit.store import Store
from harvestkit.watch import ShareLimiter, WatchConfig, Worker
from tests.conftest import ACCOUNT_ID, TOKEN
from tests.tools.outcomes.conftest import NY_EVENING
from tests.watch.test_process import SCALE, Sandbox, served

pytestmark = [pytest.mark.anyio, pytest.mark.slow]

__all__ = ["served"]

LIMITS = RateLimits().scaled(SCALE)
HOUR = 3600 * SCALE  # real seconds the simulated hour takes
SHARE = 0.2


class Stamps(httpx.AsyncBaseTransport):
    """Notes the moment each request leaves (after the limiter let it go), per bucket."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.sent: dict[str, list[float]] = {"general": [], "reports": []}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        bucket = "reports" if "/reports" in request.url.path else "general"
        self.sent[bucket].append(time.monotonic())
        return await self.inner.handle_async_request(request)


def busiest(stamps: list[float], seconds: float) -> int:
    """The most sends in any window of ``seconds``."""
    stamps = sorted(stamps)
    return max((i - bisect_left(stamps, t - seconds) + 1 for i, t in enumerate(stamps)), default=0)


def _client(url: str, transport: httpx.AsyncBaseTransport, limiter: Any) -> AsyncHarvest:
    pacing = {"rate_limits": LIMITS, "rate_limiter": limiter}
    return AsyncHarvest(TOKEN, ACCOUNT_ID, base_url=f"{url}/v2", transport=transport, **pacing)


async def _people(h: AsyncHarvest, stop: asyncio.Event, now: Any) -> int:
    """Someone logging a quarter hour again and again (and reading what they logged)."""
    projects = [p async for p in h.paginate("users.project_assignments.list_mine")]
    pa = next(p for p in projects if p.task_assignments)
    done = 0
    while not stop.is_set():
        await h.call("time_entries.create", project_id=pa.project.id,
                     task_id=pa.task_assignments[0].task.id, spent_date=now().date(),
                     hours=Decimal("0.25"))  # fmt: skip
        await h.call("users.me")
        done += 2
    return done


async def test_the_worker_stays_within_its_share_for_an_hour(
    served: Sandbox, tmp_path: Path
) -> None:
    """The sandbox runs in its own process (its windows scaled by SCALE); the worker's
    clock runs 1/SCALE times faster than real time from 17:30 in New York."""
    began, start = time.monotonic(), NY_EVENING - timedelta(minutes=30)

    def now() -> Any:
        return start + timedelta(seconds=(time.monotonic() - began) / SCALE)

    shared = InProcessRateLimiter(LIMITS)
    worker_wire = Stamps(httpx.AsyncHTTPTransport())
    people_wire = Stamps(httpx.AsyncHTTPTransport())
    watch = {"poll_seconds": 60 * SCALE, "rate_share": SHARE, "link_base": "https://x.test"}
    rules = {"budget": {"thresholds": [90, 100]}, "daily_summary": {"timezone": "America/New_York"}}
    config = WatchConfig.from_dict({"watch": watch, "rules": rules})
    store = Store(f"sqlite:///{tmp_path / 'harvestkit.sqlite3'}")
    harvest = _client(served.url, worker_wire, ShareLimiter(shared, LIMITS, SHARE))
    worker = Worker(config, store, harvest, account_id=ACCOUNT_ID, channels={}, clock=now)
    stop = asyncio.Event()

    async def one_hour() -> None:
        await asyncio.sleep(HOUR)
        stop.set()

    async with harvest, _client(served.url, people_wire, shared) as people:
        _, people_done, _ = await asyncio.gather(
            one_hour(), _people(people, stop, now), worker.run(stop)
        )
    noticed = [n.key for n in worker.log.recent(account_id=ACCOUNT_ID, limit=1000)]
    store.close()

    general, reports = LIMITS.general, LIMITS.reports
    worker_general = busiest(worker_wire.sent["general"], general.seconds)
    worker_reports = busiest(worker_wire.sent["reports"], reports.seconds)
    people_general = busiest(people_wire.sent["general"], general.seconds)
    windows = HOUR / general.seconds
    summary = {
        "windows": round(windows),
        "worker_requests": {k: len(v) for k, v in worker_wire.sent.items()},
        "people_requests": people_done,
        "worker_busiest_general_window": f"{worker_general}/{general.requests}",
        "worker_busiest_reports_window": f"{worker_reports}/{reports.requests}",
        "worker_mean_general_share": round(
            len(worker_wire.sent["general"]) / (windows * general.requests), 4
        ),
        "people_busiest_general_window": f"{people_general}/{general.requests}",
        "notifications": len(noticed),
    }
    print("\nrate share over a simulated hour:", summary)
    assert worker_wire.sent["general"] and worker_wire.sent["reports"]
    assert worker_general <= SHARE * general.requests
    assert worker_reports <= SHARE * reports.requests
    assert "summary:2026-11-20" in noticed


async def test_a_burst_of_worker_requests_is_held_to_its_share() -> None:
    """The worker asks for 60 slots at once: at most 20 % of any window go through, and
    the shared budget still has the rest for people."""
    shared = InProcessRateLimiter(LIMITS)
    limiter = ShareLimiter(shared, LIMITS, SHARE)
    key = "token:account"
    sent: list[float] = []

    async def one() -> None:
        permit = await limiter.acquire_async(key, "general")
        sent.append(time.monotonic())
        await limiter.complete_async(permit)

    await asyncio.gather(*(one() for _ in range(60)))
    assert busiest(sent, LIMITS.general.seconds) <= SHARE * LIMITS.general.requests
    people = [await shared.acquire_async(key, "general", max_wait=0.0) for _ in range(60)]
    assert len(people) == 60  # people's 80 % was there all along, with no wait
