"""The tools' reference-data cache: who am I, the company's settings, my projects and tasks,
kept for a few minutes so a warm outcome pays only for its own reads and writes.

It belongs to whoever runs tools (a server keeps one per principal's client, the watch
worker one for its account) and reaches handlers through `ToolContext.cached`. Keys carry the
account and a digest of the credential, so one cache shared by several callers never hands
one user's view to another.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from harvestkit.api import AsyncHarvest

__all__ = ["REFERENCE_TTL", "Cache", "InMemoryCache", "scope_of"]

REFERENCE_TTL = 300.0
"""Seconds reference data stays cached: long enough for a conversation, short enough that a
new assignment shows up soon."""


@runtime_checkable
class Cache(Protocol):
    """A key/value store with a TTL for reference data."""

    def get(self, key: str) -> Any | None:
        """The cached value, or ``None`` if absent or expired."""
        ...

    def set(self, key: str, value: Any, ttl: float) -> None:
        """Store ``value`` for ``ttl`` seconds."""
        ...


class InMemoryCache:
    """A thread-safe in-process cache with per-entry TTL and a size bound (LRU)."""

    def __init__(self, max_entries: int = 1024, clock: Callable[[], float] = time.monotonic):
        self._data: OrderedDict[str, tuple[float, Any]] = OrderedDict()
        self._max = max_entries
        self._clock = clock
        self._lock = threading.Lock()

    def get(self, key: str) -> Any | None:
        """The cached value, or ``None`` if absent or expired."""
        with self._lock:
            entry = self._data.get(key)
            if entry is None:
                return None
            expires, value = entry
            if expires <= self._clock():
                del self._data[key]
                return None
            self._data.move_to_end(key)
            return value

    def set(self, key: str, value: Any, ttl: float) -> None:
        """Store ``value`` for ``ttl`` seconds, evicting the least recently used entry."""
        with self._lock:
            self._data[key] = (self._clock() + ttl, value)
            self._data.move_to_end(key)
            while len(self._data) > self._max:
                self._data.popitem(last=False)


async def scope_of(harvest: AsyncHarvest) -> str:
    """The key prefix of `harvest`'s account and credential (the token is hashed, never
    stored)."""
    config = harvest._core.config
    token = await config.tokens.get_token_async()
    digest = hashlib.sha256(token.encode()).hexdigest()[:16]
    return f"harvestkit.outcomes:{config.account_id}:{digest}"
