"""Bulk work at the rate-limit ceiling: 1 000 time entries created, then 10 000 reads, zero
429s.

The sandbox runs at ``--rate-limit-scale 0.1`` (100 requests per 1.5 s) in its own
process; the client's limiter is scaled the same way. A client at the ceiling opens a new
window of 100 requests every 1.5 s, so the headline figure of each phase,
``fraction_of_ceiling``, is 1.5 s over the mean time between the first sends of
consecutive windows (send 0, send 100, send 200, …): the throughput a long run reaches, as
a fraction of the ceiling; 1.0 is the ceiling and nothing can beat it. Within a window the
sends are spread by how fast the sandbox answers (a burst of 100 creates takes it a few
hundred milliseconds at 8 in flight); that spread is reported for the last window, and the
span of all sends against a perfect client's (one that sends each window's 100 at once,
``(ceil(N / 100) - 1) × 1.5 s``) is reported beside it, as is the steady send rate after
the first window (which can read above the ceiling: a send is timed when the client sends
it, not when the server counts it).

Phase one creates 1 000 time entries (POST, figures without a prefix); phase two reads
them back one by one, 10 000 GETs in all (``reads_`` figures). Each phase starts with an
empty window.

The limiter counts each request from the moment its response arrives (the latest moment
the server can have counted it), so every window starts one round trip late: the fraction
is about ``1.5 / (1.51 + round trip)``. The round trip and the machine's load are reported
so the figure can be read.

Bounds: the ceiling fixes the time, 1 000 / 66.7 ≈ 15 s for the creates and
10 000 / 66.7 ≈ 150 s for the reads, plus the sandbox start: about 3 minutes.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any

import httpx

from harvestkit.api import AsyncHarvest, InProcessRateLimiter, RateLimits

from ._sandbox import ACCOUNT_ID, TOKEN, USER_AGENT, sandbox

SCALE = 0.1
ENTRIES = 1000
READS = 10_000
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


async def _in_parallel(count: int, job: Callable[[int], Awaitable[None]]) -> None:
    """``job(0) … job(count - 1)`` on ``CONCURRENCY`` workers."""
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(count):
        queue.put_nowait(i)

    async def worker() -> None:
        while not queue.empty():
            await job(queue.get_nowait())

    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))


async def _create_all(h: AsyncHarvest, project_id: int, task_id: int) -> list[int]:
    ids: list[int] = []

    async def create(i: int) -> None:
        entry = await h.time_entries.create(
            project_id=project_id,
            task_id=task_id,
            spent_date=time.strftime("%Y-%m-%d"),  # type: ignore[arg-type]
            hours=Decimal("0.5"),
            notes=f"bulk {i}",
        )
        ids.append(entry.id)

    await _in_parallel(ENTRIES, create)
    return ids


async def _read_all(h: AsyncHarvest, ids: list[int]) -> None:
    async def read(i: int) -> None:
        await h.time_entries.retrieve(ids[i % len(ids)])

    await _in_parallel(READS, read)


class _Recorder:
    """Send times of one HTTP method, every response's status, and round trips."""

    def __init__(self, method: str) -> None:
        self.method = method
        self.statuses: Counter[int] = Counter()
        self.sends: list[float] = []
        self.round_trips: list[float] = []
        self._sent_at: dict[int, float] = {}

    async def on_request(self, request: httpx.Request) -> None:
        self._sent_at[id(request)] = time.monotonic()
        if request.method == self.method:
            self.sends.append(self._sent_at[id(request)])

    async def on_response(self, response: httpx.Response) -> None:
        self.statuses[response.status_code] += 1
        self.round_trips.append(time.monotonic() - self._sent_at.pop(id(response.request)))

    def figures(self, limits: RateLimits, elapsed: float) -> dict[str, Any]:
        window = limits.general
        ceiling = window.requests / window.seconds
        sends = sorted(self.sends)
        first = sends[0]
        ideal_span = ((len(sends) - 1) // window.requests) * window.seconds
        measured_span = sends[-1] - first
        # Each window's budget opens with its first send: window k opens at send k × 100.
        opened = sends[:: window.requests]
        periods = len(opened) - 1
        steady = [t for t in sends if t >= first + window.seconds]
        steady_rate = (len(steady) - 1) / (steady[-1] - steady[0])
        return {
            "requests": len(self.sends),
            "responses_429": self.statuses.get(429, 0),
            "status_counts": {str(k): v for k, v in sorted(self.statuses.items())},
            "elapsed_seconds": round(elapsed, 3),
            "ceiling_requests_per_second": round(ceiling, 2),
            "fraction_of_ceiling": round(periods * window.seconds / (opened[-1] - first), 4),
            "window_period_ms_mean": round((opened[-1] - first) / periods * 1000, 1),
            "last_window_spread_ms": round((sends[-1] - opened[-1]) * 1000, 1),
            "fraction_of_perfect_client_span": round(ideal_span / measured_span, 4),
            "perfect_client_send_span_seconds": round(ideal_span, 3),
            "measured_send_span_seconds": round(measured_span, 3),
            "steady_send_rate_after_first_window": round(steady_rate, 2),
            "overall_requests_per_second": round((len(sends) - 1) / measured_span, 2),
            "target_fraction": TARGET_FRACTION,
            "round_trip_ms_p50": round(statistics.median(self.round_trips) * 1000, 1),
            "round_trip_ms_p90": round(statistics.quantiles(self.round_trips, n=10)[-1] * 1000, 1),
        }


async def _phase(
    h: AsyncHarvest, limits: RateLimits, method: str, work: Callable[[], Awaitable[Any]]
) -> tuple[Any, dict[str, Any]]:
    """Run ``work`` from an empty window with its ``method`` requests recorded."""
    await asyncio.sleep(limits.general.span)  # start the phase with an empty window
    recorder = _Recorder(method)
    h._http.event_hooks = {"request": [recorder.on_request], "response": [recorder.on_response]}
    started = time.monotonic()
    try:
        result = await work()
    finally:
        h._http.event_hooks = {"request": [], "response": []}
    return result, recorder.figures(limits, time.monotonic() - started)


async def _measure(url: str) -> dict[str, Any]:
    limits = RateLimits().scaled(SCALE)
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
        ids, creates = await _phase(h, limits, "POST", lambda: _create_all(h, project_id, task_id))
        created = (await h.time_entries.list(per_page=2000).first_page()).total_entries
        _, reads = await _phase(h, limits, "GET", lambda: _read_all(h, ids))

    return {
        "entries_requested": ENTRIES,
        "entries_in_sandbox": created,
        "post_requests": creates.pop("requests"),
        **creates,
        "reads_requested": READS,
        "reads_get_requests": reads.pop("requests"),
        "reads_ok": reads["status_counts"].get("200", 0),
        **{f"reads_{key}": value for key, value in reads.items() if key != "target_fraction"},
        "load_average_1min": round(os.getloadavg()[0], 2),
        "concurrency": CONCURRENCY,
        "rate_limit_scale": SCALE,
    }


def run() -> dict[str, Any]:
    """Run the benchmark against a fresh sandbox and return its figures."""
    with sandbox(rate_limit_scale=SCALE) as url:
        return asyncio.run(_measure(url))
