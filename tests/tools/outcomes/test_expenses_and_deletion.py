"""unbilled_expenses, add_expense and delete_invoice_safely."""

from __future__ import annotations

from decimal import Decimal

import pytest

from harvestkit.api import NotFoundError
from harvestkit.tools import NeedsInput, ToolError
from harvestkit.tools.outcomes.add_expense import ADD_EXPENSE
from harvestkit.tools.outcomes.delete_invoice import DELETE_INVOICE_SAFELY
from harvestkit.tools.outcomes.expenses import UNBILLED_EXPENSES

from .conftest import ETHAN, World, run

pytestmark = pytest.mark.anyio


async def test_add_expense_money_and_unit_categories(world: World) -> None:
    train = await run(
        ADD_EXPENSE,
        world.ctx(ETHAN),
        {"project": "Williams", "category": "travel", "amount": "42.5", "date": "yesterday"},
    )
    e = train.expense
    assert (e.project.name, e.category.name, e.total_cost) == (
        "Website Redesign",
        "Travel",
        Decimal("42.50"),
    )
    assert str(e.spent_date) == "2026-11-19"
    with pytest.raises(ToolError) as failed:
        await run(
            ADD_EXPENSE,
            world.ctx(ETHAN),
            {"project": "Williams", "category": "Mileage", "amount": "10"},
        )
    assert "units" in (failed.value.hint or "")
    miles = await run(
        ADD_EXPENSE, world.ctx(ETHAN), {"project": "Williams", "category": "mileage", "units": 100}
    )
    assert miles.expense.total_cost == Decimal("65.50") and miles.expense.units == 100


async def test_unknown_category_lists_candidates_and_writes_nothing(world: World) -> None:
    with pytest.raises(ToolError) as failed:
        await run(
            ADD_EXPENSE,
            world.ctx(ETHAN),
            {"project": "Williams", "category": "Yacht", "amount": "1"},
        )
    assert failed.value.candidates
    assert all(m == "GET" for m, _ in world.counter.requests)


async def test_unbilled_expenses_totals_and_new_expense_shows_up(world: World) -> None:
    before = await run(UNBILLED_EXPENSES, world.ctx(), {})
    assert before.total == sum(g.total for g in before.by_project)
    assert before.total == sum(g.total for g in before.by_category)
    assert before.total_entries == len(before.expenses)
    await run(
        ADD_EXPENSE,
        world.ctx(),
        {"project": "Website Redesign", "category": "Meals", "amount": "30", "billable": True},
    )
    after = await run(UNBILLED_EXPENSES, world.ctx(), {"client": "Williams"})
    assert [g.ref.name for g in after.by_project] == ["Website Redesign"]
    assert after.total == Decimal("30.00")


async def test_delete_invoice_safely_shows_payments_then_deletes(world: World) -> None:
    preview = await run(DELETE_INVOICE_SAFELY, world.ctx(), {"invoice": "1036", "dry_run": True})
    assert len(preview.payments) == 2 and not preview.deleted
    methods = [(r.method, r.path.split("/")[-2]) for r in preview.planned_requests]
    assert methods == [("DELETE", "payments"), ("DELETE", "payments"), ("DELETE", "invoices")]
    with pytest.raises(NeedsInput) as asked:
        await run(DELETE_INVOICE_SAFELY, world.ctx(), {"invoice": "1036"})
    assert "2 payment(s)" in asked.value.question.message
    assert [d.label for d in asked.value.question.details] == ["invoice number", "client"]
    assert asked.value.question.details[0].value == "1036"
    assert all(m == "GET" for m, _ in world.counter.requests)
    done = await run(
        DELETE_INVOICE_SAFELY, world.ctx(answers={"confirm": True}), {"invoice": "1036"}
    )
    assert done.deleted
    with pytest.raises(NotFoundError):
        await world.ctx().harvest.call("invoices.retrieve", invoice_id=done.invoice.id)
