"""utilization and timesheet_gaps."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from harvestkit.tools import ToolError
from harvestkit.tools.outcomes.capacity import TIMESHEET_GAPS, UTILIZATION, workdays
from harvestkit.tools.outcomes.log_time import LOG_TIME

from .conftest import ETHAN, PRIYA, World, run

pytestmark = pytest.mark.anyio


def test_workdays_skip_weekends() -> None:
    assert workdays(date(2026, 11, 16), date(2026, 11, 22)) == 5
    assert workdays(date(2026, 11, 1), date(2026, 11, 30)) == 21


async def test_utilization_per_person_and_team(world: World) -> None:
    result = await run(UTILIZATION, world.ctx(), {"period": "last month"})
    assert (result.start, result.end, result.workdays) == (
        date(2026, 10, 1),
        date(2026, 10, 31),
        22,
    )
    ethan = next(p for p in result.people if p.person.id == ETHAN)
    assert ethan.capacity_hours == Decimal("176.00")  # 40 h a week over 22 workdays
    assert ethan.total_hours == ethan.billable_hours + ethan.non_billable_hours
    assert ethan.utilization_percent == (ethan.billable_hours * 100 / 176).quantize(Decimal("0.1"))
    usd = ethan.billable_amounts["USD"]
    assert ethan.effective_hourly_rate == (usd / ethan.total_hours).quantize(Decimal("0.01"))
    assert result.team.total_hours == sum(p.total_hours for p in result.people)
    assert result.team.capacity_hours == sum(p.capacity_hours for p in result.people)


async def test_utilization_is_for_managers(world: World) -> None:
    with pytest.raises(ToolError):
        await run(UTILIZATION, world.ctx(ETHAN), {})
    some = await run(UTILIZATION, world.ctx(PRIYA), {"people": ["Dana Whitfield"]})
    assert [p.person.name for p in some.people] == ["Dana Whitfield"]


async def test_timesheet_gaps_this_week_so_far(world: World) -> None:
    # Friday 20 November in New York: five workdays so far.
    before = await run(TIMESHEET_GAPS, world.ctx(), {})
    assert (before.start, before.end, before.workdays_so_far) == (
        date(2026, 11, 16),
        date(2026, 11, 20),
        5,
    )
    for gap in before.gaps:
        assert gap.missing_hours == gap.expected_hours - gap.logged_hours > 0
    ethan = next(g for g in before.gaps if g.person.id == ETHAN)
    missing = ethan.missing_hours
    entries = []
    while missing > 0:
        chunk = min(missing, Decimal(12))
        entries.append({"project": "internal training", "duration": f"{chunk}h"})
        missing -= chunk
    await run(LOG_TIME, world.ctx(ETHAN), {"entries": entries, "confirm": True})
    after = await run(TIMESHEET_GAPS, world.ctx(), {})
    assert ETHAN not in {g.person.id for g in after.gaps}
    assert after.people_checked == before.people_checked
