"""Writes under injected faults: 5xx bursts, 429s and errors after a commit lose nothing
and double nothing, and an import killed half-way resumes from its journal to exactly the
intended entries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from harvestkit.api import AsyncHarvest
from harvestkit.tools import ToolContext, catalog, execute
from harvestkit.tools.outcomes.import_time import CONCURRENCY, MemoryJournal, run_import
from tests.conftest import open_copy

from .conftest import SCALE, Recorder, client, context

pytestmark = pytest.mark.anyio

TOOLS = {tool.name: tool for tool in catalog()}
PROJECT = "Internal Training"
FAULTS = {"error_rate": 0.15, "throttle_rate": 0.15, "error_after_commit_rate": 0.25}
Key = tuple[int, str, Decimal, str]


@pytest.fixture
def app(demo_template: Path, tmp_path: Path) -> Iterator[Any]:
    app = open_copy(demo_template, tmp_path, rate_limit_scale=SCALE)
    yield app
    app.state.sandbox.close()


def monday_before(app: Any) -> date:
    today: date = app.state.sandbox.clock.utcnow().date()
    return today - timedelta(days=today.weekday() + 7)


async def entries_noted(h: AsyncHarvest, prefix: str) -> Counter[Key]:
    """(user, date, hours, notes) of every entry whose notes start with ``prefix``."""
    me = await h.call("users.me")
    found: Counter[Key] = Counter()
    async for e in h.paginate("time_entries.list", user_id=me.id, per_page=100):
        if (e.notes or "").startswith(prefix):
            found[(e.user.id, str(e.spent_date), Decimal(str(e.hours)), e.notes)] += 1
    return found


def csv_of(rows: list[tuple[date | str, str, str]]) -> str:
    lines = ["date,project,task,duration,notes"]
    lines += [f"{day},{PROJECT},Training,{duration},{notes}" for day, duration, notes in rows]
    return "\n".join(lines) + "\n"


def intended(user: int, rows: list[tuple[date, str, str]]) -> Counter[Key]:
    hours = {"15m": Decimal("0.25"), "30m": Decimal("0.5"), "1h": Decimal("1")}
    return Counter((user, str(day), hours[duration], notes) for day, duration, notes in rows)


def rows_for(start: date, count: int, label: str) -> list[tuple[date, str, str]]:
    durations = ("15m", "30m", "1h")
    return [(start + timedelta(days=i % 5), durations[i % 3], f"{label} {i}") for i in range(count)]


@pytest.mark.parametrize("seed", [1, 2])
async def test_log_time_batch_under_faults_lands_exactly_once(app: Any, seed: int) -> None:
    rows = rows_for(monday_before(app), 25, f"fault log {seed}")
    entries = [
        {"project": PROJECT, "task": "Training", "duration": d, "date": str(day), "notes": n}
        for day, d, n in rows
    ]
    recorder = Recorder(app)
    app.state.sandbox.faults.update(**FAULTS, seed=seed)
    async with client(recorder) as h:
        result = await execute(TOOLS["log_time"], context(h), {"entries": entries})
        injected = dict(app.state.sandbox.faults.injected)
        app.state.sandbox.faults.clear()
        me = (await h.call("users.me")).id
        assert await entries_noted(h, f"fault log {seed}") == intended(me, rows)
    assert len(result.model_dump()["logged"]) == 25
    assert injected.get("error_after_commit") and injected.get("throttle") and injected.get("error")


async def test_import_of_fifty_rows_under_faults_lands_exactly_once(app: Any) -> None:
    rows = rows_for(monday_before(app), 50, "fault import")
    app.state.sandbox.faults.update(**FAULTS, seed=3)
    async with client(Recorder(app)) as h:
        report = await execute(
            TOOLS["import_time"], context(h), {"csv": csv_of(rows), "confirm": True}
        )
        injected = dict(app.state.sandbox.faults.injected)
        app.state.sandbox.faults.clear()
        me = (await h.call("users.me")).id
        assert await entries_noted(h, "fault import") == intended(me, rows)
    assert report.model_dump()["created"] == 50
    assert injected.get("error_after_commit") and injected.get("throttle") and injected.get("error")


class Killed(Exception):
    """The process died: no response, and nothing after it runs."""


class DiesAfterWrites(Recorder):
    """Lets ``n`` writes through; the next write reaches the sandbox (and commits), then
    the process dies, and every later request fails the same way."""

    def __init__(self, app: Any, n: int) -> None:
        super().__init__(app)
        self.n = n
        self.dead = False

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.dead:
            raise Killed
        response = await super().handle_async_request(request)
        if request.method == "POST" and len(self.committed_writes()) > self.n:
            self.dead = True
            raise Killed
        return response


@pytest.mark.parametrize("n", [0, 17, 49])
async def test_interrupted_import_resumes_to_exactly_the_intended_entries(app: Any, n: int) -> None:
    rows = rows_for(monday_before(app), 50, f"resumed import {n}")
    text = csv_of(rows)
    journal = MemoryJournal()
    dying = DiesAfterWrites(app, n)
    async with client(dying) as h:
        with pytest.raises(Killed):
            await run_import(context(h), text, journal=journal, dry_run=False)
    # Writes already in flight when it died may have committed too.
    assert n < len(dying.committed_writes()) <= n + CONCURRENCY
    async with client(Recorder(app)) as h:
        report = await run_import(context(h), text, journal=journal, dry_run=False)
        me = (await h.call("users.me")).id
        assert await entries_noted(h, f"resumed import {n}") == intended(me, rows)
    assert report.already_done + report.already_in_harvest + report.created == 50


async def test_a_resumed_import_writes_relative_dates_on_the_day_first_meant(app: Any) -> None:
    """'yesterday' rows, killed half-way, resumed the next day: every row on one date."""
    day = monday_before(app) + timedelta(days=2)
    text = csv_of([("yesterday", "30m", f"yesterday import {i}") for i in range(30)])
    journal = MemoryJournal()
    first_run = datetime.combine(day, time(12), UTC)
    async with client(DiesAfterWrites(app, 11)) as h:
        with pytest.raises(Killed):
            await run_import(
                ToolContext(harvest=h, clock=lambda: first_run),
                text,
                journal=journal,
                dry_run=False,
            )
    next_day = first_run + timedelta(days=1)
    async with client(Recorder(app)) as h:
        report = await run_import(
            ToolContext(harvest=h, clock=lambda: next_day), text, journal=journal, dry_run=False
        )
        found = await entries_noted(h, "yesterday import")
    assert report.already_done + report.already_in_harvest + report.created == 30
    assert {spent for _, spent, _, _ in found} == {str(day - timedelta(days=1))}
    assert sum(found.values()) == 30 and set(found.values()) == {1}
