"""Identical creates under faults: every reported success is one stored record, no more.

Fifty identical taxi expenses, or fifty equal payments on one invoice, are fifty records
when every call succeeds. When the sandbox fails some writes before acting (5xx) or
commits and then drops the connection, a call either reports the record it made or
raises: ``UncertainWriteError`` when it cannot prove what happened, or Harvest's own
error when it proved nothing was written and ran out of retries. The records stored
are exactly the ones reported, never an earlier identical one found a second time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from harvestkit.api import AsyncHarvest, HarvestError, UncertainWriteError

from .conftest import ACCOUNT_ID, TOKEN, client_options, make_app, serve

CALLS = 50
DAY = date(2026, 11, 2)
FAULTS = {"error_rate": {"error_rate": 0.3}, "drop": {"drop_after_commit_rate": 0.3}}


async def _setup(h: AsyncHarvest) -> tuple[int, int, int]:
    client = await h.clients.create(name="Taxi Riders Ltd")
    project = await h.projects.create(
        client_id=client.id, name="Travel", is_billable=True, bill_by="none", budget_by="none"
    )
    category = await h.expense_categories.create(name="Taxi")
    invoice = await h.invoices.create(
        client_id=client.id, line_items=[{"kind": "Service", "unit_price": Decimal(10_000)}]
    )
    await h.invoices.messages.mark_sent(invoice.id)
    return project.id, category.id, invoice.id


async def _run(calls: int, create: Callable[[], Awaitable[Any]]) -> tuple[list[int], Counter[str]]:
    reported: list[int] = []
    failures: Counter[str] = Counter()
    for _ in range(calls):
        try:
            reported.append((await create()).id)
        except UncertainWriteError:
            failures["uncertain"] += 1
        except HarvestError as exc:
            assert exc.status is not None and exc.status >= 500, exc  # proved unwritten
            failures["not written"] += 1
    return reported, failures


@pytest.mark.slow
@pytest.mark.anyio
@pytest.mark.parametrize("fault", sorted(FAULTS))
async def test_fifty_identical_expenses_and_payments_are_counted_exactly(fault: str) -> None:
    app = make_app(seed="empty")
    faults = app.state.sandbox.faults
    with serve(app) as url:
        options = client_options() | {"base_url": f"{url}/v2", "identity_url": url}
        async with AsyncHarvest(TOKEN, ACCOUNT_ID, **options) as h:
            project_id, category_id, invoice_id = await _setup(h)
            faults.update(seed=21, **FAULTS[fault])
            expenses, expense_failures = await _run(
                CALLS,
                lambda: h.expenses.create(
                    project_id=project_id,
                    expense_category_id=category_id,
                    spent_date=DAY,
                    total_cost=Decimal("23.50"),
                    notes="Taxi to the client",
                ),
            )
            payments, payment_failures = await _run(
                CALLS,
                lambda: h.invoices.payments.create(
                    invoice_id, amount=Decimal("10.00"), paid_date=DAY, notes="Instalment"
                ),
            )
            injected = dict(faults.injected)
            faults.clear()
            stored_expenses = [e.id async for e in h.expenses.list(project_id=project_id)]
            stored_payments = [p.id async for p in h.invoices.payments.list(invoice_id)]
    kind = "error" if fault == "error_rate" else "drop_after_commit"
    assert injected.get(kind, 0) >= 10, injected
    assert sorted(expenses) == sorted(stored_expenses)
    assert len(set(expenses)) == len(expenses)
    assert sorted(payments) == sorted(stored_payments)
    assert len(set(payments)) == len(payments)
    assert len(expenses) + sum(expense_failures.values()) == CALLS
    assert len(payments) + sum(payment_failures.values()) == CALLS
