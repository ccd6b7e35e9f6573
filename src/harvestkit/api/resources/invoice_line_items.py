"""Resource ``invoices.line_items``: sync and async classes."""

from __future__ import annotations

from decimal import Decimal

from .._not_given import NOT_GIVEN, NotGiven, given
from ..operations._invoices import (
    INVOICES_LINE_ITEMS_CREATE,
    INVOICES_LINE_ITEMS_DELETE,
    INVOICES_LINE_ITEMS_UPDATE,
)
from ..types.invoices import Invoice
from ._base import AsyncAPIResource, SyncAPIResource

__all__ = ["AsyncInvoiceLineItems", "InvoiceLineItems"]


class InvoiceLineItems(SyncAPIResource):
    """The ``invoices.line_items.*`` operations."""

    def create(
        self,
        invoice_id: int,
        *,
        kind: str,
        unit_price: Decimal,
        project_id: int | NotGiven | None = NOT_GIVEN,
        description: str | NotGiven | None = NOT_GIVEN,
        quantity: Decimal | NotGiven | None = NOT_GIVEN,
        taxed: bool | NotGiven | None = NOT_GIVEN,
        taxed2: bool | NotGiven | None = NOT_GIVEN,
    ) -> Invoice:
        """Append a line item to an invoice."""
        return self._core.call(INVOICES_LINE_ITEMS_CREATE, given(locals()))

    def update(
        self,
        invoice_id: int,
        *,
        id: int,
        project_id: int | NotGiven | None = NOT_GIVEN,
        kind: str | NotGiven | None = NOT_GIVEN,
        description: str | NotGiven | None = NOT_GIVEN,
        quantity: Decimal | NotGiven | None = NOT_GIVEN,
        unit_price: Decimal | NotGiven | None = NOT_GIVEN,
        taxed: bool | NotGiven | None = NOT_GIVEN,
        taxed2: bool | NotGiven | None = NOT_GIVEN,
    ) -> Invoice:
        """Update one line item of an invoice."""
        return self._core.call(INVOICES_LINE_ITEMS_UPDATE, given(locals()))

    def delete(self, invoice_id: int, *, id: int) -> Invoice:
        """Delete one line item of an invoice."""
        return self._core.call(INVOICES_LINE_ITEMS_DELETE, given(locals()))


class AsyncInvoiceLineItems(AsyncAPIResource):
    """The ``invoices.line_items.*`` operations (async)."""

    async def create(
        self,
        invoice_id: int,
        *,
        kind: str,
        unit_price: Decimal,
        project_id: int | NotGiven | None = NOT_GIVEN,
        description: str | NotGiven | None = NOT_GIVEN,
        quantity: Decimal | NotGiven | None = NOT_GIVEN,
        taxed: bool | NotGiven | None = NOT_GIVEN,
        taxed2: bool | NotGiven | None = NOT_GIVEN,
    ) -> Invoice:
        """Append a line item to an invoice."""
        return await self._core.call(INVOICES_LINE_ITEMS_CREATE, given(locals()))

    async def update(
        self,
        invoice_id: int,
        *,
        id: int,
        project_id: int | NotGiven | None = NOT_GIVEN,
        kind: str | NotGiven | None = NOT_GIVEN,
        description: str | NotGiven | None = NOT_GIVEN,
        quantity: Decimal | NotGiven | None = NOT_GIVEN,
        unit_price: Decimal | NotGiven | None = NOT_GIVEN,
        taxed: bool | NotGiven | None = NOT_GIVEN,
        taxed2: bool | NotGiven | None = NOT_GIVEN,
    ) -> Invoice:
        """Update one line item of an invoice."""
        return await self._core.call(INVOICES_LINE_ITEMS_UPDATE, given(locals()))

    async def delete(self, invoice_id: int, *, id: int) -> Invoice:
        """Delete one line item of an invoice."""
        return await self._core.call(INVOICES_LINE_ITEMS_DELETE, given(locals()))
