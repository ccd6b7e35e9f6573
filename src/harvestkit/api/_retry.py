"""When and how long to wait before trying a request again."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import httpx

from ._constants import (
    INITIAL_RETRY_DELAY,
    INTERACTIVE_RATE_LIMIT_WAIT,
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
    """Total seconds one request may wait out 429s' Retry-After; a 429 that would take it
    past this raises ``RateLimitedError``."""
    max_slot_wait: float = math.inf
    """Total seconds one request may wait for the rate limiter's next free slot. By default
    as long as it takes, so bulk work may queue as deep as it likes; a request whose slot is
    further away is not sent, takes no slot, and raises ``RateLimitedError`` with the
    seconds until it could go through."""
    recheck_delay: float = RECHECK_DELAY

    @classmethod
    def interactive(cls) -> RetryPolicy:
        """The defaults, with both rate-limit waits cut to ``INTERACTIVE_RATE_LIMIT_WAIT``
        (60 s) for callers someone is waiting on: they hear when to try again instead."""
        return cls(
            max_rate_limit_wait=INTERACTIVE_RATE_LIMIT_WAIT,
            max_slot_wait=INTERACTIVE_RATE_LIMIT_WAIT,
        )

    def backoff(self, attempt: int) -> float:
        """Exponential backoff for retry number ``attempt`` (from 0), jittered in [d/2, d]."""
        ceiling = min(self.max_delay, self.initial_delay * (2**attempt))
        return random.uniform(ceiling / 2, ceiling)


def never_sent(exc: httpx.TransportError) -> bool:
    """Whether the request provably never reached the server (no byte was sent)."""
    return isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)
