"""Dates, periods and durations as people say them; zones around midnight and DST."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from harvestkit.tools.timeframes import (
    format_clock,
    local_today,
    parse_date,
    parse_duration,
    parse_period,
    parse_time_range,
    zone_for,
)

FRIDAY = date(2026, 11, 20)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", FRIDAY),
        ("Yesterday", date(2026, 11, 19)),
        ("friday", FRIDAY),
        ("last Friday", date(2026, 11, 13)),
        ("monday", date(2026, 11, 16)),
        ("last monday", date(2026, 11, 16)),
        ("saturday", date(2026, 11, 14)),
        ("3 days ago", date(2026, 11, 17)),
        ("2026-10-31", date(2026, 10, 31)),
    ],
)
def test_dates(text: str, expected: date) -> None:
    assert parse_date(text, FRIDAY) == expected


@pytest.mark.parametrize(
    ("text", "week_start", "start", "end"),
    [
        ("this week", "Monday", date(2026, 11, 16), date(2026, 11, 22)),
        ("this week", "Sunday", date(2026, 11, 15), date(2026, 11, 21)),
        ("this week", "Saturday", date(2026, 11, 14), date(2026, 11, 20)),
        ("last week", "Monday", date(2026, 11, 9), date(2026, 11, 15)),
        ("last month", "Monday", date(2026, 10, 1), date(2026, 10, 31)),
        ("this month", "Monday", date(2026, 11, 1), date(2026, 11, 30)),
        ("last 7 days", "Monday", date(2026, 11, 14), FRIDAY),
        ("2026-02", "Monday", date(2026, 2, 1), date(2026, 2, 28)),
        ("2025", "Monday", date(2025, 1, 1), date(2025, 12, 31)),
        ("2026-11-01..2026-11-15", "Monday", date(2026, 11, 1), date(2026, 11, 15)),
        ("monday to yesterday", "Monday", date(2026, 11, 16), date(2026, 11, 19)),
        ("yesterday", "Monday", date(2026, 11, 19), date(2026, 11, 19)),
    ],
)
def test_periods(text: str, week_start: str, start: date, end: date) -> None:
    period = parse_period(text, FRIDAY, week_start)
    assert (period.start, period.end) == (start, end)


def test_last_month_in_january_is_december() -> None:
    period = parse_period("last month", date(2027, 1, 5))
    assert (period.start, period.end) == (date(2026, 12, 1), date(2026, 12, 31))


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("4h", "4.00"),
        ("4 hours", "4.00"),
        ("1:30", "1.50"),
        ("90 minutes", "1.50"),
        ("3.5h", "3.50"),
        ("half an hour", "0.50"),
        ("an hour", "1.00"),
        ("1h 15m", "1.25"),
        ("1 hour and 20 minutes", "1.33"),
        ("2", "2.00"),
        ("9:00-10:30", "1.50"),
        ("9am to 11:30am", "2.50"),
        ("11:30am-1pm", "1.50"),
    ],
)
def test_durations(text: str, hours: str) -> None:
    assert parse_duration(text) == Decimal(hours)


@pytest.mark.parametrize("text", ["banana", "0h", "25 hours", "10:30-9:00", "4 parsecs", ""])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


def test_time_range_and_clock_formats() -> None:
    assert parse_time_range("9:15pm - 10pm") == ((21, 15), (22, 0))
    assert format_clock(21, 15, "12h") == "9:15pm"
    assert format_clock(0, 5, "12h") == "12:05am"
    assert format_clock(9, 5, "24h") == "09:05"


@pytest.mark.parametrize(
    ("instant", "zone", "expected"),
    [
        # 18:00 in New York on Friday is already Saturday in UTC.
        (datetime(2026, 11, 20, 23, 0, tzinfo=UTC), "Eastern Time (US & Canada)", FRIDAY),
        (datetime(2026, 11, 20, 23, 0, tzinfo=UTC), "Berlin", date(2026, 11, 21)),
        # One minute either side of midnight in New York (EST, UTC-5).
        (datetime(2026, 11, 21, 4, 59, tzinfo=UTC), "Eastern Time (US & Canada)", FRIDAY),
        (
            datetime(2026, 11, 21, 5, 0, tzinfo=UTC),
            "Eastern Time (US & Canada)",
            date(2026, 11, 21),
        ),
        # DST ends 1 Nov 2026 at 02:00 EDT: 03:59 UTC is still 31 Oct (EDT, UTC-4) …
        (
            datetime(2026, 11, 1, 3, 59, tzinfo=UTC),
            "Eastern Time (US & Canada)",
            date(2026, 10, 31),
        ),
        # … and 04:30 UTC on 2 Nov is 23:30 EST on 1 Nov (UTC-5).
        (datetime(2026, 11, 2, 4, 30, tzinfo=UTC), "Eastern Time (US & Canada)", date(2026, 11, 1)),
        # DST starts 8 Mar 2026: 04:30 UTC is 23:30 EST on the 7th, 05:30 UTC is 01:30 EST.
        (datetime(2026, 3, 8, 4, 30, tzinfo=UTC), "Eastern Time (US & Canada)", date(2026, 3, 7)),
        (datetime(2026, 3, 8, 5, 30, tzinfo=UTC), "Eastern Time (US & Canada)", date(2026, 3, 8)),
        (datetime(2026, 11, 20, 23, 0, tzinfo=UTC), "Auckland", date(2026, 11, 21)),
        (datetime(2026, 11, 20, 23, 0, tzinfo=UTC), None, date(2026, 11, 20)),
        (datetime(2026, 11, 20, 23, 0, tzinfo=UTC), "Asia/Tokyo", date(2026, 11, 21)),
    ],
)
def test_local_today(instant: datetime, zone: str | None, expected: date) -> None:
    assert local_today(instant, zone_for(zone)) == expected


def test_unknown_zone_falls_back_to_utc() -> None:
    assert zone_for("Atlantis").key == "Etc/UTC"
