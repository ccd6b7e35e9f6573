"""Resource ``expenses``: sync and async classes."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from .._not_given import NOT_GIVEN, NotGiven, given
from .._pagination import AsyncPager, SyncPager
from ..operations._expenses import (
    EXPENSES_CREATE,
    EXPENSES_DELETE,
    EXPENSES_LIST,
    EXPENSES_RETRIEVE,
    EXPENSES_UPDATE,
)
from ..types.expenses import Expense, ReceiptParams
from ._base import AsyncAPIResource, SyncAPIResource

__all__ = ["AsyncExpenses", "Expenses"]


class Expenses(SyncAPIResource):
    """The ``expenses.*`` operations."""

    def list(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        user_id: int | NotGiven = NOT_GIVEN,
        client_id: int | NotGiven = NOT_GIVEN,
        project_id: int | NotGiven = NOT_GIVEN,
        is_billed: bool | NotGiven = NOT_GIVEN,
        approval_status: str | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
        from_: date | NotGiven = NOT_GIVEN,
        to: date | NotGiven = NOT_GIVEN,
    ) -> SyncPager[Expense]:
        """List expenses visible to the caller, newest spent date first."""
        return self._core.paginate(EXPENSES_LIST, given(locals()))

    def create(
        self,
        *,
        project_id: int,
        expense_category_id: int,
        spent_date: date,
        user_id: int | NotGiven | None = NOT_GIVEN,
        units: int | NotGiven | None = NOT_GIVEN,
        total_cost: Decimal | NotGiven | None = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        billable: bool | NotGiven | None = NOT_GIVEN,
        receipt: ReceiptParams | NotGiven | None = NOT_GIVEN,
    ) -> Expense:
        """Record an expense."""
        return self._core.call(EXPENSES_CREATE, given(locals()))

    def retrieve(self, expense_id: int) -> Expense:
        """Retrieve an expense."""
        return self._core.call(EXPENSES_RETRIEVE, given(locals()))

    def update(
        self,
        expense_id: int,
        *,
        project_id: int | NotGiven | None = NOT_GIVEN,
        expense_category_id: int | NotGiven | None = NOT_GIVEN,
        spent_date: date | NotGiven | None = NOT_GIVEN,
        units: int | NotGiven | None = NOT_GIVEN,
        total_cost: Decimal | NotGiven | None = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        billable: bool | NotGiven | None = NOT_GIVEN,
        receipt: ReceiptParams | NotGiven | None = NOT_GIVEN,
        delete_receipt: bool | NotGiven | None = NOT_GIVEN,
    ) -> Expense:
        """Update an expense."""
        return self._core.call(EXPENSES_UPDATE, given(locals()))

    def delete(self, expense_id: int) -> None:
        """Delete an expense."""
        self._core.call(EXPENSES_DELETE, given(locals()))


class AsyncExpenses(AsyncAPIResource):
    """The ``expenses.*`` operations (async)."""

    def list(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        user_id: int | NotGiven = NOT_GIVEN,
        client_id: int | NotGiven = NOT_GIVEN,
        project_id: int | NotGiven = NOT_GIVEN,
        is_billed: bool | NotGiven = NOT_GIVEN,
        approval_status: str | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
        from_: date | NotGiven = NOT_GIVEN,
        to: date | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[Expense]:
        """List expenses visible to the caller, newest spent date first."""
        return self._core.paginate(EXPENSES_LIST, given(locals()))

    async def create(
        self,
        *,
        project_id: int,
        expense_category_id: int,
        spent_date: date,
        user_id: int | NotGiven | None = NOT_GIVEN,
        units: int | NotGiven | None = NOT_GIVEN,
        total_cost: Decimal | NotGiven | None = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        billable: bool | NotGiven | None = NOT_GIVEN,
        receipt: ReceiptParams | NotGiven | None = NOT_GIVEN,
    ) -> Expense:
        """Record an expense."""
        return await self._core.call(EXPENSES_CREATE, given(locals()))

    async def retrieve(self, expense_id: int) -> Expense:
        """Retrieve an expense."""
        return await self._core.call(EXPENSES_RETRIEVE, given(locals()))

    async def update(
        self,
        expense_id: int,
        *,
        project_id: int | NotGiven | None = NOT_GIVEN,
        expense_category_id: int | NotGiven | None = NOT_GIVEN,
        spent_date: date | NotGiven | None = NOT_GIVEN,
        units: int | NotGiven | None = NOT_GIVEN,
        total_cost: Decimal | NotGiven | None = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        billable: bool | NotGiven | None = NOT_GIVEN,
        receipt: ReceiptParams | NotGiven | None = NOT_GIVEN,
        delete_receipt: bool | NotGiven | None = NOT_GIVEN,
    ) -> Expense:
        """Update an expense."""
        return await self._core.call(EXPENSES_UPDATE, given(locals()))

    async def delete(self, expense_id: int) -> None:
        """Delete an expense."""
        await self._core.call(EXPENSES_DELETE, given(locals()))
