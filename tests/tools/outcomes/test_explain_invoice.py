"""explain_invoice: a client's invoice explained line by line and against the previous one."""

from __future__ import annotations

from decimal import Decimal

import pytest

from harvestkit.tools import Detail, NeedsInput, ToolError
from harvestkit.tools.outcomes.explain_invoice import EXPLAIN_INVOICE

from .conftest import World, run

pytestmark = pytest.mark.anyio


async def test_williams_invoice_explained_line_by_line(world: World) -> None:
    result = await run(EXPLAIN_INVOICE, world.ctx(), {"client": "Williams", "period": "this month"})
    inv = result.invoice
    assert (inv.number, inv.client.name) == ("1037", "Williams & Co")
    assert (
        sum(ln.amount for ln in result.lines) - inv.discount_amount + inv.tax_amount == inv.amount
    )
    for ln in result.lines:
        assert ln.amount == (ln.quantity * ln.unit_price).quantize(Decimal("0.01"))
    assert sum(s.amount for s in result.by_project) == inv.time_amount
    assert sum(s.hours for s in result.by_person) == sum(s.hours for s in result.by_project)
    assert sum(s.hours for s in result.by_task) == sum(s.hours for s in result.by_project)
    assert all(s.rates for s in result.by_person)
    c = result.comparison
    assert c is not None and c.previous.number == "1029"
    assert c.amount_change == inv.amount - c.previous.amount
    parts = c.time_change + c.expense_change + c.other_change + c.discount_and_tax_change
    assert parts == c.amount_change
    for p in c.projects:
        assert p.from_hours + p.from_rates == p.amount_now - p.amount_before
    assert sum(p.amount_now - p.amount_before for p in c.projects) == c.time_change


async def test_client_alone_means_the_latest_invoice(world: World) -> None:
    result = await run(EXPLAIN_INVOICE, world.ctx(), {"client": "Williams"})
    assert result.invoice.number == "1037"


async def test_by_number_and_first_invoice_has_no_comparison(world: World) -> None:
    result = await run(EXPLAIN_INVOICE, world.ctx(), {"invoice": "#1001"})
    assert result.invoice.client.name == "Williams & Co" and result.comparison is None


async def test_unknown_invoice_and_unknown_client(world: World) -> None:
    with pytest.raises(ToolError):
        await run(EXPLAIN_INVOICE, world.ctx(), {"invoice": "99999"})
    with pytest.raises(ToolError) as failed:
        await run(EXPLAIN_INVOICE, world.ctx(), {"client": "Acme Rockets", "period": "2026-11"})
    assert failed.value.candidates


async def test_several_invoices_in_the_period_are_a_choice(world: World) -> None:
    args = {"client": "williams & co", "period": "this year"}
    with pytest.raises(NeedsInput) as asked:
        await run(EXPLAIN_INVOICE, world.ctx(), args)
    question = asked.value.question
    assert question.kind == "choice" and len(question.choices) == 6
    assert question.details == (Detail("client", "Williams & Co"),)
    assert "Williams" not in question.message
    pick = next(c for c in question.choices if c.label.startswith("#1014"))
    result = await run(EXPLAIN_INVOICE, world.ctx(answers={question.key: pick.value}), args)
    assert result.invoice.number == "1014" and result.comparison is not None
    assert result.comparison.previous.number == "1007"


async def test_expense_lines_are_told_apart_from_time(world: World) -> None:
    found = []
    for client in ("Lumen Health", "Kettle Coffee Roasters", "Northwind Outfitters"):
        result = await run(EXPLAIN_INVOICE, world.ctx(), {"client": client})
        found.append(result.invoice.expense_amount)
        products = sum((ln.amount for ln in result.lines if ln.kind == "Product"), Decimal(0))
        assert result.invoice.expense_amount == products
        assert result.invoice.time_amount == sum(s.amount for s in result.by_project)
    assert any(amount > 0 for amount in found)
