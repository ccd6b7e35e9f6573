"""The figures docs/outcomes.md and docs/mcp.md quote hold on the day they say they show.

The docs show the demo company as of Friday 20 November 2026, 6 pm in New York (the
instant the outcome tests pin). Each check finds the figure in the page and recomputes it
with the tools on that day; a figure that moves, or a page that stops quoting it, fails.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from harvestkit.tools import NeedsInput, ToolError, catalog
from harvestkit.tools.outcomes.budget import BUDGET_STATUS
from harvestkit.tools.outcomes.delete_invoice import DELETE_INVOICE_SAFELY
from harvestkit.tools.outcomes.explain_invoice import EXPLAIN_INVOICE, invoice_by_reference
from harvestkit.tools.outcomes.invoicing import INVOICE_FROM_TIME, RECORD_PAYMENT
from harvestkit.tools.outcomes.log_time import LOG_TIME

from .conftest import ETHAN, MARCUS, PRIYA, World, run

pytestmark = pytest.mark.anyio

OPERATIONS = {tool.name: tool for tool in catalog()}
DOCS = Path(__file__).resolve().parents[3] / "docs"
PINNED_DAY = "Friday 20 November 2026, 6 pm in New York"


def page(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


async def question(world: World, tool: Any, arguments: dict[str, Any]) -> str:
    with pytest.raises(NeedsInput) as asked:
        await run(tool, world.ctx(), arguments)
    return asked.value.question.message


async def payment_question(world: World) -> list[str]:
    return [await question(world, RECORD_PAYMENT, {"invoice": "1037", "amount": "1"})]


async def amount_due(world: World) -> list[str]:
    invoice = await invoice_by_reference(world.ctx().harvest, "1037")
    assert (invoice.client.name, invoice.state) == ("Williams & Co", "open")
    return [f"Record a payment of {invoice.due_amount:.2f}", "Williams paid 1037"]


async def comparison(world: World) -> list[str]:
    result = await run(EXPLAIN_INVOICE, world.ctx(), {"invoice": "1037"})
    assert result.comparison is not None
    return [f"invoice {result.comparison.previous.number}"]


async def safe_delete(world: World) -> list[str]:
    preview = await run(DELETE_INVOICE_SAFELY, world.ctx(), {"invoice": "1036", "dry_run": True})
    assert len(preview.planned_requests) == 3
    return [f"{len(preview.payments)} payment(s)", "invoice 1036"]


async def dispatch_budget(world: World) -> list[str]:
    result = await run(BUDGET_STATUS, world.ctx(), {"project": "Dispatch Dashboard"})
    return [
        f'"budget": "{result.budget:.1f}"',
        f'"spent": "{result.spent:.2f}"',
        f'"remaining": "{result.remaining:.2f}"',
        f'"percent_used": "{result.percent_used:.1f}"',
    ]


async def website_budget_after_logging(world: World) -> list[str]:
    arguments = {
        "entries": [
            {"project": "the Williams account", "task": "Development", "duration": "4 hours"},
            {"project": "internal training", "duration": "2h"},
        ]
    }
    result = await run(LOG_TIME, world.ctx(ETHAN), arguments)
    [warning] = [w for w in result.warnings if w.kind == "over_budget"]
    budget = await run(BUDGET_STATUS, world.ctx(), {"project": "Website Redesign"})
    return [f'"percent_used": "{warning.percent_used:.1f}"', f"{budget.budget:,.0f}-hour budget"]


async def lead_forecast(world: World) -> list[str]:
    lead = await run(BUDGET_STATUS, world.ctx(MARCUS), {"project": "Dispatch Dashboard"})
    other = await run(BUDGET_STATUS, world.ctx(PRIYA), {"project": "Dispatch Dashboard"})
    assert other.partial and other.burn_per_week is None and other.spent == lead.spent
    return [
        f'"burn_per_week": "{lead.burn_per_week}"',
        f'"burn_weeks": "{lead.burn_weeks}"',
        f'"weeks_remaining": "{lead.weeks_remaining}"',
        f'"projected_run_out": "{lead.projected_run_out}"',
        f'"verdict": "{lead.verdict}"',
        lead.reason,
    ]


async def fixed_fee_budget(world: World) -> list[str]:
    audit = await run(BUDGET_STATUS, world.ctx(), {"project": "Accessibility Audit"})
    return [
        f'"budget": "{audit.budget:.1f}"',
        f'"spent": "{audit.spent:.2f}"',
        f'"remaining": "{audit.remaining:.2f}"',
        audit.counts,
    ]


async def fixed_fee_invoice(world: World) -> list[str]:
    arguments = {"client": "Lumen", "period": "2026-01-01..2026-11-20"}
    return [_flat(await question(world, INVOICE_FROM_TIME, arguments))]


async def stakes(world: World) -> list[str]:
    paid = await invoice_by_reference(world.ctx().harvest, "1036")
    safely = await question(world, DELETE_INVOICE_SAFELY, {"invoice": "1036"})
    one = await question(world, OPERATIONS["harvest_invoices_delete"], {"invoice_id": paid.id})
    user = {"first_name": "Jo", "last_name": "Park", "email": "jo.park@example.com"}
    invite = await question(world, OPERATIONS["harvest_users_create"], user)
    return [_flat(safely), _flat(one), _flat(invite)]


async def log_time_edges(world: World) -> list[str]:
    entry = {"project": "Internal Training", "duration": "1h", "date": "next Monday"}
    with pytest.raises(NeedsInput) as asked:
        await run(LOG_TIME, world.ctx(ETHAN), {"entries": [entry]})
    day = {"project": "Internal Training", "duration": "16h", "date": "2026-11-14"}
    await run(LOG_TIME, world.ctx(ETHAN), {"entries": [day]})
    with pytest.raises(ToolError) as refused:
        await run(LOG_TIME, world.ctx(ETHAN), {"entries": [{**day, "duration": "14h"}]})
    refusal = refused.value.message.split("; nothing was logged")[0]
    return [_flat(asked.value.question.message), _flat(refusal)]


def _flat(text: str) -> str:
    """A sentence as the page wraps it: compared word by word (see `_in_page`)."""
    return " ".join(text.split())


FIGURES: list[tuple[str, Callable[[World], Awaitable[list[str]]]]] = [
    ("mcp.md", payment_question),
    ("outcomes.md", amount_due),
    ("outcomes.md", comparison),
    ("outcomes.md", safe_delete),
    ("outcomes.md", dispatch_budget),
    ("outcomes.md", website_budget_after_logging),
    ("outcomes.md", lead_forecast),
    ("outcomes.md", fixed_fee_budget),
    ("outcomes.md", fixed_fee_invoice),
    ("outcomes.md", stakes),
    ("outcomes.md", log_time_edges),
]


@pytest.mark.parametrize(("name", "figures"), FIGURES, ids=[f.__name__ for _, f in FIGURES])
async def test_quoted_figures_hold_on_the_pinned_day(
    world: World, name: str, figures: Callable[[World], Awaitable[list[str]]]
) -> None:
    text = page(name)
    assert PINNED_DAY in text, f"docs/{name} does not say which day its figures show"
    flat = " ".join(text.split())  # the page wraps long sentences
    for figure in await figures(world):
        assert figure in flat, f"docs/{name} does not show {figure!r} as the pinned day has it"
