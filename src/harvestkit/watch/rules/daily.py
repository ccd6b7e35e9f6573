"""Rules that run once a day at a local time: the daily summary and timesheet gaps.

Each fires on the first poll at or after its time on one of its days, in its time zone,
and is keyed by that local date, so it is sent once per day however many workers poll.
A worker that was down at 18:00 sends the day's summary when it comes back that day.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from harvestkit.api.operations import (
    USERS_LIST,
)
from harvestkit.tools import ToolError, execute
from harvestkit.tools.outcomes.capacity import TIMESHEET_GAPS, UTILIZATION

from .._config import WEEKDAYS, DailySummaryRule, GapsRule
from ._check import Check

__all__ = ["check_gaps", "check_summary", "due_day"]


async def due_day(
    check: Check, at: time, zone_name: str | None, days: tuple[str, ...]
) -> date | None:
    """Today's local date if it is one of ``days`` and ``at`` has passed there."""
    local: datetime = check.now().astimezone(await check.zone(zone_name))
    if WEEKDAYS[local.weekday()] not in days or local.time() < at:
        return None
    return local.date()


def _person(p: Any) -> dict[str, Any]:
    return {
        "person": p.person.name,
        "person_id": p.person.id,
        "total_hours": str(p.total_hours),
        "billable_hours": str(p.billable_hours),
        "non_billable_hours": str(p.non_billable_hours),
        "capacity_hours": str(p.capacity_hours),
        "utilization_percent": str(p.utilization_percent),
    }


async def check_summary(check: Check, rule: DailySummaryRule) -> None:
    day = await due_day(check, rule.at, rule.timezone, rule.days)
    if day is None or check.seen(f"summary:{day}"):
        return
    period = f"{day}..{day}"
    out: Any = await execute(UTILIZATION, check.ctx, {"period": period})
    check.notify(
        f"summary:{day}",
        rule="daily_summary",
        subject=f"Time on {day}: {out.team.billable_hours} h billable, "
        f"{out.team.non_billable_hours} h internal",
        payload={
            "figures": {
                "date": str(day),
                "team": _person(out.team),
                "people": [_person(p) for p in out.people],
            },
            "link": f"{check.link_base}/reports",
            "act": {"tool": "team_time", "arguments": {"period": period}},
        },
        channels=rule.channels,
    )


async def check_gaps(check: Check, rule: GapsRule) -> None:
    day = await due_day(check, rule.at, rule.timezone, rule.days)
    if day is None:
        return
    if rule.period == "week" and WEEKDAYS[day.weekday()] != rule.days[-1]:
        return  # a week's gaps are told on the week's last working day
    key = f"gaps:{rule.period}:{day}"
    if check.seen(key):
        return
    period = f"{day}..{day}" if rule.period == "day" else "this week"
    try:
        out: Any = await execute(TIMESHEET_GAPS, check.ctx, {"period": period})
    except ToolError:
        return
    behind = [g for g in out.gaps if g.missing_hours >= rule.threshold_hours]
    remind: list[str] = []
    if rule.remind_people and behind:
        ids = {g.person.id for g in behind}
        users = [u async for u in check.ctx.harvest.paginate(USERS_LIST, is_active=True)]
        remind = sorted(u.email for u in users if u.id in ids and u.email)
    if not behind:
        return
    check.notify(
        key,
        rule="timesheet_gaps",
        subject=f"Timesheets: {len(behind)} people below capacity for {period}",
        payload={
            "figures": {
                "period": period,
                "people": [
                    {
                        "person": g.person.name,
                        "person_id": g.person.id,
                        "logged_hours": str(g.logged_hours),
                        "expected_hours": str(g.expected_hours),
                        "missing_hours": str(g.missing_hours),
                    }
                    for g in behind
                ],
            },
            "remind": remind,
            "link": f"{check.link_base}/time",
            "act": {"tool": "timesheet_gaps", "arguments": {"period": period}},
        },
        channels=rule.channels,
    )
