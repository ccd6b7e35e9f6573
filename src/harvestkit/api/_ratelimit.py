"""Proactive rate limiting: wait for a free slot instead of collecting 429s.

Harvest allows 100 requests per 15 s (general) and 100 per 15 min (anything under
``/reports``), per token and account. The limiters keep a sliding-window log: a request
is given the earliest send time at which no window of ``seconds`` holds more than
``requests`` sends. A refilling token bucket would let 2N requests into one server window
(N saved up, N refilled), which Harvest answers with 429s.

Slots are reserved before sleeping, so concurrent callers queue up in order instead of
racing for the same slot. When the response arrives the entry is moved to that moment:
Harvest counts a request when it handles it, which may be well after it was sent (a busy
server works through a burst one request at a time), and counting from the response is
the only bound the client knows to be late enough.

A caller may bound its wait (someone waiting on the answer cannot wait out a 15 minute
window): when the earliest slot is further away, the limiter reserves nothing, so no later
caller loses its place, and raises ``SlotTooFar`` with the seconds until that slot.
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from .operations import Bucket

__all__ = [
    "InProcessRateLimiter",
    "Permit",
    "RateLimiter",
    "RateLimits",
    "SlotTooFar",
    "Window",
    "limiter_key",
    "next_slot",
]


@dataclass(frozen=True)
class Window:
    """At most ``requests`` sends in any ``seconds``-long interval."""

    requests: int
    seconds: float
    margin: float | None = None
    """Extra seconds added to the window for clock resolution; default 0.5 % (≥ 10 ms)."""

    @property
    def span(self) -> float:
        """The window length the limiter enforces, margin included."""
        margin = self.margin if self.margin is not None else max(0.01, self.seconds * 0.005)
        return self.seconds + margin


@dataclass(frozen=True)
class RateLimits:
    """Harvest's two windows. ``scaled(0.1)`` matches a sandbox at rate-limit scale 0.1."""

    general: Window = field(default_factory=lambda: Window(100, 15.0))
    reports: Window = field(default_factory=lambda: Window(100, 900.0))

    def window(self, bucket: Bucket) -> Window:
        """The window for ``bucket``."""
        return self.reports if bucket == "reports" else self.general

    def scaled(self, factor: float) -> RateLimits:
        """The same limits with both window lengths multiplied by ``factor``."""
        return RateLimits(
            Window(self.general.requests, self.general.seconds * factor, self.general.margin),
            Window(self.reports.requests, self.reports.seconds * factor, self.reports.margin),
        )


def limiter_key(token: str, account_id: str | int | None) -> str:
    """A key per token and account that never contains the token itself."""
    digest = hashlib.sha256(token.encode()).hexdigest()[:24]
    return f"{digest}:{account_id}"


@dataclass(frozen=True)
class Permit:
    """One reserved slot; hand it back with ``complete`` when the response arrives."""

    key: str
    bucket: Bucket
    id: str
    delay: float = 0.0
    """Seconds the request had to wait for its slot."""


class SlotTooFar(Exception):
    """The earliest free slot is further away than the caller may wait; nothing was reserved.

    ``wait`` is the seconds until that slot: asking again then finds it free, unless other
    callers took it meanwhile.
    """

    def __init__(self, bucket: Bucket, window: Window, wait: float, max_wait: float) -> None:
        self.bucket = bucket
        self.window = window
        self.wait = wait
        self.max_wait = max_wait
        super().__init__(
            f"the next {bucket} slot is {wait:.3f} s away, more than the {max_wait:g} s allowed"
        )


@runtime_checkable
class RateLimiter(Protocol):
    """Waits until a request for ``key`` in ``bucket`` may be sent.

    When that is more than ``max_wait`` seconds away, ``acquire`` reserves nothing and raises
    ``SlotTooFar`` at once.
    """

    def acquire(self, key: str, bucket: Bucket, max_wait: float = math.inf) -> Permit:
        """Block until the request may be sent."""
        ...

    async def acquire_async(self, key: str, bucket: Bucket, max_wait: float = math.inf) -> Permit:
        """Wait (without blocking the event loop) until the request may be sent."""
        ...

    def complete(self, permit: Permit) -> None:
        """The response (or failure) for ``permit`` arrived: count the request from now."""
        ...

    async def complete_async(self, permit: Permit) -> None:
        """Async ``complete``."""
        ...


def next_slot(times: list[float], now: float, window: Window) -> float:
    """The earliest time >= ``now`` at which one more send keeps every window within limits.

    ``times`` are the sends still inside the window (past, or reserved in the future).
    """
    times = sorted(times)
    slot = now
    if len(times) >= window.requests:
        slot = max(slot, times[-window.requests] + window.span)
    if times:
        slot = max(slot, times[-1])
    return slot


class InProcessRateLimiter:
    """Sliding-window log limiter shared by every client in this process.

    Thread-safe (one lock, held only to reserve a slot) and asyncio-safe (waiting is an
    ``asyncio.sleep`` outside the lock).
    """

    def __init__(
        self, limits: RateLimits | None = None, clock: Callable[[], float] = time.monotonic
    ):
        self.limits = limits or RateLimits()
        self._clock = clock
        self._lock = threading.Lock()
        self._logs: dict[tuple[str, Bucket], dict[str, float]] = {}
        self._ids = itertools.count()

    def reserve(self, key: str, bucket: Bucket, max_wait: float = math.inf) -> tuple[float, Permit]:
        """Reserve the earliest free slot; return the seconds to wait for it and the permit.

        Raises ``SlotTooFar``, reserving nothing, when the slot is over ``max_wait`` away.
        """
        window = self.limits.window(bucket)
        with self._lock:
            now = self._clock()
            log = self._logs.setdefault((key, bucket), {})
            for stale in [k for k, t in log.items() if t <= now - window.span]:
                del log[stale]
            slot = next_slot(list(log.values()), now, window)
            if slot - now > max_wait:
                raise SlotTooFar(bucket, window, slot - now, max_wait)
            permit = Permit(key, bucket, str(next(self._ids)), slot - now)
            log[permit.id] = slot
            return slot - now, permit

    def acquire(self, key: str, bucket: Bucket, max_wait: float = math.inf) -> Permit:
        """Block until the request may be sent."""
        delay, permit = self.reserve(key, bucket, max_wait)
        if delay > 0:
            time.sleep(delay)
        return permit

    async def acquire_async(self, key: str, bucket: Bucket, max_wait: float = math.inf) -> Permit:
        """Wait without blocking the event loop."""
        delay, permit = self.reserve(key, bucket, max_wait)
        if delay > 0:
            await asyncio.sleep(delay)
        return permit

    def complete(self, permit: Permit) -> None:
        """Count the request from now (when its response arrived)."""
        with self._lock:
            log = self._logs.get((permit.key, permit.bucket), {})
            if permit.id in log:
                log[permit.id] = max(log[permit.id], self._clock())

    async def complete_async(self, permit: Permit) -> None:
        """Async ``complete``."""
        self.complete(permit)
