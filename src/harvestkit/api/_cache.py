"""The ETag store for conditional GETs."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

__all__ = ["ETagCache", "ETagEntry"]


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
