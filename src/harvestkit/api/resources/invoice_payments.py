"""Resource ``invoices.payments``: sync and async classes."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from .._not_given import NOT_GIVEN, NotGiven, given
from .._pagination import AsyncPager, SyncPager
from ..operations._invoices import (
    INVOICES_PAYMENTS_CREATE,
    INVOICES_PAYMENTS_DELETE,
    INVOICES_PAYMENTS_LIST,
)
from ..types.invoice_payments import InvoicePayment
from ._base import AsyncAPIResource, SyncAPIResource

__all__ = ["AsyncInvoicePayments", "InvoicePayments"]


class InvoicePayments(SyncAPIResource):
    """The ``invoices.payments.*`` operations."""

    def list(
        self,
        invoice_id: int,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
    ) -> SyncPager[InvoicePayment]:
        """List the payments recorded on an invoice."""
        return self._core.paginate(INVOICES_PAYMENTS_LIST, given(locals()))

    def create(
        self,
        invoice_id: int,
        *,
        amount: Decimal,
        paid_at: datetime | NotGiven | None = NOT_GIVEN,
        paid_date: date | NotGiven | None = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        send_thank_you: bool | NotGiven | None = NOT_GIVEN,
    ) -> InvoicePayment:
        """Record a payment on an invoice."""
        return self._core.call(INVOICES_PAYMENTS_CREATE, given(locals()))

    def delete(self, invoice_id: int, payment_id: int) -> None:
        """Delete an invoice payment."""
        self._core.call(INVOICES_PAYMENTS_DELETE, given(locals()))


class AsyncInvoicePayments(AsyncAPIResource):
    """The ``invoices.payments.*`` operations (async)."""

    def list(
        self,
        invoice_id: int,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[InvoicePayment]:
        """List the payments recorded on an invoice."""
        return self._core.paginate(INVOICES_PAYMENTS_LIST, given(locals()))

    async def create(
        self,
        invoice_id: int,
        *,
        amount: Decimal,
        paid_at: datetime | NotGiven | None = NOT_GIVEN,
        paid_date: date | NotGiven | None = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        send_thank_you: bool | NotGiven | None = NOT_GIVEN,
    ) -> InvoicePayment:
        """Record a payment on an invoice."""
        return await self._core.call(INVOICES_PAYMENTS_CREATE, given(locals()))

    async def delete(self, invoice_id: int, payment_id: int) -> None:
        """Delete an invoice payment."""
        await self._core.call(INVOICES_PAYMENTS_DELETE, given(locals()))
