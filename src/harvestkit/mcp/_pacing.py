"""How the server's Harvest clients pace themselves against Harvest's rate limits.

Harvest counts requests per token and account. One server process keeps its budget in
process (every client with one credential shares it); several processes acting with one
credential, on one host or many, must share it through Redis, or together they overrun
the window and collect 429s. A sandbox started with `--rate-limit-scale` has shorter
windows, and a server talking to it must scale its own the same way.

An agent is waiting on every tool call, and its client gives up long before a full reports
window (15 minutes) has passed. So the server's clients wait for the limits at most
`RetryPolicy.interactive()` allows (60 s, not the SDK's 900 s); past that a tool call fails
at once with a tool error saying which limit was reached and when to try again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from harvestkit.api import RateLimiter, RateLimits, RedisRateLimiter, RetryPolicy

__all__ = ["RateBudget"]


@dataclass(frozen=True)
class RateBudget:
    """Harvest's windows (possibly scaled), where their counts live, and how long a request
    may wait for them."""

    limits: RateLimits = field(default_factory=RateLimits)
    limiter: RateLimiter | None = None
    """Counts with `limits`; None: this process's shared in-memory limiter for them (the
    SDK's default)."""
    shared_through: str | None = None
    """The Redis URL the counts are shared through, for the start-up line."""
    retry: RetryPolicy = field(default_factory=RetryPolicy.interactive)
    """Retries and rate-limit waits; the SDK's defaults but for the interactive wait bound."""

    @classmethod
    def configure(cls, *, scale: float = 1.0, redis_url: str | None = None) -> RateBudget:
        """Harvest's windows times `scale`, counted in Redis at `redis_url` when given."""
        if not scale > 0:
            raise ValueError("the rate-limit scale must be a positive number")
        limits = RateLimits().scaled(scale)
        if not redis_url:
            return cls(limits)
        return cls(limits, RedisRateLimiter(redis_url, limits), _without_password(redis_url))

    def client_options(self) -> dict[str, Any]:
        """Keyword arguments for `AsyncHarvest`."""
        return {"rate_limits": self.limits, "rate_limiter": self.limiter, "retry": self.retry}

    def describe(self) -> str:
        where = "kept in this process"
        if self.shared_through:
            where = f"shared through Redis at {self.shared_through}"
        window = self.limits.general
        return f"rate limit {window.requests} requests per {window.seconds:g} s, {where}"


def _without_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username}@{host}" if parts.username else host))
