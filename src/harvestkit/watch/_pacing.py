"""The watch worker's share of Harvest's rate budget.

People's own calls and the worker draw on one budget per token and account (100
requests per 15 s; reports 100 per 15 min). The worker takes a slot in its own smaller
window first (``share`` of each window, default 20 %), then in the shared one, so it can
never hold more than its share of any window and people are never starved. With Redis,
the share is counted there too, so several workers for one account stay within it
together.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from harvestkit.api import InProcessRateLimiter, Permit, RateLimiter, RateLimits, Window
from harvestkit.api.operations import Bucket

__all__ = ["ShareLimiter", "share_limits"]


def share_limits(limits: RateLimits, share: float) -> RateLimits:
    """``limits`` with each window's request count cut to ``share`` of it (at least one)."""

    def cut(window: Window) -> Window:
        return Window(max(1, math.floor(window.requests * share)), window.seconds, window.margin)

    return RateLimits(cut(limits.general), cut(limits.reports))


@dataclass
class _Pair:
    own: Permit
    shared: Permit


class ShareLimiter:
    """A ``RateLimiter`` that needs a slot in the worker's own window and in the shared one."""

    def __init__(
        self, shared: RateLimiter, limits: RateLimits, share: float, own: RateLimiter | None = None
    ) -> None:
        self.shared = shared
        self.limits = share_limits(limits, share)
        self.own = own or InProcessRateLimiter(self.limits)
        self._pairs: dict[str, _Pair] = {}

    def acquire(self, key: str, bucket: Bucket, max_wait: float = math.inf) -> Permit:
        own = self.own.acquire(key, bucket, max_wait)
        return self._pair(own, self.shared.acquire(key, bucket, max_wait))

    async def acquire_async(self, key: str, bucket: Bucket, max_wait: float = math.inf) -> Permit:
        own = await self.own.acquire_async(key, bucket, max_wait)
        try:
            shared = await self.shared.acquire_async(key, bucket, max_wait)
        except BaseException:
            await self.own.complete_async(own)
            raise
        return self._pair(own, shared)

    def _pair(self, own: Permit, shared: Permit) -> Permit:
        permit = Permit(own.key, own.bucket, f"share:{own.id}", own.delay + shared.delay)
        self._pairs[permit.id] = _Pair(own, shared)
        return permit

    def complete(self, permit: Permit) -> None:
        pair = self._pairs.pop(permit.id, None)
        if pair is not None:
            self.own.complete(pair.own)
            self.shared.complete(pair.shared)

    async def complete_async(self, permit: Permit) -> None:
        pair = self._pairs.pop(permit.id, None)
        if pair is not None:
            await self.own.complete_async(pair.own)
            await self.shared.complete_async(pair.shared)
