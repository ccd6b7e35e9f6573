"""The Redis limiter shares one window between processes (real Redis on localhost)."""

from __future__ import annotations

import multiprocessing
import os
import time
import uuid

import pytest

from harvestkit.api import RateLimiter, RateLimits, RedisRateLimiter, SlotTooFar, Window

from .test_ratelimit import ONE_PER_30_S, check_a_bounded_acquire_fails_at_once, most_in_any_window

REDIS_URL = "redis://127.0.0.1:6379/0"
WINDOW = Window(10, 0.4, margin=0.02)
PROCESSES = 3
SENDS_EACH = 14


def redis_or_skip() -> None:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis at {REDIS_URL} is required in CI but unreachable: {exc}")
        pytest.skip(f"Redis at {REDIS_URL} is unreachable ({exc}); start one to run this test")


def sender(prefix: str, out: multiprocessing.Queue[tuple[list[float], list[float]]]) -> None:
    """Reserve and wait like ``acquire``, recording each slot and the actual send time."""
    limiter = RedisRateLimiter(REDIS_URL, RateLimits(general=WINDOW), prefix=prefix)
    slots, sent = [], []
    for _ in range(SENDS_EACH):
        slot, now, permit = limiter.reserve_slot("token-hash:123456", "general")
        slots.append(slot)
        time.sleep(max(0.0, slot - now))
        sent.append(time.time())
        limiter.complete(permit)
    limiter.close()
    out.put((slots, sent))


def test_three_processes_never_exceed_the_window_together() -> None:
    redis_or_skip()
    prefix = f"harvestkit-test:{uuid.uuid4().hex}"
    context = multiprocessing.get_context("fork")
    out: multiprocessing.Queue[tuple[list[float], list[float]]] = context.Queue()
    workers = [context.Process(target=sender, args=(prefix, out)) for _ in range(PROCESSES)]
    for worker in workers:
        worker.start()
    results = [out.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(timeout=10)
    slots = [t for slot_times, _ in results for t in slot_times]
    sent = [t for _, send_times in results for t in send_times]
    assert len(slots) == PROCESSES * SENDS_EACH
    # The reserved slots (the limiter's decision, atomic in Redis) never overfill a window.
    # (Slots N apart are exactly one span apart; allow for float rounding of the scores.)
    assert most_in_any_window(slots, WINDOW.span - 1e-3) <= WINDOW.requests
    # Actual sends also respect it, up to the scheduler's wake-up jitter on a busy machine.
    assert most_in_any_window(sent, WINDOW.seconds * 0.75) <= WINDOW.requests
    # The limiter also lets the ceiling be used: 42 sends need 4 further windows, not many more.
    assert max(sent) - min(sent) < 6 * WINDOW.span


@pytest.mark.anyio
async def test_async_acquire_waits_for_the_window() -> None:
    redis_or_skip()
    limits = RateLimits(general=Window(3, 0.3, margin=0.0))
    limiter = RedisRateLimiter(REDIS_URL, limits, prefix=f"harvestkit-test:{uuid.uuid4().hex}")
    assert isinstance(limiter, RateLimiter)
    started = time.monotonic()
    for _ in range(4):
        permit = await limiter.acquire_async("k", "general")
        await limiter.complete_async(permit)
    await limiter.aclose()
    assert 0.28 <= time.monotonic() - started < 1.0


def test_a_slot_further_than_the_bound_is_refused_and_nothing_is_written() -> None:
    redis_or_skip()
    prefix = f"harvestkit-test:{uuid.uuid4().hex}"
    limits = RateLimits(reports=Window(1, 60.0, margin=0.0))
    limiter = RedisRateLimiter(REDIS_URL, limits, prefix=prefix)
    try:
        first, _, _ = limiter.reserve_slot("k", "reports", 1.0)
        for _ in range(3):
            with pytest.raises(SlotTooFar) as caught:
                limiter.reserve_slot("k", "reports", 30.0)
        assert caught.value.bucket == "reports" and caught.value.max_wait == 30.0
        assert 59.0 < caught.value.wait <= 60.0
        members = limiter._client.zrange(f"{prefix}:reports:k", 0, -1)
        assert len(members) == 1  # the refused callers wrote nothing
        # A caller allowed to wait gets the slot the refused ones would have had.
        slot, now, permit = limiter.reserve_slot("k", "reports", 90.0)
        assert slot == pytest.approx(first + 60.0, abs=1e-5)
        assert permit.delay == pytest.approx(slot - now)
        assert limiter.reserve_slot("k", "reports")[0] == pytest.approx(first + 120.0, abs=1e-5)
    finally:
        limiter._client.delete(f"{prefix}:reports:k")
        limiter.close()


@pytest.mark.anyio
async def test_a_bounded_async_acquire_fails_at_once_instead_of_waiting() -> None:
    redis_or_skip()
    prefix = f"harvestkit-test:{uuid.uuid4().hex}"
    limiter = RedisRateLimiter(REDIS_URL, ONE_PER_30_S, prefix=prefix)
    try:
        await check_a_bounded_acquire_fails_at_once(limiter)
    finally:
        await limiter.aclose()
