"""The limiter is a sliding-window log: never more than N sends in any W seconds."""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections import Counter

import httpx
import pytest

from harvestkit.api import (
    Harvest,
    InProcessRateLimiter,
    Permit,
    RateLimiter,
    RateLimits,
    SlotTooFar,
    Window,
)
from harvestkit.api._ratelimit import limiter_key
from harvestkit.api.operations import Bucket

from .conftest import (
    ACCOUNT_ID,
    TOKEN,
    SyncASGITransport,
    client_options,
    make_app,
    mock_harvest,
)


def most_in_any_window(times: list[float], seconds: float) -> int:
    times = sorted(times)
    best, start = 0, 0
    for end, t in enumerate(times):
        while t - times[start] >= seconds:
            start += 1
        best = max(best, end - start + 1)
    return best


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("requests", "seconds", "calls"),
    [(100, 15.0, 350), (100, 1.5, 250), (3, 0.5, 20), (1, 1.0, 5)],
)
def test_reserved_slots_never_exceed_the_window(requests: int, seconds: float, calls: int) -> None:
    clock = FakeClock()
    window = Window(requests, seconds, margin=0.0)
    limiter = InProcessRateLimiter(RateLimits(general=window), clock=clock)
    slots = [clock.now + limiter.reserve("k", "general")[0] for _ in range(calls)]
    assert most_in_any_window(slots, seconds) == requests
    # Full use of the ceiling: slot N+i opens exactly one window after slot i.
    assert slots[requests] == pytest.approx(slots[0] + seconds)


def test_no_burst_after_idle_unlike_a_token_bucket() -> None:
    clock = FakeClock()
    limiter = InProcessRateLimiter(RateLimits(general=Window(10, 1.0, margin=0.0)), clock=clock)
    first = [limiter.reserve("k", "general")[0] for _ in range(10)]
    clock.now += 0.9  # idle almost a window: a refilling bucket would allow ~9 more now
    assert first == [0.0] * 10
    assert limiter.reserve("k", "general")[0] == pytest.approx(0.1)


def test_buckets_and_keys_are_independent() -> None:
    clock = FakeClock()
    limits = RateLimits(general=Window(1, 10.0, 0.0), reports=Window(1, 100.0, 0.0))
    limiter = InProcessRateLimiter(limits, clock=clock)
    assert [limiter.reserve("a", "general")[0], limiter.reserve("a", "reports")[0]] == [0.0, 0.0]
    assert limiter.reserve("b", "general")[0] == 0.0
    assert limiter.reserve("a", "general")[0] == pytest.approx(10.0)
    assert limiter.reserve("a", "reports")[0] == pytest.approx(100.0)


def test_default_margin_and_scaling() -> None:
    limits = RateLimits().scaled(0.1)
    assert (limits.general.requests, limits.general.seconds) == (100, 1.5)
    assert limits.reports.seconds == pytest.approx(90.0)
    assert limits.general.span == pytest.approx(1.51)
    assert RateLimits().general.span == pytest.approx(15.075)


def test_a_request_counts_from_its_response() -> None:
    """A slow response pushes the next window back: the server counted it late."""
    clock = FakeClock()
    limiter = InProcessRateLimiter(RateLimits(general=Window(2, 1.0, margin=0.0)), clock=clock)
    _, first = limiter.reserve("k", "general")
    _, second = limiter.reserve("k", "general")
    clock.now += 0.4
    limiter.complete(first)  # answered 0.4 s after it was sent
    clock.now += 0.1
    limiter.complete(second)
    assert limiter.reserve("k", "general")[0] == pytest.approx(0.9)  # first's response + 1 s
    assert limiter.reserve("k", "general")[0] == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("bound", "refused"), [(0.0, True), (9.99, True), (10.0, False), (math.inf, False)]
)
def test_a_slot_further_than_the_bound_is_refused(bound: float, refused: bool) -> None:
    clock = FakeClock()
    limiter = InProcessRateLimiter(RateLimits(general=Window(2, 10.0, margin=0.0)), clock=clock)
    limiter.reserve("k", "general")
    limiter.reserve("k", "general")
    if not refused:
        assert limiter.reserve("k", "general", bound)[0] == pytest.approx(10.0)
        return
    with pytest.raises(SlotTooFar) as caught:
        limiter.reserve("k", "general", bound)
    assert (caught.value.bucket, caught.value.max_wait) == ("general", bound)
    assert caught.value.wait == pytest.approx(10.0)
    assert caught.value.window == Window(2, 10.0, margin=0.0)


def test_a_refused_reservation_takes_no_slot_from_later_callers() -> None:
    clock = FakeClock()
    limits = RateLimits(reports=Window(2, 100.0, margin=0.0))
    limiter = InProcessRateLimiter(limits, clock=clock)
    limiter.reserve("k", "reports")
    limiter.reserve("k", "reports")
    for _ in range(3):
        with pytest.raises(SlotTooFar):
            limiter.reserve("k", "reports", 60.0)
    clock.now += 30.0
    # The slot the refused callers would have had is still the next one, 70 s from now ...
    delay, permit = limiter.reserve("k", "reports", 90.0)
    assert delay == pytest.approx(70.0) and permit.delay == pytest.approx(70.0)
    # ... and only one caller took it: the next one waits for the following slot.
    assert limiter.reserve("k", "reports")[0] == pytest.approx(70.0)
    assert limiter.reserve("k", "reports")[0] == pytest.approx(170.0)


ONE_PER_30_S = RateLimits(general=Window(1, 30.0, margin=0.0))


async def check_a_bounded_acquire_fails_at_once(limiter: RateLimiter) -> None:
    """With `ONE_PER_30_S`: after one send, bounded acquires (async and not) refuse at once."""
    first = await limiter.acquire_async("k", "general", 1.0)
    assert first.delay == 0.0
    started = time.monotonic()
    with pytest.raises(SlotTooFar) as caught:
        await limiter.acquire_async("k", "general", 1.0)
    with pytest.raises(SlotTooFar):
        limiter.acquire("k", "general", 1.0)
    assert time.monotonic() - started < 0.5
    assert 29.0 < caught.value.wait <= 30.0


@pytest.mark.anyio
async def test_a_bounded_acquire_fails_at_once_instead_of_waiting() -> None:
    await check_a_bounded_acquire_fails_at_once(InProcessRateLimiter(ONE_PER_30_S))


def test_the_key_never_contains_the_token() -> None:
    key = limiter_key("secret-token", 123)
    assert "secret" not in key and key.endswith(":123")
    assert key != limiter_key("other-token", 123)


WINDOW = Window(10, 0.1, margin=0.0)


def test_threads_share_one_budget() -> None:
    limiter = InProcessRateLimiter(RateLimits(general=WINDOW))
    sent: list[float] = []
    lock = threading.Lock()

    def worker() -> None:
        for _ in range(8):
            limiter.acquire("k", "general")
            with lock:
                sent.append(time.monotonic())

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(sent) == 48
    assert most_in_any_window(sent, WINDOW.seconds * 0.9) <= WINDOW.requests


@pytest.mark.anyio
async def test_tasks_share_one_budget() -> None:
    limiter = InProcessRateLimiter(RateLimits(general=WINDOW))
    sent: list[float] = []

    async def one() -> None:
        await limiter.acquire_async("k", "general")
        sent.append(time.monotonic())

    started = time.monotonic()
    await asyncio.gather(*(one() for _ in range(40)))
    elapsed = time.monotonic() - started
    assert most_in_any_window(sent, WINDOW.seconds * 0.9) <= WINDOW.requests
    assert elapsed >= 3 * WINDOW.seconds * 0.95  # 40 sends need 3 further windows


class CountingLimiter(InProcessRateLimiter):
    """Notes which bucket each request was charged to."""

    def __init__(self) -> None:
        super().__init__(RateLimits().scaled(0.001))
        self.buckets: list[str] = []

    def reserve(self, key: str, bucket: Bucket, max_wait: float = math.inf) -> tuple[float, Permit]:
        self.buckets.append(bucket)
        return super().reserve(key, bucket, max_wait)


def test_reports_are_charged_to_the_reports_window() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"results": [], "links": {}})

    limiter = CountingLimiter()
    h = mock_harvest(handler, rate_limiter=limiter)
    h.reports.project_budget().first_page()
    h.clients.list().first_page()
    assert limiter.buckets == ["reports", "general"]


def test_no_429_from_the_sandbox_when_windows_match() -> None:
    """120 quick requests against 100 per 1.5 s: the limiter holds back the last 20."""
    statuses: Counter[int] = Counter()
    inner = SyncASGITransport(make_app(seed="empty", scale=0.1))

    class Counting(httpx.BaseTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            response = inner.handle_request(request)
            statuses[response.status_code] += 1
            return response

    started = time.monotonic()
    with Harvest(TOKEN, ACCOUNT_ID, transport=Counting(), **client_options(0.1)) as h:
        for _ in range(120):
            h.company.retrieve()
    elapsed = time.monotonic() - started
    inner.close()
    assert statuses[429] == 0 and sum(statuses.values()) == 120
    assert elapsed >= 1.5  # the window really was full: the limiter made the client wait
