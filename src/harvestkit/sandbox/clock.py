"""The sandbox's idea of "now": real time, or a fixed/offset time that tests set."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta


class Clock:
    """Wall-clock time in UTC. Tests may pin it (`set`) or shift it (`advance`)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pinned: datetime | None = None
        self._offset = timedelta()

    def now(self) -> datetime:
        """Aware UTC now, at second precision (Harvest stores seconds)."""
        with self._lock:
            base = self._pinned if self._pinned is not None else datetime.now(UTC)
            return (base + self._offset).replace(microsecond=0)

    def utcnow(self) -> datetime:
        """Naive UTC now, as the store keeps timestamps."""
        return self.now().replace(tzinfo=None)

    def set(self, when: datetime) -> None:
        with self._lock:
            self._pinned = when if when.tzinfo else when.replace(tzinfo=UTC)
            self._offset = timedelta()

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._offset += timedelta(seconds=seconds)

    def reset(self) -> None:
        with self._lock:
            self._pinned = None
            self._offset = timedelta()
