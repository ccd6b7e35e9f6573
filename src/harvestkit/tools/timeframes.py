"""What people say about time, turned into dates, periods and hours.

"today", "last Friday", "Dec 3", "this week", "november" and "last month" are read in the
calling user's time zone (Harvest's company object has none; users carry Rails-style zone
names such as
"Eastern Time (US & Canada)") and the company's `week_start_day`. Durations accept the ways
people write them: "4h", "4 hours", "four hours", "1h30", "1:30", "90 minutes", "3.5h",
"half an hour", "half a day" (given the person's day length), and
start–end times ("9:00-10:30", "9am to 11:30am").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "HARVEST_ZONES",
    "Period",
    "format_clock",
    "local_today",
    "parse_date",
    "parse_duration",
    "parse_period",
    "parse_time_of_day",
    "parse_time_range",
    "zone_for",
]

# Harvest (Rails ActiveSupport) zone names → IANA. The common ones; an IANA name is also
# accepted as is, so an account using a zone missing here still works if Harvest sends it.
HARVEST_ZONES: dict[str, str] = {
    "Hawaii": "Pacific/Honolulu",
    "Alaska": "America/Juneau",
    "Pacific Time (US & Canada)": "America/Los_Angeles",
    "Arizona": "America/Phoenix",
    "Mountain Time (US & Canada)": "America/Denver",
    "Central Time (US & Canada)": "America/Chicago",
    "Eastern Time (US & Canada)": "America/New_York",
    "Indiana (East)": "America/Indiana/Indianapolis",
    "Atlantic Time (Canada)": "America/Halifax",
    "Newfoundland": "America/St_Johns",
    "Mexico City": "America/Mexico_City",
    "Bogota": "America/Bogota",
    "Lima": "America/Lima",
    "Santiago": "America/Santiago",
    "Buenos Aires": "America/Argentina/Buenos_Aires",
    "Brasilia": "America/Sao_Paulo",
    "UTC": "Etc/UTC",
    "London": "Europe/London",
    "Edinburgh": "Europe/London",
    "Dublin": "Europe/Dublin",
    "Lisbon": "Europe/Lisbon",
    "Amsterdam": "Europe/Amsterdam",
    "Berlin": "Europe/Berlin",
    "Bern": "Europe/Zurich",
    "Zurich": "Europe/Zurich",
    "Brussels": "Europe/Brussels",
    "Copenhagen": "Europe/Copenhagen",
    "Madrid": "Europe/Madrid",
    "Paris": "Europe/Paris",
    "Rome": "Europe/Rome",
    "Stockholm": "Europe/Stockholm",
    "Vienna": "Europe/Vienna",
    "Warsaw": "Europe/Warsaw",
    "Prague": "Europe/Prague",
    "Athens": "Europe/Athens",
    "Helsinki": "Europe/Helsinki",
    "Kyiv": "Europe/Kiev",
    "Istanbul": "Europe/Istanbul",
    "Moscow": "Europe/Moscow",
    "Cairo": "Africa/Cairo",
    "Nairobi": "Africa/Nairobi",
    "Pretoria": "Africa/Johannesburg",
    "Abu Dhabi": "Asia/Muscat",
    "Mumbai": "Asia/Kolkata",
    "New Delhi": "Asia/Kolkata",
    "Kolkata": "Asia/Kolkata",
    "Singapore": "Asia/Singapore",
    "Hong Kong": "Asia/Hong_Kong",
    "Beijing": "Asia/Shanghai",
    "Tokyo": "Asia/Tokyo",
    "Seoul": "Asia/Seoul",
    "Brisbane": "Australia/Brisbane",
    "Sydney": "Australia/Sydney",
    "Melbourne": "Australia/Melbourne",
    "Perth": "Australia/Perth",
    "Auckland": "Pacific/Auckland",
    "Wellington": "Pacific/Auckland",
}

_WEEKDAYS = [name.lower() for name in calendar.day_name]  # monday … sunday


def zone_for(name: str | None) -> ZoneInfo:
    """The IANA zone for a Harvest zone name (or an IANA name); UTC when unknown or empty."""
    if not name:
        return ZoneInfo("Etc/UTC")
    try:
        return ZoneInfo(HARVEST_ZONES.get(name, name))
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("Etc/UTC")


def local_today(now: datetime, zone: ZoneInfo) -> date:
    """The calendar date in `zone` at the aware instant `now`."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return now.astimezone(zone).date()


@dataclass(frozen=True)
class Period:
    """An inclusive range of calendar dates."""

    start: date
    end: date

    @property
    def days(self) -> int:
        """How many calendar days the period spans."""
        return (self.end - self.start).days + 1


def _week_start(day: date, week_start_day: str) -> date:
    first = _WEEKDAYS.index(week_start_day.lower()) if week_start_day else 0
    return day - timedelta(days=(day.weekday() - first) % 7)


def _month(day: date) -> Period:
    last = calendar.monthrange(day.year, day.month)[1]
    return Period(day.replace(day=1), day.replace(day=last))


def _within_calendar(text: str) -> ValueError:
    # "last 1000000000 days" reads fine but lands before year 1: say so, as for any other
    # period that cannot be read, rather than let date arithmetic overflow.
    return ValueError(f"{text!r} reaches outside the calendar (years 1 to 9999)")


def parse_date(text: str, today: date) -> date:
    """A single day: "today", "yesterday", "tomorrow", "friday", "last Friday",
    "next Monday", "Dec 3", "3 Dec", ISO dates.

    A bare weekday means the most recent such day (today if it is that day); "last <weekday>"
    means the one before today. Raises `ValueError` with what was not understood.
    """
    try:
        return _parse_date(text, today)
    except OverflowError:
        raise _within_calendar(text) from None


def _parse_date(text: str, today: date) -> date:
    word = " ".join(text.strip().lower().split())
    if word in ("today", "now", ""):
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    if word == "tomorrow":
        return today + timedelta(days=1)
    match = re.fullmatch(r"next ([a-z]+)", word)
    if match and match.group(1) in _WEEKDAYS:
        ahead = (_WEEKDAYS.index(match.group(1)) - today.weekday()) % 7
        return today + timedelta(days=ahead or 7)
    match = re.fullmatch(r"(last |this |on )?([a-z]+)", word)
    if match and match.group(2) in _WEEKDAYS:
        back = (today.weekday() - _WEEKDAYS.index(match.group(2))) % 7
        if match.group(1) == "last " and back == 0:
            back = 7
        return today - timedelta(days=back)
    match = re.fullmatch(r"(\d+) days? ago", word)
    if match:
        return today - timedelta(days=int(match.group(1)))
    spoken = _month_day(word, today)
    if spoken is not None:
        return spoken
    try:
        return date.fromisoformat(word)
    except ValueError:
        raise ValueError(
            f"cannot read {text!r} as a date; use 'today', 'yesterday', a weekday "
            "('last Friday'), 'Dec 3' or an ISO date (2026-11-20)"
        ) from None


_MONTHS = {
    name: index
    for index in range(1, 13)
    for name in (calendar.month_name[index].lower(), calendar.month_abbr[index].lower())
}
_MONTHS["sept"] = 9


def _month_of(word: str) -> int | None:
    return _MONTHS.get(word.rstrip("."))


def _month_day(word: str, today: date) -> date | None:
    """ "Dec 3", "3 Dec", "December 3rd", "3rd of December", "Dec 3 2026": the date; without a
    year, the one nearest today (so "Dec 30" said on 2 January is last year's)."""
    word = word.replace(",", " ")
    match = re.fullmatch(
        r"([a-z.]+) (\d{1,2})(?:st|nd|rd|th)?(?: (\d{4}))?", " ".join(word.split())
    )
    if match and _month_of(match.group(1)):
        month, day, year = _month_of(match.group(1)), int(match.group(2)), match.group(3)
    else:
        match = re.fullmatch(
            r"(\d{1,2})(?:st|nd|rd|th)?(?: of)? ([a-z.]+)(?: (\d{4}))?", " ".join(word.split())
        )
        if not match or not _month_of(match.group(2)):
            return None
        month, day, year = _month_of(match.group(2)), int(match.group(1)), match.group(3)
    assert month is not None
    try:
        if year:
            return date(int(year), month, day)
        options = [date(y, month, day) for y in (today.year - 1, today.year, today.year + 1)]
    except ValueError:
        raise ValueError(f"{word!r} is not a day of the calendar") from None
    return min(options, key=lambda d: abs((d - today).days))


def _named_month(word: str, today: date) -> Period | None:
    """ "november", "nov 2025": that month; without a year, the latest one that has begun."""
    match = re.fullmatch(r"([a-z.]+)(?: (\d{4}))?", word)
    if not match or (month := _month_of(match.group(1))) is None:
        return None
    year = int(match.group(2)) if match.group(2) else today.year
    if not match.group(2) and date(year, month, 1) > today:
        year -= 1
    return _month(date(year, month, 1))


def parse_period(text: str, today: date, week_start_day: str = "Monday") -> Period:
    """A period: "this week", "last week", "this month", "last month", "this year",
    "last 30 days", "2026-11-01..2026-11-15", "2026-11", "november", "nov 2025", "2026",
    or any single day that `parse_date` reads. Raises `ValueError` when it cannot."""
    try:
        return _parse_period(text, today, week_start_day)
    except OverflowError:
        raise _within_calendar(text) from None


def _parse_period(text: str, today: date, week_start_day: str) -> Period:
    word = " ".join(text.strip().lower().split())
    if word in ("this week", "week"):
        start = _week_start(today, week_start_day)
        return Period(start, start + timedelta(days=6))
    if word == "last week":
        start = _week_start(today, week_start_day) - timedelta(days=7)
        return Period(start, start + timedelta(days=6))
    if word in ("this month", "month"):
        return _month(today)
    if word == "last month":
        return _month(today.replace(day=1) - timedelta(days=1))
    if word in ("this year", "year"):
        return Period(date(today.year, 1, 1), date(today.year, 12, 31))
    if word == "last year":
        return Period(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))
    match = re.fullmatch(r"(?:last|past) (\d+) (day|week)s?", word)
    if match:
        days = int(match.group(1)) * (7 if match.group(2) == "week" else 1)
        return Period(today - timedelta(days=days - 1), today)
    if re.fullmatch(r"\d{4}", word):
        return Period(date(int(word), 1, 1), date(int(word), 12, 31))
    match = re.fullmatch(r"(\d{4})-(\d{2})", word)
    if match:
        return _month(date(int(match.group(1)), int(match.group(2)), 1))
    named = _named_month(word, today)
    if named is not None:
        return named
    parts = re.split(r"\s*(?:\.\.|\bto\b|–|/)\s*", word)
    if len(parts) == 2 and all(parts):
        start, end = parse_date(parts[0], today), parse_date(parts[1], today)
        if end < start:
            raise ValueError(f"period {text!r} ends before it starts")
        return Period(start, end)
    day = parse_date(word, today)
    return Period(day, day)


_UNITS = {
    "h": Decimal(1),
    "hr": Decimal(1),
    "hrs": Decimal(1),
    "hour": Decimal(1),
    "hours": Decimal(1),
    "m": Decimal(1) / 60,
    "min": Decimal(1) / 60,
    "mins": Decimal(1) / 60,
    "minute": Decimal(1) / 60,
    "minutes": Decimal(1) / 60,
}
_WORDS = {"half an hour": "0.5h", "half hour": "0.5h", "an hour": "1h", "a quarter hour": "15m"}
_NUMBERS = {
    word: str(index)
    for index, word in enumerate(
        (
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        )
    )
}
_NUMBERS.update({"a": "1", "an": "1"})
_DAYS = {"half a day": Decimal("0.5"), "half day": Decimal("0.5"), "a day": Decimal(1)}
_DAYS.update({"a full day": Decimal(1), "full day": Decimal(1), "one day": Decimal(1)})
_CENT = Decimal("0.01")


def parse_duration(text: str, day_hours: Decimal | None = None) -> Decimal:
    """Hours, to two decimals, from "4h", "4 hours", "four hours", "1:30", "1h30",
    "90 minutes", "3.5h", "two and a half hours", "1h 30m", "half an hour", a start–end
    range ("9:00-10:30"), or "half a day" / "a day" given the person's `day_hours`."""
    word = " ".join(text.strip().lower().split())
    word = _WORDS.get(word, word)
    if word in _DAYS:
        if day_hours is None:
            raise ValueError(f"{text!r} depends on how long your day is; say it in hours")
        return _positive(_DAYS[word] * day_hours, text)
    word = re.sub(r"^(\w+) and a half\b", lambda m: f"{_NUMBERS.get(m[1], m[1])}.5", word)
    word = " ".join(_NUMBERS.get(part, part) for part in word.split())
    match = re.fullmatch(r"(\d+)\s*h\s*([0-5]?\d)\s*(?:m|min|mins)?", word)
    if match:
        return _positive(Decimal(match.group(1)) + Decimal(match.group(2)) / 60, text)
    if re.search(r"(am|pm|\d:\d\d)\s*(-|–|to)\s*\d", word):
        start, end = parse_time_range(word)
        minutes = (end[0] * 60 + end[1]) - (start[0] * 60 + start[1])
        return _positive(Decimal(minutes) / 60, text)
    match = re.fullmatch(r"(\d+):([0-5]\d)", word)
    if match:
        return _positive(Decimal(match.group(1)) + Decimal(match.group(2)) / 60, text)
    if re.fullmatch(r"\d+(\.\d+)?", word):
        return _positive(Decimal(word), text)
    total = Decimal(0)
    rest = word.replace(" and ", " ")
    for number, unit in re.findall(r"(\d+(?:\.\d+)?)\s*([a-z]+)", rest):
        if unit not in _UNITS:
            break
        total += Decimal(number) * _UNITS[unit]
    else:
        if re.fullmatch(r"(\s*\d+(?:\.\d+)?\s*[a-z]+)+", rest):
            return _positive(total, text)
    raise ValueError(
        f"cannot read {text!r} as a duration; use e.g. '4h', '1h30', 'four hours', "
        "'90 minutes', 'half an hour', 'half a day' or '9:00-10:30'"
    )


def _positive(hours: Decimal, text: str) -> Decimal:
    if hours <= 0 or hours > 24:
        raise ValueError(f"duration {text!r} must be more than 0 and at most 24 hours")
    return hours.quantize(_CENT, rounding=ROUND_HALF_UP)


def parse_time_of_day(text: str) -> tuple[int, int]:
    """(hour, minute) from "9", "9:30", "9am", "9:30 pm", "21:30"."""
    word = text.strip().lower().replace(" ", "")
    match = re.fullmatch(r"(\d{1,2})(?::([0-5]\d))?(am|pm)?", word)
    if not match:
        raise ValueError(f"cannot read {text!r} as a time of day; use e.g. '9:30am' or '21:30'")
    hour, minute, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
    if half:
        if not 1 <= hour <= 12:
            raise ValueError(f"{text!r}: hour must be 1-12 with am/pm")
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23:
        raise ValueError(f"{text!r}: hour must be 0-23")
    return hour, minute


def parse_time_range(text: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """Start and end (hour, minute) from "9:00-10:30" or "9am to 11:30am"."""
    parts = re.split(r"\s*(?:-|–|\bto\b)\s*", text.strip().lower())
    if len(parts) != 2:
        raise ValueError(f"cannot read {text!r} as start–end times; use e.g. '9:00-10:30'")
    start, end = parse_time_of_day(parts[0]), parse_time_of_day(parts[1])
    if end <= start:
        raise ValueError(f"time range {text!r} ends before it starts")
    return start, end


def format_clock(hour: int, minute: int, clock: str | None) -> str:
    """A time of day as Harvest expects it for the account's clock ("9:30am" or "09:30")."""
    if clock == "24h":
        return f"{hour:02d}:{minute:02d}"
    suffix = "am" if hour < 12 else "pm"
    return f"{(hour % 12) or 12}:{minute:02d}{suffix}"
