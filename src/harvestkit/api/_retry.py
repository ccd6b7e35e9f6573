"""When and how long to wait before trying a request again."""

from __future__ import annotations

import random
from dataclasses import dataclass

import httpx

from ._constants import (
    INITIAL_RETRY_DELAY,
    MAX_RATE_LIMIT_WAIT,
    MAX_RETRIES,
    MAX_RETRY_DELAY,
    RECHECK_DELAY,
)

__all__ = ["RetryPolicy", "never_sent"]


@dataclass(frozen=True)
class RetryPolicy:
    """Retry limits; tests pass small delays, production keeps the defaults."""

    max_retries: int = MAX_RETRIES
    initial_delay: float = INITIAL_RETRY_DELAY
    max_delay: float = MAX_RETRY_DELAY
    max_rate_limit_wait: float = MAX_RATE_LIMIT_WAIT
    recheck_delay: float = RECHECK_DELAY

    def backoff(self, attempt: int) -> float:
        """Exponential backoff for retry number ``attempt`` (from 0), jittered in [d/2, d]."""
        ceiling = min(self.max_delay, self.initial_delay * (2**attempt))
        return random.uniform(ceiling / 2, ceiling)


def never_sent(exc: httpx.TransportError) -> bool:
    """Whether the request provably never reached the server (no byte was sent)."""
    return isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)
