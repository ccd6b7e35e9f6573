"""A sliding-window limiter in Redis, shared by every process using one token+account.

One Lua script reserves a slot atomically on a sorted set (score = send time, read from
the Redis server clock so processes on different hosts agree). ``redis`` is an optional
dependency (``pip install harvestkit[redis]``) and is imported only when this limiter is
created.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any

from ._ratelimit import RateLimits
from .operations import Bucket

__all__ = ["RedisRateLimiter"]

# KEYS[1] sorted set; ARGV: limit, window span (s), member id.
# Returns the reserved slot and the server's clock, both in seconds, as strings.
_RESERVE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local limit = tonumber(ARGV[1])
local span = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - span)
local slot = now
local count = redis.call('ZCARD', KEYS[1])
if count >= limit then
  local nth = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
  slot = math.max(slot, tonumber(nth[2]) + span)
end
if count > 0 then
  local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
  slot = math.max(slot, tonumber(last[2]))
end
redis.call('ZADD', KEYS[1], string.format('%.6f', slot), ARGV[3])
redis.call('EXPIRE', KEYS[1], math.ceil(span + (slot - now)) + 1)
return {string.format('%.6f', slot), string.format('%.6f', now)}
"""


class RedisRateLimiter:
    """Sliding-window log in Redis; the same contract as ``InProcessRateLimiter``."""

    def __init__(
        self,
        url: str = "redis://127.0.0.1:6379/0",
        limits: RateLimits | None = None,
        *,
        prefix: str = "harvestkit:ratelimit",
        client: Any = None,
        async_client: Any = None,
    ) -> None:
        try:
            import redis
            import redis.asyncio
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError("RedisRateLimiter needs the 'redis' extra") from exc
        self.limits = limits or RateLimits()
        self.prefix = prefix
        self._client = client or redis.Redis.from_url(url)
        self._async_client = async_client or redis.asyncio.Redis.from_url(url)
        self._script = self._client.register_script(_RESERVE)
        self._async_script = self._async_client.register_script(_RESERVE)

    def _args(self, key: str, bucket: Bucket) -> tuple[list[str], list[Any]]:
        window = self.limits.window(bucket)
        keys = [f"{self.prefix}:{bucket}:{key}"]
        return keys, [window.requests, window.span, uuid.uuid4().hex]

    def reserve_slot(self, key: str, bucket: Bucket) -> tuple[float, float]:
        """Reserve the earliest free slot; return it and the current time (Redis clock)."""
        keys, args = self._args(key, bucket)
        slot, now = self._script(keys=keys, args=args)
        return float(slot), float(now)

    def reserve(self, key: str, bucket: Bucket) -> float:
        """Reserve the earliest free slot; return the seconds to wait for it."""
        slot, now = self.reserve_slot(key, bucket)
        return slot - now

    async def reserve_async(self, key: str, bucket: Bucket) -> float:
        """Reserve the earliest free slot without blocking the event loop."""
        keys, args = self._args(key, bucket)
        slot, now = await self._async_script(keys=keys, args=args)
        return float(slot) - float(now)

    def acquire(self, key: str, bucket: Bucket) -> None:
        """Block until the request may be sent."""
        delay = self.reserve(key, bucket)
        if delay > 0:
            time.sleep(delay)

    async def acquire_async(self, key: str, bucket: Bucket) -> None:
        """Wait without blocking the event loop."""
        delay = await self.reserve_async(key, bucket)
        if delay > 0:
            await asyncio.sleep(delay)
