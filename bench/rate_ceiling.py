"""Bulk writes at the rate-limit ceiling: 1 000 time entries, zero 429s.

The sandbox runs at ``--rate-limit-scale 0.1`` (100 requests per 1.5 s) in its own
process; the client's limiter is scaled the same way. The first window is free (100
requests at once), so the headline figure is the steady rate after it: sends per second
from the end of the first window to the last send, over the ceiling of 100 per 1.5 s.
The overall rate and the span against a perfect client (one that also sends the first
100 instantly) are reported beside it.

The limiter counts each request from the moment its response arrives (the latest moment
the server can have counted it), so every window starts one round trip late: the steady
rate is about ``1.5 / (1.51 + round trip)`` of the ceiling. The round trip and the
machine's load are reported so the figure can be read.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time
from collections import Counter
from decimal import Decimal
from typing import Any

import httpx

from harvestkit.api import AsyncHarvest, InProcessRateLimiter, RateLimits

from ._sandbox import ACCOUNT_ID, TOKEN, USER_AGENT, sandbox

SCALE = 0.1
ENTRIES = 1000
CONCURRENCY = 8
TARGET_FRACTION = 0.95


async def _setup(h: AsyncHarvest) -> tuple[int, int]:
    client = await h.clients.create(name="Benchmark Co")
    task = await h.tasks.create(name="Bulk")
    project = await h.projects.create(
        client_id=client.id, name="Throughput", is_billable=False, bill_by="none", budget_by="none"
    )
    await h.projects.task_assignments.create(project.id, task_id=task.id)
    return project.id, task.id


async def _create_all(h: AsyncHarvest, project_id: int, task_id: int) -> None:
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(ENTRIES):
        queue.put_nowait(i)

    async def worker() -> None:
        while not queue.empty():
            i = queue.get_nowait()
            await h.time_entries.create(
                project_id=project_id,
                task_id=task_id,
                spent_date=time.strftime("%Y-%m-%d"),  # type: ignore[arg-type]
                hours=Decimal("0.5"),
                notes=f"bulk {i}",
            )

    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))


async def _measure(url: str) -> dict[str, Any]:
    limits = RateLimits().scaled(SCALE)
    statuses: Counter[int] = Counter()
    sends: list[float] = []
    sent_at: dict[int, float] = {}
    round_trips: list[float] = []

    async def on_request(request: httpx.Request) -> None:
        sent_at[id(request)] = time.monotonic()
        if request.method == "POST":
            sends.append(sent_at[id(request)])

    async def on_response(response: httpx.Response) -> None:
        statuses[response.status_code] += 1
        round_trips.append(time.monotonic() - sent_at.pop(id(response.request)))

    async with AsyncHarvest(
        TOKEN,
        ACCOUNT_ID,
        base_url=f"{url}/v2",
        identity_url=url,
        user_agent=USER_AGENT,
        rate_limits=limits,
        rate_limiter=InProcessRateLimiter(limits),
    ) as h:
        project_id, task_id = await _setup(h)
        await asyncio.sleep(limits.general.span)  # start the run with an empty window
        sends.clear()
        statuses.clear()
        round_trips.clear()
        h._http.event_hooks = {"request": [on_request], "response": [on_response]}
        started = time.monotonic()
        await _create_all(h, project_id, task_id)
        elapsed = time.monotonic() - started
        created = (await h.time_entries.list(per_page=2000).first_page()).total_entries

    window = limits.general
    ceiling = window.requests / window.seconds
    first = min(sends)
    ideal_span = ((len(sends) - 1) // window.requests) * window.seconds
    measured_span = max(sends) - first
    steady = sorted(t for t in sends if t >= first + window.seconds)
    steady_rate = (len(steady) - 1) / (steady[-1] - steady[0])
    return {
        "entries_requested": ENTRIES,
        "entries_in_sandbox": created,
        "post_requests": len(sends),
        "responses_429": statuses.get(429, 0),
        "status_counts": {str(k): v for k, v in sorted(statuses.items())},
        "elapsed_seconds": round(elapsed, 3),
        "ceiling_requests_per_second": round(ceiling, 2),
        "steady_requests_per_second": round(steady_rate, 2),
        "fraction_of_ceiling": round(steady_rate / ceiling, 4),
        "overall_requests_per_second": round((len(sends) - 1) / measured_span, 2),
        "perfect_client_send_span_seconds": round(ideal_span, 3),
        "measured_send_span_seconds": round(measured_span, 3),
        "target_fraction": TARGET_FRACTION,
        "round_trip_ms_p50": round(statistics.median(round_trips) * 1000, 1),
        "round_trip_ms_p90": round(statistics.quantiles(round_trips, n=10)[-1] * 1000, 1),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "concurrency": CONCURRENCY,
        "rate_limit_scale": SCALE,
    }


def run() -> dict[str, Any]:
    """Run the benchmark against a fresh sandbox and return its figures."""
    with sandbox(rate_limit_scale=SCALE) as url:
        return asyncio.run(_measure(url))
