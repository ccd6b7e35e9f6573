"""One "now" for harvestkit: the real clock, or one that a person or a test pins.

`HARVESTKIT_NOW=2026-11-20T18:00-05:00` (or `--now` on the commands that serve or run
tools against a sandbox) starts the clock at that instant; it then runs on, as a clock set
to that time would, so timers and durations still behave. "Today", "this week" and
"november" are read from it in the Harvest user's time zone, never the machine's.

Only a sandbox can live at a pinned time: its clock is set to the same instant, so what the
tools call today is what the sandbox calls today. Against Harvest itself the real clock is
the only one (`require_real`).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

NOW_ENV = "HARVESTKIT_NOW"
EXAMPLE = "2026-11-20T18:00-05:00"

Now = Callable[[], datetime]
"""A clock as handlers take it: aware UTC now."""


class ClockError(ValueError):
    """A pinned instant that cannot be read, or a pin where only real time will do."""


def parse_instant(text: str) -> datetime:
    """An ISO 8601 instant with its offset (`2026-11-20T18:00-05:00`, `…Z`), as aware UTC.

    An instant without an offset is refused: "18:00" means a different moment in New York
    and in London, and a guess would move "today".
    """
    value = text.strip()
    try:
        parsed = datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith("Z") else value)
    except ValueError as exc:
        raise ClockError(f"cannot read {text!r} as an instant; give e.g. {EXAMPLE}") from exc
    if parsed.tzinfo is None:
        raise ClockError(
            f"{text!r} has no UTC offset; give one (e.g. {EXAMPLE} or 2026-11-20T23:00Z)"
        )
    return parsed.astimezone(UTC)


class Clock:
    """Aware UTC now: the real time, or time running on from a pinned instant."""

    def __init__(self, start: datetime | None = None) -> None:
        self.start = start.astimezone(UTC) if start is not None else None
        self._offset = (
            timedelta()
            if self.start is None
            else self.start - datetime.fromtimestamp(time.time(), UTC)
        )

    @property
    def pinned(self) -> bool:
        return self.start is not None

    def now(self) -> datetime:
        return datetime.fromtimestamp(time.time(), UTC) + self._offset

    def __call__(self) -> datetime:
        return self.now()

    def describe(self) -> str:
        if self.start is None:
            return "real time"
        return f"pinned: started at {self.start.isoformat().replace('+00:00', 'Z')}"


def from_environment(environ: Mapping[str, str] = os.environ) -> Clock:
    """The clock `HARVESTKIT_NOW` pins, or real time when it is unset or empty."""
    value = environ.get(NOW_ENV, "").strip()
    return Clock(parse_instant(value) if value else None)


def resolve(now: str | None, environ: Mapping[str, str] = os.environ) -> Clock:
    """`--now` if given, else `HARVESTKIT_NOW`, else real time."""
    return Clock(parse_instant(now)) if now else from_environment(environ)


HARVEST_HOST = "harvestapp.com"


def require_real(clock: Clock, base_url: str) -> None:
    """Refuse a pinned clock against Harvest itself: its records carry real dates, and a
    tool's "today" that differs from Harvest's would log time on the wrong day. A sandbox
    served elsewhere (`harvestkit sandbox --now …`, reached by HARVEST_BASE_URL) may be pinned."""
    host = urlsplit(base_url).hostname or ""
    if clock.pinned and (host == HARVEST_HOST or host.endswith("." + HARVEST_HOST)):
        raise ClockError(
            f"a pinned clock ({NOW_ENV} or --now) works only with a sandbox, not with Harvest "
            f"at {base_url}; unset {NOW_ENV}, or use --sandbox"
        )


_process_clock: Clock | None = None


def system_now() -> datetime:
    """Now as this process sees it: `HARVESTKIT_NOW` (read once) or real time."""
    global _process_clock
    if _process_clock is None:
        _process_clock = from_environment()
    return _process_clock.now()
