"""Proactive rate limiting: wait for a free slot instead of collecting 429s.

Harvest allows 100 requests per 15 s (general) and 100 per 15 min (anything under
``/reports``), per token and account. The limiters keep a sliding-window log: a request
is given the earliest send time at which no window of ``seconds`` holds more than
``requests`` sends. A refilling token bucket would let 2N requests into one server window
(N saved up, N refilled), which Harvest answers with 429s.

Slots are reserved before sleeping, so concurrent callers queue up in order instead of
racing for the same slot.
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from .operations import Bucket

__all__ = [
    "InProcessRateLimiter",
    "RateLimiter",
    "RateLimits",
    "Window",
    "limiter_key",
]


@dataclass(frozen=True)
class Window:
    """At most ``requests`` sends in any ``seconds``-long interval."""

    requests: int
    seconds: float
    margin: float | None = None
    """Extra seconds added to the window to absorb network jitter; default 1 % (≥ 20 ms)."""

    @property
    def span(self) -> float:
        """The window length the limiter enforces, margin included."""
        margin = self.margin if self.margin is not None else max(0.02, self.seconds * 0.01)
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


@runtime_checkable
class RateLimiter(Protocol):
    """Waits until a request for ``key`` in ``bucket`` may be sent."""

    def acquire(self, key: str, bucket: Bucket) -> None:
        """Block until the request may be sent."""
        ...

    async def acquire_async(self, key: str, bucket: Bucket) -> None:
        """Wait (without blocking the event loop) until the request may be sent."""
        ...


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
        self._logs: dict[tuple[str, Bucket], deque[float]] = {}

    def reserve(self, key: str, bucket: Bucket) -> float:
        """Reserve the earliest free slot and return how many seconds to wait for it."""
        window = self.limits.window(bucket)
        with self._lock:
            now = self._clock()
            log = self._logs.setdefault((key, bucket), deque())
            while log and log[0] <= now - window.span:
                log.popleft()
            slot = now
            if len(log) >= window.requests:
                slot = max(slot, log[-window.requests] + window.span)
            if log:
                slot = max(slot, log[-1])
            log.append(slot)
            return slot - now

    def acquire(self, key: str, bucket: Bucket) -> None:
        """Block until the request may be sent."""
        delay = self.reserve(key, bucket)
        if delay > 0:
            time.sleep(delay)

    async def acquire_async(self, key: str, bucket: Bucket) -> None:
        """Wait without blocking the event loop."""
        delay = self.reserve(key, bucket)
        if delay > 0:
            await asyncio.sleep(delay)
