"""How an entry's time is recorded: by duration or by start and end time (API-NOTES §8.2).

An account that tracks by duration takes `hours` only; one that tracks timestamps takes
`started_time` and `ended_time` (or works them out from `hours`, ending now). Either way,
an entry created without its time runs a timer. Clock times are stored as 24-hour "HH:MM"
in the user's zone.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Row

from ...context import Ctx
from ...errors import unprocessable
from ...params import label
from ...timezones import zone_for

HOURS_WHILE_RUNNING = "Hours can't be changed while the timer is running"
DURATION_ACCOUNT = "Started time and ended time can't be used: this account tracks time by duration"
CENT = Decimal("0.01")
_CLOCK = re.compile(r"^\s*(\d{1,2})(?::(\d{2}))?\s*(?:([ap])\.?m\.?)?\s*$", re.IGNORECASE)


def minutes_of(stored: str | None) -> int | None:
    """Minutes after midnight of a stored "HH:MM"."""
    if stored is None:
        return None
    hour, minute = stored.split(":")
    return int(hour) * 60 + int(minute)


def stored(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def local_now(ctx: Ctx, user: Row[Any]) -> datetime:
    """Now on the sandbox clock, in the user's zone (else the company's)."""
    zone = zone_for(user.timezone or ctx.company.time_zone)
    return ctx.sandbox.clock.now().astimezone(zone)


def _parse_clock(ctx: Ctx, name: str) -> int | None:
    """Minutes after midnight from "8:00am", "8am", "08:00" or "14:30"."""
    text = ctx.params.str(name)
    if text is None or not text.strip():
        return None
    match = _CLOCK.match(text)
    hour, minute = (int(match.group(1)), int(match.group(2) or 0)) if match else (99, 0)
    meridiem = (match.group(3) or "").lower() if match else ""
    if meridiem:
        hour = -1 if not 1 <= hour <= 12 else hour % 12 + (12 if meridiem == "p" else 0)
    if not (0 <= hour < 24 and minute < 60):
        raise unprocessable(f"{label(name)} is invalid")
    return hour * 60 + minute


def _hours(ctx: Ctx) -> Decimal | None:
    hours = ctx.params.decimal("hours")
    if hours is not None and hours < 0:
        raise unprocessable("Hours must be greater than or equal to 0")
    return hours


def _duration(hours: Decimal) -> int:
    return int((hours * 60).to_integral_value(ROUND_HALF_UP))


def timing(ctx: Ctx, user: Row[Any], spent: date, row: Any = None) -> dict[str, Any]:
    """The timer fields a create (`row` None) or an update sets, by the tracking mode."""
    hours = _hours(ctx)
    started, ended = _parse_clock(ctx, "started_time"), _parse_clock(ctx, "ended_time")
    running = row is not None and row.timer_started_at is not None
    if running and hours is not None:
        raise unprocessable(HOURS_WHILE_RUNNING)
    if not ctx.company.wants_timestamp_timers:
        if started is not None or ended is not None:
            raise unprocessable(DURATION_ACCOUNT)
        if row is not None:
            return {} if hours is None else {"hours_without_timer": hours}
        return {
            "hours_without_timer": Decimal(0) if hours is None else hours,
            "timer_started_at": ctx.now if hours is None else None,
        }
    if row is not None:
        if started is None and ended is None and hours is None:
            return {}
        started = started if started is not None else minutes_of(row.started_time)
    local = local_now(ctx, user)
    now = local.hour * 60 + local.minute
    if started is None:  # with only `hours`, the entry is taken to end now
        started = max(now - _duration(hours), 0) if hours is not None and ended is None else now
    if ended is None and hours is not None:
        ended = min(started + _duration(hours), 24 * 60 - 1)
    if ended is None and row is not None and not running:
        ended = minutes_of(row.ended_time)
    if ended is None:  # running since its start time, never later than now
        moment = datetime.combine(spent, time()) + timedelta(minutes=started)
        begun = moment.replace(tzinfo=local.tzinfo).astimezone(UTC).replace(tzinfo=None)
        return {
            "started_time": stored(started),
            "ended_time": None,
            "hours_without_timer": Decimal(0),
            "timer_started_at": min(ctx.now, begun),
        }
    if ended < started:
        raise unprocessable("Ended time must be after started time")
    return {
        "started_time": stored(started),
        "ended_time": stored(ended),
        "hours_without_timer": (Decimal(ended - started) / 60).quantize(CENT, ROUND_HALF_UP),
        "timer_started_at": None,
    }
