"""Resource ``invoice_item_categories``: sync and async classes."""

from __future__ import annotations

from datetime import datetime

from .._not_given import NOT_GIVEN, NotGiven, given
from .._pagination import AsyncPager, SyncPager
from ..operations._invoices import (
    INVOICE_ITEM_CATEGORIES_CREATE,
    INVOICE_ITEM_CATEGORIES_DELETE,
    INVOICE_ITEM_CATEGORIES_LIST,
    INVOICE_ITEM_CATEGORIES_RETRIEVE,
    INVOICE_ITEM_CATEGORIES_UPDATE,
)
from ..types.item_categories import InvoiceItemCategory
from ._base import AsyncAPIResource, SyncAPIResource

__all__ = ["AsyncInvoiceItemCategories", "InvoiceItemCategories"]


class InvoiceItemCategories(SyncAPIResource):
    """The ``invoice_item_categories.*`` operations."""

    def list(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
    ) -> SyncPager[InvoiceItemCategory]:
        """List invoice item categories."""
        return self._core.paginate(INVOICE_ITEM_CATEGORIES_LIST, given(locals()))

    def create(self, *, name: str) -> InvoiceItemCategory:
        """Create an invoice item category."""
        return self._core.call(INVOICE_ITEM_CATEGORIES_CREATE, given(locals()))

    def retrieve(self, invoice_item_category_id: int) -> InvoiceItemCategory:
        """Retrieve an invoice item category."""
        return self._core.call(INVOICE_ITEM_CATEGORIES_RETRIEVE, given(locals()))

    def update(
        self, invoice_item_category_id: int, *, name: str | NotGiven | None = NOT_GIVEN
    ) -> InvoiceItemCategory:
        """Rename an invoice item category."""
        return self._core.call(INVOICE_ITEM_CATEGORIES_UPDATE, given(locals()))

    def delete(self, invoice_item_category_id: int) -> None:
        """Delete an invoice item category not used as service or expense."""
        self._core.call(INVOICE_ITEM_CATEGORIES_DELETE, given(locals()))


class AsyncInvoiceItemCategories(AsyncAPIResource):
    """The ``invoice_item_categories.*`` operations (async)."""

    def list(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[InvoiceItemCategory]:
        """List invoice item categories."""
        return self._core.paginate(INVOICE_ITEM_CATEGORIES_LIST, given(locals()))

    async def create(self, *, name: str) -> InvoiceItemCategory:
        """Create an invoice item category."""
        return await self._core.call(INVOICE_ITEM_CATEGORIES_CREATE, given(locals()))

    async def retrieve(self, invoice_item_category_id: int) -> InvoiceItemCategory:
        """Retrieve an invoice item category."""
        return await self._core.call(INVOICE_ITEM_CATEGORIES_RETRIEVE, given(locals()))

    async def update(
        self, invoice_item_category_id: int, *, name: str | NotGiven | None = NOT_GIVEN
    ) -> InvoiceItemCategory:
        """Rename an invoice item category."""
        return await self._core.call(INVOICE_ITEM_CATEGORIES_UPDATE, given(locals()))

    async def delete(self, invoice_item_category_id: int) -> None:
        """Delete an invoice item category not used as service or expense."""
        await self._core.call(INVOICE_ITEM_CATEGORIES_DELETE, given(locals()))
