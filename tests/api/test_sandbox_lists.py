"""Against the sandbox: cursor and page lists, bounded pages, and receipt uploads."""

from __future__ import annotations

from decimal import Decimal

from harvestkit.api import Harvest
from harvestkit.api.types import ReceiptParams

from .world import SPENT, World


def test_cursor_list_walks_every_page(h: Harvest) -> None:
    made = {h.clients.create(name=f"Client {i}").id for i in range(5)}
    pager = h.clients.list(per_page=2)
    assert {c.id for c in pager} == made
    first = pager.first_page()
    assert len(first.items) == 2 and first.total_entries == 5
    assert first.next_cursor is not None and "cursor=" in first.next_cursor
    second = pager.page(first.next_cursor)
    assert not {c.id for c in first.items} & {c.id for c in second.items}


def test_page_list_walks_every_page(h: Harvest) -> None:
    world = World(h)
    made = {world.entry(hours=Decimal(i + 1)).id for i in range(5)}
    pages = list(h.time_entries.list(per_page=2, from_=SPENT, to=SPENT).pages())
    assert [len(p.items) for p in pages] == [2, 2, 1]
    assert {e.id for p in pages for e in p.items} == made
    assert pages[0].total_entries == 5 and pages[-1].next_cursor is None


def test_expense_receipt_round_trip(h: Harvest) -> None:
    world = World(h)
    receipt = ReceiptParams(
        file_name="train.pdf", content=b"%PDF-1.4 ticket", content_type="application/pdf"
    )
    expense = h.expenses.create(
        project_id=world.project.id,
        expense_category_id=world.expense_category.id,
        spent_date=SPENT,
        total_cost=Decimal("12.50"),
        receipt=receipt,
    )
    assert expense.receipt is not None and expense.receipt.file_name == "train.pdf"
    assert expense.total_cost == Decimal("12.5")
    cleared = h.expenses.update(expense.id, delete_receipt=True)
    assert cleared.receipt is None
