"""Timers, my_time and team_time against the demo company."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from harvestkit.tools import ToolError
from harvestkit.tools.outcomes.log_time import LOG_TIME
from harvestkit.tools.outcomes.time_reports import MY_TIME, TEAM_TIME
from harvestkit.tools.outcomes.timers import CURRENT_TIMER, START_TIMER, STOP_TIMER

from .conftest import ETHAN, NY_EVENING, PRIYA, RAVI, World, run

pytestmark = pytest.mark.anyio


async def test_timer_start_current_stop(world: World) -> None:
    assert (await run(CURRENT_TIMER, world.ctx(ETHAN), {})).timer is None
    started = await run(
        START_TIMER, world.ctx(ETHAN), {"project": "internal training", "notes": "course"}
    )
    assert started.timer.is_running and started.timer.spent_date == date(2026, 11, 20)
    later = NY_EVENING + timedelta(minutes=90)
    current = await run(CURRENT_TIMER, world.ctx(ETHAN, now=later), {})
    assert current.timer.id == started.timer.id
    stopped = await run(STOP_TIMER, world.ctx(ETHAN, now=later), {})
    assert not stopped.timer.is_running and stopped.timer.hours == Decimal("1.50")
    with pytest.raises(ToolError):
        await run(STOP_TIMER, world.ctx(ETHAN, now=later), {})


async def test_starting_a_second_timer_reports_the_stopped_one(world: World) -> None:
    first = await run(START_TIMER, world.ctx(ETHAN), {"project": "internal training"})
    second = await run(
        START_TIMER, world.ctx(ETHAN), {"project": "Internal Admin", "task": "Admin"}
    )
    assert second.stopped is not None and second.stopped.id == first.timer.id
    assert not second.stopped.is_running


async def test_my_time_totals_split_billable_and_follow_every_page(world: World) -> None:
    await run(
        LOG_TIME,
        world.ctx(ETHAN),
        {
            "entries": [
                {"project": "Williams", "task": "Development", "duration": "4h"},
                {"project": "internal training", "duration": "2h"},
            ]
        },
    )
    result = await run(MY_TIME, world.ctx(ETHAN), {"period": "today"})
    assert result.start == result.end == date(2026, 11, 20)
    assert result.person.id == ETHAN
    t = result.totals
    assert t.total_hours == t.billable_hours + t.non_billable_hours
    assert t.billable_hours >= Decimal("4.00") and t.non_billable_hours >= Decimal("2.00")
    month = await run(MY_TIME, world.ctx(ETHAN), {"period": "last month"})
    assert (month.start, month.end) == (date(2026, 10, 1), date(2026, 10, 31))
    assert month.total_entries > len(month.entries) == 50 and month.next_cursor == "50"
    rest = await run(MY_TIME, world.ctx(ETHAN), {"period": "last month", "cursor": "50"})
    seen = {e.id for e in month.entries} | {e.id for e in rest.entries}
    assert len(seen) == min(month.total_entries, 100)
    assert sum(p.total_hours for p in month.by_project) == month.totals.total_hours


async def test_member_cannot_read_someone_elses_time(world: World) -> None:
    with pytest.raises(ToolError):
        await run(MY_TIME, world.ctx(RAVI), {"person": "Ethan Brooks"})
    with pytest.raises(ToolError):
        await run(TEAM_TIME, world.ctx(RAVI), {})


async def test_team_time_for_a_manager_and_a_filter(world: World) -> None:
    result = await run(TEAM_TIME, world.ctx(), {"period": "last week"})
    assert (result.start, result.end) == (date(2026, 11, 9), date(2026, 11, 15))
    assert len(result.people) >= 5
    assert result.totals.total_hours == sum(p.total_hours for p in result.people)
    some = await run(TEAM_TIME, world.ctx(PRIYA), {"period": "last week", "people": ["Dana"]})
    assert [p.person.name for p in some.people] == ["Dana Whitfield"]


async def test_this_week_follows_the_new_york_calendar_on_sunday_night(world: World) -> None:
    # Sunday 22 Nov 2026, 23:30 in New York (04:30 UTC Monday): still last week there.
    now = datetime(2026, 11, 23, 4, 30, tzinfo=UTC)
    result = await run(MY_TIME, world.ctx(ETHAN, now=now), {"period": "this week"})
    assert (result.start, result.end) == (date(2026, 11, 16), date(2026, 11, 22))
