"""Resource ``expense_categories``: sync and async classes."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from .._not_given import NOT_GIVEN, NotGiven, given
from .._pagination import AsyncPager, SyncPager
from ..operations._expenses import (
    EXPENSE_CATEGORIES_CREATE,
    EXPENSE_CATEGORIES_DELETE,
    EXPENSE_CATEGORIES_LIST,
    EXPENSE_CATEGORIES_RETRIEVE,
    EXPENSE_CATEGORIES_UPDATE,
)
from ..types.expense_categories import ExpenseCategory
from ._base import AsyncAPIResource, SyncAPIResource

__all__ = ["AsyncExpenseCategories", "ExpenseCategories"]


class ExpenseCategories(SyncAPIResource):
    """The ``expense_categories.*`` operations."""

    def list(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        is_active: bool | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
    ) -> SyncPager[ExpenseCategory]:
        """List expense categories."""
        return self._core.paginate(EXPENSE_CATEGORIES_LIST, given(locals()))

    def create(
        self,
        *,
        name: str,
        unit_name: str | NotGiven | None = NOT_GIVEN,
        unit_price: Decimal | NotGiven | None = NOT_GIVEN,
        is_active: bool | NotGiven | None = NOT_GIVEN,
    ) -> ExpenseCategory:
        """Create an expense category."""
        return self._core.call(EXPENSE_CATEGORIES_CREATE, given(locals()))

    def retrieve(self, expense_category_id: int) -> ExpenseCategory:
        """Retrieve an expense category."""
        return self._core.call(EXPENSE_CATEGORIES_RETRIEVE, given(locals()))

    def update(
        self,
        expense_category_id: int,
        *,
        name: str | NotGiven | None = NOT_GIVEN,
        unit_name: str | NotGiven | None = NOT_GIVEN,
        unit_price: Decimal | NotGiven | None = NOT_GIVEN,
        is_active: bool | NotGiven | None = NOT_GIVEN,
    ) -> ExpenseCategory:
        """Update an expense category."""
        return self._core.call(EXPENSE_CATEGORIES_UPDATE, given(locals()))

    def delete(self, expense_category_id: int) -> None:
        """Delete an expense category."""
        self._core.call(EXPENSE_CATEGORIES_DELETE, given(locals()))


class AsyncExpenseCategories(AsyncAPIResource):
    """The ``expense_categories.*`` operations (async)."""

    def list(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        is_active: bool | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[ExpenseCategory]:
        """List expense categories."""
        return self._core.paginate(EXPENSE_CATEGORIES_LIST, given(locals()))

    async def create(
        self,
        *,
        name: str,
        unit_name: str | NotGiven | None = NOT_GIVEN,
        unit_price: Decimal | NotGiven | None = NOT_GIVEN,
        is_active: bool | NotGiven | None = NOT_GIVEN,
    ) -> ExpenseCategory:
        """Create an expense category."""
        return await self._core.call(EXPENSE_CATEGORIES_CREATE, given(locals()))

    async def retrieve(self, expense_category_id: int) -> ExpenseCategory:
        """Retrieve an expense category."""
        return await self._core.call(EXPENSE_CATEGORIES_RETRIEVE, given(locals()))

    async def update(
        self,
        expense_category_id: int,
        *,
        name: str | NotGiven | None = NOT_GIVEN,
        unit_name: str | NotGiven | None = NOT_GIVEN,
        unit_price: Decimal | NotGiven | None = NOT_GIVEN,
        is_active: bool | NotGiven | None = NOT_GIVEN,
    ) -> ExpenseCategory:
        """Update an expense category."""
        return await self._core.call(EXPENSE_CATEGORIES_UPDATE, given(locals()))

    async def delete(self, expense_category_id: int) -> None:
        """Delete an expense category."""
        await self._core.call(EXPENSE_CATEGORIES_DELETE, given(locals()))
