"""Caching: a small key/value hook with TTL, and the ETag store for conditional GETs."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

__all__ = ["Cache", "ETagCache", "ETagEntry", "InMemoryCache"]


@runtime_checkable
class Cache(Protocol):
    """A per-client cache for reference data (projects, tasks, company settings)."""

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


@dataclass(frozen=True)
class ETagEntry:
    """A response body remembered with the ETag that validates it."""

    etag: str
    content: bytes
    content_type: str


class ETagCache:
    """Remembers GET bodies by URL so a ``304 Not Modified`` can reuse them."""

    def __init__(self, max_entries: int = 256) -> None:
        self._data: OrderedDict[str, ETagEntry] = OrderedDict()
        self._max = max_entries
        self._lock = threading.Lock()

    def get(self, url: str) -> ETagEntry | None:
        """The remembered entry for ``url``."""
        with self._lock:
            entry = self._data.get(url)
            if entry is not None:
                self._data.move_to_end(url)
            return entry

    def put(self, url: str, entry: ETagEntry) -> None:
        """Remember ``entry`` for ``url``."""
        with self._lock:
            self._data[url] = entry
            self._data.move_to_end(url)
            while len(self._data) > self._max:
                self._data.popitem(last=False)
