"""Recipes for the outcome tools: valid arguments on a fresh copy of the demo company,
acting as its administrator (merged into ``tests.tools.recipes.RECIPES``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from harvestkit.api import AsyncHarvest
from harvestkit.clock import system_now
from tests.demo_records import (
    HANSEN,
    client_id,
    draft_invoice,
    invoice_paid_in_two,
    latest_open_invoice,
)

Recipe = Callable[[AsyncHarvest], Awaitable[dict[str, Any]]]

INTERNAL_TRAINING = 14307927
TRAINING_TASK = 8083374


def _fixed(args: dict[str, Any]) -> Recipe:
    async def build(h: AsyncHarvest) -> dict[str, Any]:
        return dict(args)

    return build


async def _running_timer(h: AsyncHarvest) -> dict[str, Any]:
    """Start a timer so that stop_timer has one to stop."""
    await h.call(
        "time_entries.create",
        project_id=INTERNAL_TRAINING,
        task_id=TRAINING_TASK,
        spent_date=system_now().date(),
    )
    return {}


async def _explain(h: AsyncHarvest) -> dict[str, Any]:
    return {"invoice": await latest_open_invoice(h)}


async def _send(h: AsyncHarvest) -> dict[str, Any]:
    draft = await draft_invoice(h, await client_id(h, HANSEN))
    return {"invoice": draft, "recipients": ["accounts@hansen.example"], "confirm": True}


async def _pay(h: AsyncHarvest) -> dict[str, Any]:
    return {"invoice": await latest_open_invoice(h), "amount": "100", "confirm": True}


async def _delete(h: AsyncHarvest) -> dict[str, Any]:
    """An invoice with payments on it: the safe delete removes them first."""
    return {"invoice": await invoice_paid_in_two(h), "confirm": True}


IMPORT_CSV = (
    "date,project,task,duration,notes\n"
    "2026-11-16,Internal Training,Training,1h,recipe import 1\n"
    "2026-11-17,INT-TRN,,0:30,recipe import 2\n"
)

RECIPES: dict[str, Recipe] = {
    "log_time": _fixed(
        {"entries": [{"project": "Internal Training", "duration": "1h", "notes": "recipe"}]}
    ),
    "start_timer": _fixed({"project": "Internal Training"}),
    "stop_timer": _running_timer,
    "current_timer": _fixed({}),
    "my_time": _fixed({"period": "last month"}),
    "team_time": _fixed({"period": "2026-11-09..2026-11-15"}),
    "budget_status": _fixed({"project": "Website Redesign", "chart": True}),
    "explain_invoice": _explain,
    "invoice_from_time": _fixed(
        {"client": "Williams & Co", "period": "last 30 days", "confirm": True}
    ),
    "send_invoice": _send,
    "record_payment": _pay,
    "delete_invoice_safely": _delete,
    "unbilled_expenses": _fixed({"period": "2026"}),
    "add_expense": _fixed({"project": "Internal Training", "category": "Meals", "amount": "12.5"}),
    "utilization": _fixed({"period": "2026-10-01..2026-10-31"}),
    "timesheet_gaps": _fixed({"period": "2026-11-16..2026-11-20"}),
    "estimate_to_project": _fixed({"estimate": "1002", "deposit_percent": 20, "confirm": True}),
    "import_time": _fixed({"csv": IMPORT_CSV, "confirm": True}),
}
