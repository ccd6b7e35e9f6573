"""A sliding-window limiter in Redis, shared by every process using one token+account.

One Lua script reserves a slot atomically on a sorted set (score = send time, read from
the Redis server clock so processes on different hosts agree). ``redis`` is an optional
dependency (``pip install harvestkit[redis]``) and is imported only when this limiter is
created.

A caller's longest wait is passed into the script, so deciding that the slot is too far
and leaving it free is one atomic step with reserving it.
"""

from __future__ import annotations

import asyncio
import math
import time
import uuid
from dataclasses import replace
from typing import Any

from ._ratelimit import Permit, RateLimits, SlotTooFar
from .operations import Bucket

__all__ = ["RedisRateLimiter"]

# KEYS[1] sorted set; ARGV: limit, window span (s), member id, longest wait (s; empty: none).
# Returns the earliest slot and the server's clock, both in seconds, as strings, and 1 if the
# slot was reserved or 0 if it lies beyond the longest wait (then nothing is written).
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
local longest = tonumber(ARGV[4])
if longest and slot - now > longest then
  return {string.format('%.6f', slot), string.format('%.6f', now), 0}
end
redis.call('ZADD', KEYS[1], string.format('%.6f', slot), ARGV[3])
redis.call('EXPIRE', KEYS[1], math.ceil(span + (slot - now)) + 1)
return {string.format('%.6f', slot), string.format('%.6f', now), 1}
"""


# KEYS[1] sorted set; ARGV: member id, expiry (s). Moves the member to the server's now.
_COMPLETE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
redis.call('ZADD', KEYS[1], 'XX', 'GT', string.format('%.6f', now), ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1
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
        self._reserve = self._client.register_script(_RESERVE)
        self._reserve_async = self._async_client.register_script(_RESERVE)
        self._complete = self._client.register_script(_COMPLETE)
        self._complete_async = self._async_client.register_script(_COMPLETE)

    def _redis_key(self, key: str, bucket: Bucket) -> str:
        return f"{self.prefix}:{bucket}:{key}"

    def _reserve_args(
        self, key: str, bucket: Bucket, max_wait: float
    ) -> tuple[list[str], list[Any], Permit]:
        window = self.limits.window(bucket)
        permit = Permit(key, bucket, uuid.uuid4().hex)
        longest = "" if math.isinf(max_wait) else max_wait
        args = [window.requests, window.span, permit.id, longest]
        return [self._redis_key(key, bucket)], args, permit

    def _reserved(
        self, result: list[Any], permit: Permit, max_wait: float
    ) -> tuple[float, float, Permit]:
        slot, now, reserved = float(result[0]), float(result[1]), int(result[2])
        if not reserved:
            window = self.limits.window(permit.bucket)
            raise SlotTooFar(permit.bucket, window, slot - now, max_wait)
        return slot, now, replace(permit, delay=max(0.0, slot - now))

    def _complete_args(self, permit: Permit) -> tuple[list[str], list[Any]]:
        expiry = int(self.limits.window(permit.bucket).span) + 2
        return [self._redis_key(permit.key, permit.bucket)], [permit.id, expiry]

    def reserve_slot(
        self, key: str, bucket: Bucket, max_wait: float = math.inf
    ) -> tuple[float, float, Permit]:
        """Reserve the earliest free slot; return it, the Redis clock's now, and the permit.

        Raises ``SlotTooFar``, reserving nothing, when the slot is over ``max_wait`` away.
        """
        keys, args, permit = self._reserve_args(key, bucket, max_wait)
        return self._reserved(self._reserve(keys=keys, args=args), permit, max_wait)

    def acquire(self, key: str, bucket: Bucket, max_wait: float = math.inf) -> Permit:
        """Block until the request may be sent."""
        _, _, permit = self.reserve_slot(key, bucket, max_wait)
        if permit.delay > 0:
            time.sleep(permit.delay)
        return permit

    async def acquire_async(self, key: str, bucket: Bucket, max_wait: float = math.inf) -> Permit:
        """Wait without blocking the event loop."""
        keys, args, permit = self._reserve_args(key, bucket, max_wait)
        result = await self._reserve_async(keys=keys, args=args)
        _, _, permit = self._reserved(result, permit, max_wait)
        if permit.delay > 0:
            await asyncio.sleep(permit.delay)
        return permit

    def complete(self, permit: Permit) -> None:
        """Count the request from now (Redis clock), when its response arrived."""
        keys, args = self._complete_args(permit)
        self._complete(keys=keys, args=args)

    async def complete_async(self, permit: Permit) -> None:
        """Async ``complete``."""
        keys, args = self._complete_args(permit)
        await self._complete_async(keys=keys, args=args)

    def close(self) -> None:
        """Close the synchronous Redis connection pool."""
        self._client.close()

    async def aclose(self) -> None:
        """Close both Redis connection pools."""
        self._client.close()
        await self._async_client.aclose()
