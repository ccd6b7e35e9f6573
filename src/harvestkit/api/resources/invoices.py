"""Resource ``invoices``: sync and async classes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from .._async_core import AsyncCore
from .._not_given import NOT_GIVEN, NotGiven, given
from .._pagination import AsyncPager, SyncPager
from .._sync_core import SyncCore
from ..operations._invoices import (
    INVOICES_CREATE,
    INVOICES_CREATE_FROM_TRACKED,
    INVOICES_DELETE,
    INVOICES_LIST,
    INVOICES_RETRIEVE,
    INVOICES_UPDATE,
)
from ..types.invoice_imports import LineItemsImportParams
from ..types.invoices import (
    Invoice,
    InvoiceLineItemChange,
    InvoiceLineItemCreateParams,
)
from ._base import AsyncAPIResource, SyncAPIResource
from .invoice_line_items import AsyncInvoiceLineItems, InvoiceLineItems
from .invoice_messages import AsyncInvoiceMessages, InvoiceMessages
from .invoice_payments import AsyncInvoicePayments, InvoicePayments

__all__ = ["AsyncInvoices", "Invoices"]


class Invoices(SyncAPIResource):
    """The ``invoices.*`` operations."""

    def __init__(self, core: SyncCore) -> None:
        super().__init__(core)
        self.line_items = InvoiceLineItems(core)
        """Line items of one invoice."""
        self.messages = InvoiceMessages(core)
        """Messages of one invoice."""
        self.payments = InvoicePayments(core)
        """Payments of one invoice."""

    def list(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        client_id: int | NotGiven = NOT_GIVEN,
        project_id: int | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
        from_: date | NotGiven = NOT_GIVEN,
        to: date | NotGiven = NOT_GIVEN,
        state: str | NotGiven = NOT_GIVEN,
    ) -> SyncPager[Invoice]:
        """List invoices, most recently issued first."""
        return self._core.paginate(INVOICES_LIST, given(locals()))

    def create(
        self,
        *,
        client_id: int,
        estimate_id: int | NotGiven | None = NOT_GIVEN,
        number: str | NotGiven | None = NOT_GIVEN,
        purchase_order: str | NotGiven | None = NOT_GIVEN,
        tax: Decimal | NotGiven | None = NOT_GIVEN,
        tax2: Decimal | NotGiven | None = NOT_GIVEN,
        discount: Decimal | NotGiven | None = NOT_GIVEN,
        subject: str | NotGiven | None = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        currency: str | NotGiven | None = NOT_GIVEN,
        issue_date: date | NotGiven | None = NOT_GIVEN,
        due_date: date | NotGiven | None = NOT_GIVEN,
        payment_term: str | NotGiven | None = NOT_GIVEN,
        payment_options: Sequence[str] | NotGiven | None = NOT_GIVEN,
        retainer_id: int | NotGiven | None = NOT_GIVEN,
        line_items: Sequence[InvoiceLineItemCreateParams | dict[str, Any]]
        | NotGiven
        | None = NOT_GIVEN,
    ) -> Invoice:
        """Create a free-form invoice with line items."""
        return self._core.call(INVOICES_CREATE, given(locals()))

    def create_from_tracked(
        self,
        *,
        client_id: int,
        line_items_import: LineItemsImportParams | dict[str, Any],
        estimate_id: int | NotGiven | None = NOT_GIVEN,
        number: str | NotGiven | None = NOT_GIVEN,
        purchase_order: str | NotGiven | None = NOT_GIVEN,
        tax: Decimal | NotGiven | None = NOT_GIVEN,
        tax2: Decimal | NotGiven | None = NOT_GIVEN,
        discount: Decimal | NotGiven | None = NOT_GIVEN,
        subject: str | NotGiven | None = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        currency: str | NotGiven | None = NOT_GIVEN,
        issue_date: date | NotGiven | None = NOT_GIVEN,
        due_date: date | NotGiven | None = NOT_GIVEN,
        payment_term: str | NotGiven | None = NOT_GIVEN,
        payment_options: Sequence[str] | NotGiven | None = NOT_GIVEN,
        retainer_id: int | NotGiven | None = NOT_GIVEN,
    ) -> Invoice:
        """Create an invoice from tracked time and expenses (line_items_import)."""
        return self._core.call(INVOICES_CREATE_FROM_TRACKED, given(locals()))

    def retrieve(self, invoice_id: int) -> Invoice:
        """Retrieve an invoice."""
        return self._core.call(INVOICES_RETRIEVE, given(locals()))

    def update(
        self,
        invoice_id: int,
        *,
        client_id: int | NotGiven | None = NOT_GIVEN,
        retainer_id: int | NotGiven | None = NOT_GIVEN,
        estimate_id: int | NotGiven | None = NOT_GIVEN,
        number: str | NotGiven | None = NOT_GIVEN,
        purchase_order: str | NotGiven | None = NOT_GIVEN,
        tax: Decimal | NotGiven | None = NOT_GIVEN,
        tax2: Decimal | NotGiven | None = NOT_GIVEN,
        discount: Decimal | NotGiven | None = NOT_GIVEN,
        subject: str | NotGiven | None = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        currency: str | NotGiven | None = NOT_GIVEN,
        issue_date: date | NotGiven | None = NOT_GIVEN,
        due_date: date | NotGiven | None = NOT_GIVEN,
        payment_term: str | NotGiven | None = NOT_GIVEN,
        payment_options: Sequence[str] | NotGiven | None = NOT_GIVEN,
        line_items: Sequence[InvoiceLineItemChange] | NotGiven | None = NOT_GIVEN,
    ) -> Invoice:
        """Update an invoice."""
        return self._core.call(INVOICES_UPDATE, given(locals()))

    def delete(self, invoice_id: int) -> None:
        """Delete an invoice."""
        self._core.call(INVOICES_DELETE, given(locals()))


class AsyncInvoices(AsyncAPIResource):
    """The ``invoices.*`` operations (async)."""

    def __init__(self, core: AsyncCore) -> None:
        super().__init__(core)
        self.line_items = AsyncInvoiceLineItems(core)
        """Line items of one invoice."""
        self.messages = AsyncInvoiceMessages(core)
        """Messages of one invoice."""
        self.payments = AsyncInvoicePayments(core)
        """Payments of one invoice."""

    def list(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        client_id: int | NotGiven = NOT_GIVEN,
        project_id: int | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
        from_: date | NotGiven = NOT_GIVEN,
        to: date | NotGiven = NOT_GIVEN,
        state: str | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[Invoice]:
        """List invoices, most recently issued first."""
        return self._core.paginate(INVOICES_LIST, given(locals()))

    async def create(
        self,
        *,
        client_id: int,
        estimate_id: int | NotGiven | None = NOT_GIVEN,
        number: str | NotGiven | None = NOT_GIVEN,
        purchase_order: str | NotGiven | None = NOT_GIVEN,
        tax: Decimal | NotGiven | None = NOT_GIVEN,
        tax2: Decimal | NotGiven | None = NOT_GIVEN,
        discount: Decimal | NotGiven | None = NOT_GIVEN,
        subject: str | NotGiven | None = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        currency: str | NotGiven | None = NOT_GIVEN,
        issue_date: date | NotGiven | None = NOT_GIVEN,
        due_date: date | NotGiven | None = NOT_GIVEN,
        payment_term: str | NotGiven | None = NOT_GIVEN,
        payment_options: Sequence[str] | NotGiven | None = NOT_GIVEN,
        retainer_id: int | NotGiven | None = NOT_GIVEN,
        line_items: Sequence[InvoiceLineItemCreateParams | dict[str, Any]]
        | NotGiven
        | None = NOT_GIVEN,
    ) -> Invoice:
        """Create a free-form invoice with line items."""
        return await self._core.call(INVOICES_CREATE, given(locals()))

    async def create_from_tracked(
        self,
        *,
        client_id: int,
        line_items_import: LineItemsImportParams | dict[str, Any],
        estimate_id: int | NotGiven | None = NOT_GIVEN,
        number: str | NotGiven | None = NOT_GIVEN,
        purchase_order: str | NotGiven | None = NOT_GIVEN,
        tax: Decimal | NotGiven | None = NOT_GIVEN,
        tax2: Decimal | NotGiven | None = NOT_GIVEN,
        discount: Decimal | NotGiven | None = NOT_GIVEN,
        subject: str | NotGiven | None = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        currency: str | NotGiven | None = NOT_GIVEN,
        issue_date: date | NotGiven | None = NOT_GIVEN,
        due_date: date | NotGiven | None = NOT_GIVEN,
        payment_term: str | NotGiven | None = NOT_GIVEN,
        payment_options: Sequence[str] | NotGiven | None = NOT_GIVEN,
        retainer_id: int | NotGiven | None = NOT_GIVEN,
    ) -> Invoice:
        """Create an invoice from tracked time and expenses (line_items_import)."""
        return await self._core.call(INVOICES_CREATE_FROM_TRACKED, given(locals()))

    async def retrieve(self, invoice_id: int) -> Invoice:
        """Retrieve an invoice."""
        return await self._core.call(INVOICES_RETRIEVE, given(locals()))

    async def update(
        self,
        invoice_id: int,
        *,
        client_id: int | NotGiven | None = NOT_GIVEN,
        retainer_id: int | NotGiven | None = NOT_GIVEN,
        estimate_id: int | NotGiven | None = NOT_GIVEN,
        number: str | NotGiven | None = NOT_GIVEN,
        purchase_order: str | NotGiven | None = NOT_GIVEN,
        tax: Decimal | NotGiven | None = NOT_GIVEN,
        tax2: Decimal | NotGiven | None = NOT_GIVEN,
        discount: Decimal | NotGiven | None = NOT_GIVEN,
        subject: str | NotGiven | None = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        currency: str | NotGiven | None = NOT_GIVEN,
        issue_date: date | NotGiven | None = NOT_GIVEN,
        due_date: date | NotGiven | None = NOT_GIVEN,
        payment_term: str | NotGiven | None = NOT_GIVEN,
        payment_options: Sequence[str] | NotGiven | None = NOT_GIVEN,
        line_items: Sequence[InvoiceLineItemChange] | NotGiven | None = NOT_GIVEN,
    ) -> Invoice:
        """Update an invoice."""
        return await self._core.call(INVOICES_UPDATE, given(locals()))

    async def delete(self, invoice_id: int) -> None:
        """Delete an invoice."""
        await self._core.call(INVOICES_DELETE, given(locals()))
