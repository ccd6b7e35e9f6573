"""What people say every day, read as they mean it: durations, dates, periods; a day holds
at most 24 hours; a future date is asked about before logging."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from harvestkit.tools import NeedsInput, ToolError
from harvestkit.tools.outcomes.log_time import LOG_TIME
from harvestkit.tools.outcomes.time_reports import MY_TIME
from harvestkit.tools.timeframes import parse_date, parse_duration, parse_period

from .conftest import ETHAN, World, run

pytestmark = pytest.mark.anyio
FRIDAY = date(2026, 11, 20)  # NY_EVENING in New York


@pytest.mark.parametrize(
    ("said", "hours"),
    [
        ("1h30", "1.50"),
        ("1h30m", "1.50"),
        ("four hours", "4.00"),
        ("two and a half hours", "2.50"),
        ("an hour", "1.00"),
        ("twelve hours", "12.00"),
    ],
)
def test_durations_people_say(said: str, hours: str) -> None:
    assert parse_duration(said) == Decimal(hours)


def test_half_a_day_needs_the_persons_day() -> None:
    assert parse_duration("half a day", Decimal("7.5")) == Decimal("3.75")
    with pytest.raises(ValueError, match="how long your day is"):
        parse_duration("half a day")


@pytest.mark.parametrize(
    ("said", "day"),
    [
        ("Dec 3", date(2026, 12, 3)),
        ("3 Dec", date(2026, 12, 3)),
        ("December 3rd", date(2026, 12, 3)),
        ("Nov 2", date(2026, 11, 2)),
        ("Dec 30, 2025", date(2025, 12, 30)),
    ],
)
def test_dates_people_say(said: str, day: date) -> None:
    assert parse_date(said, FRIDAY) == day


def test_a_day_without_a_year_is_the_nearest_one() -> None:
    assert parse_date("Dec 30", date(2027, 1, 2)) == date(2026, 12, 30)


def test_a_month_by_name_is_the_latest_that_has_begun() -> None:
    assert parse_period("november", FRIDAY) == parse_period("this month", FRIDAY)
    december = parse_period("december", FRIDAY)
    assert (december.start, december.end) == (date(2025, 12, 1), date(2025, 12, 31))
    assert parse_period("nov 2025", FRIDAY).start == date(2025, 11, 1)


async def test_november_as_a_period_for_my_time(world: World) -> None:
    named = await run(MY_TIME, world.ctx(ETHAN), {"period": "november"})
    this = await run(MY_TIME, world.ctx(ETHAN), {"period": "this month"})
    assert named.totals == this.totals and (named.start, named.end) == (this.start, this.end)
    assert named.total_entries > 0


async def test_logging_with_everyday_phrasings(world: World) -> None:
    entries = [
        {"project": "Internal Training", "duration": "1h30", "date": "Nov 2"},
        {"project": "Internal Training", "duration": "four hours", "date": "3 Nov"},
        {"project": "Internal Training", "duration": "half a day", "date": "Nov 4"},
    ]
    result = await run(LOG_TIME, world.ctx(ETHAN), {"entries": entries})
    logged = [(e.spent_date, e.hours) for e in result.logged]
    assert logged[:2] == [(date(2026, 11, 2), Decimal("1.50")), (date(2026, 11, 3), Decimal("4"))]
    # Ethan's weekly capacity is 40 h: a day is 8 h.
    assert logged[2] == (date(2026, 11, 4), Decimal("4"))


async def test_a_day_never_holds_more_than_24_hours(world: World) -> None:
    day = "2026-11-14"  # a Saturday with nothing logged
    first = [{"project": "Internal Training", "duration": "16h", "date": day}]
    await run(LOG_TIME, world.ctx(ETHAN), {"entries": first})
    before = len(world.counter.requests)
    more = [{"project": "Internal Training", "duration": "14h", "date": day}]
    with pytest.raises(ToolError) as refused:
        await run(LOG_TIME, world.ctx(ETHAN), {"entries": more})
    assert "would hold 30.00 h (16.00 h already logged, 14.00 h in this call)" in str(
        refused.value.message
    )
    assert all(m == "GET" for m, _ in world.counter.requests[before:])
    both = [
        {"project": "Internal Training", "duration": "12h", "date": "2026-11-07"},
        {"project": "Internal Training", "duration": "13h", "date": "2026-11-07"},
    ]
    with pytest.raises(ToolError, match="a day has 24 hours"):
        await run(LOG_TIME, world.ctx(ETHAN), {"entries": both})


@pytest.mark.parametrize("said", ["tomorrow", "next Monday", "Dec 3"])
async def test_a_future_date_is_confirmed_before_logging(world: World, said: str) -> None:
    entry = {"project": "Internal Training", "duration": "1h", "date": said}
    with pytest.raises(NeedsInput) as asked:
        await run(LOG_TIME, world.ctx(ETHAN), {"entries": [entry]})
    assert asked.value.question.key == "entries.0.future"
    assert "is in the future" in asked.value.question.message
    assert all(m == "GET" for m, _ in world.counter.requests)
    answered = world.ctx(ETHAN, answers={"entries.0.future": True})
    result = await run(LOG_TIME, answered, {"entries": [entry]})
    assert result.logged[0].spent_date > FRIDAY
    if said == "next Monday":
        assert result.logged[0].spent_date == date(2026, 11, 23)
