"""Harvest requests per outcome, cold and warm, for every outcome tool.

Each tool runs once on a fresh copy of the demo company with an empty reference cache
(cold), then on another fresh copy with the cache the first run filled (warm: the same
user and account, so names, assignments and company settings come from the cache). An
httpx transport wrapper counts the requests that reach Harvest (the in-process sandbox),
split into general and reports requests (the reports budget is 100 per 15 minutes).
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from harvestkit.api import AsyncHarvest, RateLimits
from harvestkit.sandbox import SandboxConfig, create_app
from harvestkit.tools import InMemoryCache, ToolContext, execute
from harvestkit.tools.outcomes import OUTCOME_TOOLS

TOKEN = "bench-outcomes-token"
ACCOUNT_ID = 424243
NEW_YORK = ZoneInfo("America/New_York")
SCALE = 0.001  # rate-limit windows scaled down: this counts requests, it doesn't pace them

CSV = (
    "date,project,task,duration,notes\n"
    "2026-11-16,Internal Training,Training,1h,bench import 1\n"
    "2026-11-17,INT-TRN,,0:30,bench import 2\n"
)

ARGUMENTS: dict[str, dict[str, Any]] = {
    "log_time": {
        "entries": [
            {"project": "Website Redesign", "task": "Development", "duration": "4h"},
            {"project": "internal training", "duration": "2h"},
        ]
    },
    "start_timer": {"project": "Internal Training"},
    "stop_timer": {},
    "current_timer": {},
    "my_time": {"period": "this week"},
    "team_time": {"period": "last week"},
    "budget_status": {"project": "Dispatch Dashboard"},
    "explain_invoice": {"client": "Williams"},
    "invoice_from_time": {"client": "Williams & Co", "period": "last 30 days", "confirm": True},
    # Invoice and estimate numbers are filled in from the seeded company by `_pick`.
    "send_invoice": {"recipients": ["ap@client.example"], "confirm": True},
    "record_payment": {"confirm": True},
    "delete_invoice_safely": {"confirm": True},
    "unbilled_expenses": {"period": "this year"},
    "add_expense": {"project": "Internal Training", "category": "Meals", "amount": "12.5"},
    "utilization": {"period": "last month"},
    "timesheet_gaps": {},
    "estimate_to_project": {"deposit_percent": 30, "confirm": True},
    "import_time": {"csv": CSV, "confirm": True},
}

SETUP: dict[str, tuple[str, dict[str, Any]]] = {
    # stop_timer needs a running timer; made before counting starts.
    "stop_timer": (
        "time_entries.create",
        {"project_id": 14307927, "task_id": 8083374, "spent_date": "2026-11-20"},
    ),
}


class Counting(httpx.AsyncBaseTransport):
    """Counts requests by kind on their way to the sandbox."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.general = 0
        self.reports = 0
        self.writes = 0
        self.counting = True

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.counting:
            if "/reports/" in request.url.path:
                self.reports += 1
            else:
                self.general += 1
            if request.method != "GET":
                self.writes += 1
        return await self.inner.handle_async_request(request)


def _evening_before(seeded: datetime) -> datetime:
    """18:00 in New York on the last day of the seeded history (the day before seeding)."""
    day = seeded.astimezone(NEW_YORK).date() - timedelta(days=1)
    return datetime.combine(day, time(18, 0), tzinfo=NEW_YORK).astimezone(UTC)


async def _pick(template: Path) -> None:
    """Invoice and estimate numbers in the demo company that fit each tool."""
    app = create_app(SandboxConfig(db=str(template), token=TOKEN, account_id=ACCOUNT_ID))
    harvest = AsyncHarvest(
        TOKEN, ACCOUNT_ID, base_url="http://sandbox.test/v2",
        identity_url="http://sandbox.test", transport=httpx.ASGITransport(app=app),
    )  # fmt: skip
    try:
        invoices = [i async for i in harvest.paginate("invoices.list")]
        estimates = [e async for e in harvest.paginate("estimates.list", state="accepted")]
        paid = next(i for i in invoices if i.state == "paid")
        ARGUMENTS["send_invoice"]["invoice"] = next(
            i for i in invoices if i.state == "draft"
        ).number
        ARGUMENTS["record_payment"]["invoice"] = next(
            i for i in invoices if i.state == "open"
        ).number
        ARGUMENTS["delete_invoice_safely"]["invoice"] = paid.number
        ARGUMENTS["estimate_to_project"]["estimate"] = estimates[0].number
    finally:
        await harvest.aclose()
        app.state.sandbox.close()


async def _once(
    template: Path, tool_name: str, cache: InMemoryCache, now: datetime
) -> dict[str, int]:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.sqlite3"
        shutil.copyfile(template, db)
        config = SandboxConfig(
            db=str(db), seed="demo", token=TOKEN, account_id=ACCOUNT_ID, rate_limit_scale=SCALE
        )
        app = create_app(config)
        app.state.sandbox.clock.set(now)
        counter = Counting(httpx.ASGITransport(app=app))
        harvest = AsyncHarvest(
            TOKEN, ACCOUNT_ID, base_url="http://sandbox.test/v2",
            identity_url="http://sandbox.test", transport=counter,
            rate_limits=RateLimits().scaled(SCALE),
        )  # fmt: skip
        try:
            if tool_name in SETUP:
                counter.counting = False
                op, args = SETUP[tool_name]
                await harvest.call(op, **args)
                counter.counting = True
            tool = next(t for t in OUTCOME_TOOLS if t.name == tool_name)
            ctx = ToolContext(harvest=harvest, cache=cache, clock=lambda: now)
            await execute(tool, ctx, ARGUMENTS[tool_name])
        finally:
            await harvest.aclose()
            app.state.sandbox.close()
    return {"general": counter.general, "reports": counter.reports, "writes": counter.writes}


async def _measure(template: Path, now: datetime) -> dict[str, Any]:
    await _pick(template)
    figures: dict[str, Any] = {}
    for tool in OUTCOME_TOOLS:
        cache = InMemoryCache()
        cold = await _once(template, tool.name, cache, now)
        warm = await _once(template, tool.name, cache, now)
        figures[f"{tool.name} cold (general+reports, writes)"] = (
            f"{cold['general']}+{cold['reports']}, {cold['writes']}"
        )
        figures[f"{tool.name} warm (general+reports, writes)"] = (
            f"{warm['general']}+{warm['reports']}, {warm['writes']}"
        )
    return figures


def run() -> dict[str, Any]:
    """Requests per outcome for every outcome tool, cold and warm cache."""
    with tempfile.TemporaryDirectory() as folder:
        template = Path(folder) / "template.sqlite3"
        app = create_app(
            SandboxConfig(db=str(template), seed="demo", token=TOKEN, account_id=ACCOUNT_ID)
        )
        seeded = app.state.sandbox.clock.now()
        app.state.sandbox.close()
        return asyncio.run(_measure(template, _evening_before(seeded)))


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name}: {value}")
