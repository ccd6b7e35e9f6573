"""The sandbox's idea of "now": real time, time running on from a configured instant, or a
fixed or shifted time that tests set."""

from __future__ import annotations

import os
import threading
import time
from datetime import UTC, datetime, timedelta

NOW_ENV = "HARVESTKIT_NOW"
"""Starts a sandbox's clock at this ISO 8601 instant (with its offset) when its config names
none: the variable harvestkit's own clock reads, so both live on one day."""


def start_from_environment() -> datetime | None:
    value = os.environ.get(NOW_ENV, "").strip()
    if not value:
        return None
    parsed = datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith("Z") else value)
    if parsed.tzinfo is None:
        raise ValueError(f"{NOW_ENV}={value!r} needs a UTC offset, e.g. 2026-11-20T18:00-05:00")
    return parsed.astimezone(UTC)


def _real_now() -> datetime:
    return datetime.fromtimestamp(time.time(), UTC)


class Clock:
    """Wall-clock time in UTC. `start` makes it run on from that instant; tests may pin it
    (`set`), shift it (`advance`) or return it to its start (`reset`)."""

    def __init__(self, start: datetime | None = None) -> None:
        self._lock = threading.Lock()
        self._start = start
        self._pinned: datetime | None = None
        self._offset = timedelta()
        self.reset()

    def now(self) -> datetime:
        """Aware UTC now, at second precision (Harvest stores seconds)."""
        with self._lock:
            base = self._pinned if self._pinned is not None else _real_now()
            return (base + self._offset).replace(microsecond=0)

    def exact(self) -> datetime:
        """Aware UTC now with microseconds: for a client that shares this clock."""
        with self._lock:
            base = self._pinned if self._pinned is not None else _real_now()
            return base + self._offset

    def utcnow(self) -> datetime:
        """Naive UTC now, as the store keeps timestamps."""
        return self.now().replace(tzinfo=None)

    def set(self, when: datetime) -> None:
        """Stop the clock at `when`."""
        with self._lock:
            self._pinned = when if when.tzinfo else when.replace(tzinfo=UTC)
            self._offset = timedelta()

    def start_at(self, when: datetime) -> None:
        """Let the clock run on from `when`."""
        when = when if when.tzinfo else when.replace(tzinfo=UTC)
        with self._lock:
            self._pinned = None
            self._offset = when - _real_now()

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._offset += timedelta(seconds=seconds)

    def reset(self) -> None:
        """Back to the configured start (running on from it), or to real time."""
        if self._start is not None:
            self.start_at(self._start)
            return
        with self._lock:
            self._pinned = None
            self._offset = timedelta()
