"""Bulk work at the rate-limit ceiling: 1 000 time entries created, then 10 000 reads, and
not one 429.

The sandbox runs at ``--rate-limit-scale 0.1`` (100 requests per 1.5 s) in its own
process; the client's limiter is scaled the same way. The headline of each phase,
``fraction_of_perfect_client``, is the time a perfect client needs for the same N requests
over the time this one took, first send to last response:

- a perfect client sends each window's 100 requests the moment the window opens, so its
  time is ``(ceil(N / 100) - 1)`` full windows plus one batch's round trip;
- one batch's round trip is measured, not assumed: the time this client took for its
  first 100 requests (first send to 100th response), which start in an empty window, so
  nothing but the sandbox's answers is in it.

1.0 is the ceiling and nothing can beat it; the target is 0.95. The figure checks what it
means before it is reported: any 429 fails the phase (a client that ignores the limits
must not score), a phase without requests scores 0, and before the run a client that
ignores the limits is sent at the sandbox to see that the check fails it.

Phase one creates 1 000 time entries (POST, figures without a prefix); phase two reads
them back one by one, 10 000 GETs in all (``reads_`` figures). Each phase starts with an
empty window.

Bounds: the ceiling fixes the time, 1 000 / 66.7 ≈ 15 s for the creates and
10 000 / 66.7 ≈ 150 s for the reads, plus the sandbox start: about 3 minutes.
"""

from __future__ import annotations

import asyncio
import math
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


class RateLimitExceeded(RuntimeError):
    """The client was answered 429: it does not count as running at the ceiling."""


def perfect_fraction(
    requests: int, window: int, window_seconds: float, batch_seconds: float, elapsed: float
) -> float:
    """A perfect client's time for `requests` over `elapsed` (0 when nothing was sent)."""
    if requests == 0 or elapsed <= 0:
        return 0.0
    perfect = (math.ceil(requests / window) - 1) * window_seconds + batch_seconds
    return perfect / elapsed


class _Recorder:
    """Send and answer times of one HTTP method, every response's status, round trips."""

    def __init__(self, method: str) -> None:
        self.method = method
        self.statuses: Counter[int] = Counter()
        self.sends: list[float] = []
        self.answers: list[float] = []
        self.round_trips: list[float] = []
        self._sent_at: dict[int, float] = {}

    async def on_request(self, request: httpx.Request) -> None:
        self._sent_at[id(request)] = time.monotonic()
        if request.method == self.method:
            self.sends.append(self._sent_at[id(request)])

    async def on_response(self, response: httpx.Response) -> None:
        now = time.monotonic()
        self.statuses[response.status_code] += 1
        self.round_trips.append(now - self._sent_at.pop(id(response.request)))
        if response.request.method == self.method:
            self.answers.append(now)

    def figures(self, limits: RateLimits) -> dict[str, Any]:
        """The phase's figures; raises `RateLimitExceeded` if any answer was a 429."""
        if self.statuses.get(429):
            raise RateLimitExceeded(
                f"{self.statuses[429]} of {len(self.sends)} {self.method} requests were "
                "answered 429: the client overran Harvest's limit"
            )
        window = limits.general
        sends, answers = sorted(self.sends), sorted(self.answers)
        if not sends:
            return {"requests": 0, "fraction_of_perfect_client": 0.0}
        first = sends[0]
        elapsed = answers[-1] - first
        batch = answers[min(window.requests, len(answers)) - 1] - first
        fraction = perfect_fraction(len(sends), window.requests, window.seconds, batch, elapsed)
        return {
            "requests": len(sends),
            "responses_429": 0,
            "status_counts": {str(k): v for k, v in sorted(self.statuses.items())},
            "fraction_of_perfect_client": round(fraction, 4),
            "elapsed_first_send_to_last_response_s": round(elapsed, 3),
            "perfect_client_s": round(elapsed * fraction, 3),
            "first_batch_round_trip_s": round(batch, 3),
            "ceiling_requests_per_second": round(window.requests / window.seconds, 2),
            "requests_per_second": round(len(sends) / elapsed, 2),
            "target_fraction": TARGET_FRACTION,
            "round_trip_ms_p50": round(statistics.median(self.round_trips) * 1000, 1),
            "round_trip_ms_p90": round(statistics.quantiles(self.round_trips, n=10)[-1] * 1000, 1),
        }


async def _limit_ignoring_client_fails(url: str, limits: RateLimits) -> bool:
    """Whether the scoring fails a client that sends 1.5 windows at once, limits ignored."""
    recorder = _Recorder("GET")
    headers = {"Authorization": f"Bearer {TOKEN}", "Harvest-Account-Id": str(ACCOUNT_ID),
               "User-Agent": USER_AGENT}  # fmt: skip
    hooks = {"request": [recorder.on_request], "response": [recorder.on_response]}
    async with httpx.AsyncClient(base_url=url, headers=headers, event_hooks=hooks) as http:
        burst = limits.general.requests * 3 // 2
        await asyncio.gather(*(http.get("/v2/users/me") for _ in range(burst)))
    try:
        recorder.figures(limits)
    except RateLimitExceeded:
        return True
    return False


async def _phase(
    h: AsyncHarvest, limits: RateLimits, method: str, work: Callable[[], Awaitable[Any]]
) -> tuple[Any, dict[str, Any]]:
    """Run ``work`` from an empty window with its ``method`` requests recorded."""
    await asyncio.sleep(limits.general.span)  # start the phase with an empty window
    recorder = _Recorder(method)
    h._http.event_hooks = {"request": [recorder.on_request], "response": [recorder.on_response]}
    try:
        result = await work()
    finally:
        h._http.event_hooks = {"request": [], "response": []}
    return result, recorder.figures(limits)


async def _measure(url: str) -> dict[str, Any]:
    limits = RateLimits().scaled(SCALE)
    if _Recorder("POST").figures(limits)["fraction_of_perfect_client"] != 0.0:
        raise RuntimeError("a client that sends nothing must score 0")
    if not await _limit_ignoring_client_fails(url, limits):
        raise RuntimeError("a client that ignored the limits was not failed")
    await asyncio.sleep(limits.general.span)  # the burst's window empties first
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
        "limit_ignoring_client": "failed, as it must",
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
        figures = asyncio.run(_measure(url))
    figures["passed"] = all(
        figures[f"{prefix}fraction_of_perfect_client"] >= TARGET_FRACTION
        and figures[f"{prefix}responses_429"] == 0
        for prefix in ("", "reads_")
    )
    return figures


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}: {value}")
