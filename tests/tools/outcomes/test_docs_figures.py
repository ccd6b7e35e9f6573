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

from harvestkit.tools import NeedsInput
from harvestkit.tools.outcomes.budget import BUDGET_STATUS
from harvestkit.tools.outcomes.delete_invoice import DELETE_INVOICE_SAFELY
from harvestkit.tools.outcomes.explain_invoice import EXPLAIN_INVOICE, invoice_by_reference
from harvestkit.tools.outcomes.invoicing import RECORD_PAYMENT
from harvestkit.tools.outcomes.log_time import LOG_TIME

from .conftest import ETHAN, World, run

pytestmark = pytest.mark.anyio

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


FIGURES: list[tuple[str, Callable[[World], Awaitable[list[str]]]]] = [
    ("mcp.md", payment_question),
    ("outcomes.md", amount_due),
    ("outcomes.md", comparison),
    ("outcomes.md", safe_delete),
    ("outcomes.md", dispatch_budget),
    ("outcomes.md", website_budget_after_logging),
]


@pytest.mark.parametrize(("name", "figures"), FIGURES, ids=[f.__name__ for _, f in FIGURES])
async def test_quoted_figures_hold_on_the_pinned_day(
    world: World, name: str, figures: Callable[[World], Awaitable[list[str]]]
) -> None:
    text = page(name)
    assert PINNED_DAY in text, f"docs/{name} does not say which day its figures show"
    for figure in await figures(world):
        assert figure in text, f"docs/{name} does not show {figure!r} as the pinned day has it"
