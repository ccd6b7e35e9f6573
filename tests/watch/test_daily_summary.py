"""The daily summary: at 18:00 New York, once per working day, with the time report's
figures."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from harvestkit.governance import NotificationLog
from tests.conftest import ACCOUNT_ID
from tests.watch.conftest import Bed, hours

pytestmark = pytest.mark.anyio

RULES = {"daily_summary": {"at": "18:00", "timezone": "America/New_York"}}
# 17:59 in New York on Friday 20 November 2026 (EST, UTC-5).
FRIDAY_BEFORE = datetime(2026, 11, 20, 22, 59, tzinfo=UTC)


async def _report(bed: Bed, day: date) -> dict[str, Any]:
    """Harvest's team time report for one day, summed per person."""
    people: dict[int, dict[str, Decimal]] = defaultdict(
        lambda: {"total": Decimal(0), "billable": Decimal(0)}
    )
    async with bed.admin() as h:
        async for row in h.paginate("reports.time_team", from_=day, to=day):
            people[row.user_id]["total"] += hours(row.total_hours)
            people[row.user_id]["billable"] += hours(row.billable_hours)
    return people


async def _log_monday(bed: Bed) -> None:
    async with bed.admin() as h:
        projects = [p async for p in h.paginate("projects.list", is_active=True)]
        project = next(p for p in projects if p.is_billable)
        tasks = [
            a async for a in h.paginate("projects.task_assignments.list", project_id=project.id)
        ]
        task = tasks[0]
        await h.call(
            "time_entries.create",
            project_id=project.id,
            task_id=task.task.id,
            spent_date=date(2026, 11, 23),
            hours=Decimal("3.25"),
        )


async def test_once_per_working_day_with_the_reports_figures(bed: Bed) -> None:
    bed.clock.set(FRIDAY_BEFORE)
    worker = bed.worker(bed.config(**RULES))
    assert (await worker.poll()).noticed == []
    bed.clock.advance(60)  # 18:00 Friday
    assert (await worker.poll()).noticed == ["summary:2026-11-20"]
    bed.clock.advance(30 * 60)
    assert (await worker.poll()).noticed == []
    for _ in range(2):  # Saturday and Sunday at 13:30 and 18:30: no summary
        bed.clock.advance(timedelta(hours=19).total_seconds())
        assert (await worker.poll()).noticed == []
        bed.clock.advance(timedelta(hours=5).total_seconds())
        assert (await worker.poll()).noticed == []
    await _log_monday(bed)
    bed.clock.advance(timedelta(hours=23, minutes=29).total_seconds())  # Monday 17:59
    assert (await worker.poll()).noticed == []
    bed.clock.advance(60)
    assert (await worker.poll()).noticed == ["summary:2026-11-23"]
    restarted = bed.worker(bed.config(**RULES))
    bed.clock.advance(60)
    assert (await restarted.poll()).noticed == []

    assert len(bed.mail) == 2 and len(bed.receiver.received) == 2
    log = NotificationLog(bed.store)
    for notification in log.recent(account_id=ACCOUNT_ID, rule="daily_summary"):
        figures = notification.payload["figures"]
        report = await _report(bed, date.fromisoformat(figures["date"]))
        shown = {p["person_id"]: p for p in figures["people"]}
        assert set(shown) == {uid for uid, m in report.items() if m["total"]}
        for uid, p in shown.items():
            assert Decimal(p["total_hours"]) == report[uid]["total"]
            assert Decimal(p["billable_hours"]) == report[uid]["billable"]
            assert (
                Decimal(p["non_billable_hours"]) == report[uid]["total"] - report[uid]["billable"]
            )
        team = figures["team"]
        assert Decimal(team["total_hours"]) == sum(m["total"] for m in report.values())
        assert Decimal(team["billable_hours"]) == sum(m["billable"] for m in report.values())
    monday = log.recent(account_id=ACCOUNT_ID, rule="daily_summary")[0]
    assert Decimal(monday.payload["figures"]["team"]["total_hours"]) == Decimal("3.25")
