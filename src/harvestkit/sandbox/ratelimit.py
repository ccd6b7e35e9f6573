"""Harvest's rate limits (API-NOTES §5): 100 requests per 15 s, and 100 per 15 min for
`/reports`, counted per (token, account).

Harvest's window type is unconfirmed; the sandbox uses a sliding window, the strictest
plausible reading: never more than `limit` requests in any `window`-second interval. A
client that paces itself for this passes a fixed-window server too.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

GENERAL = "general"
REPORTS = "reports"


@dataclass(frozen=True)
class Window:
    limit: int
    seconds: float


def windows(scale: float) -> dict[str, Window]:
    """The two Harvest windows, their lengths multiplied by `scale`."""
    return {GENERAL: Window(100, 15.0 * scale), REPORTS: Window(100, 900.0 * scale)}


class RateLimiter:
    def __init__(self, scale: float = 1.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.windows = windows(scale)
        self._clock = clock
        self._hits: dict[tuple[str, str, str], deque[float]] = {}
        self._lock = threading.Lock()
        # For tests and benchmarks: requests let through, and 429s answered.
        self.admitted = 0
        self.throttled = 0

    def hit(self, token: str, account: str, bucket: str) -> int | None:
        """Count one request; None if allowed, else the Retry-After seconds."""
        window = self.windows[bucket]
        now = self._clock()
        with self._lock:
            hits = self._hits.setdefault((token, account, bucket), deque())
            while hits and hits[0] <= now - window.seconds:
                hits.popleft()
            if len(hits) >= window.limit:
                self.throttled += 1
                return max(1, math.ceil(hits[0] + window.seconds - now))
            hits.append(now)
            self.admitted += 1
            return None

    def reset(self) -> None:
        with self._lock:
            self._hits.clear()
