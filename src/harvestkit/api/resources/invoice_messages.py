"""Resource ``invoices.messages``: sync and async classes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from .._not_given import NOT_GIVEN, NotGiven, given
from .._pagination import AsyncPager, SyncPager
from ..operations._invoices import (
    INVOICES_MESSAGES_CREATE,
    INVOICES_MESSAGES_DELETE,
    INVOICES_MESSAGES_LIST,
    INVOICES_MESSAGES_MARK_CLOSED,
    INVOICES_MESSAGES_MARK_DRAFT,
    INVOICES_MESSAGES_MARK_SENT,
    INVOICES_MESSAGES_NEW_TEMPLATE,
    INVOICES_MESSAGES_REOPEN,
)
from ..types._base import MessageRecipientParams
from ..types.invoice_messages import InvoiceMessage, InvoiceMessageSubjectAndBody
from ._base import AsyncAPIResource, SyncAPIResource

__all__ = ["AsyncInvoiceMessages", "InvoiceMessages"]


class InvoiceMessages(SyncAPIResource):
    """The ``invoices.messages.*`` operations."""

    def list(
        self,
        invoice_id: int,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
    ) -> SyncPager[InvoiceMessage]:
        """List the messages sent for an invoice."""
        return self._core.paginate(INVOICES_MESSAGES_LIST, given(locals()))

    def create(
        self,
        invoice_id: int,
        *,
        recipients: Sequence[MessageRecipientParams | dict[str, Any]] | NotGiven | None = NOT_GIVEN,
        subject: str | NotGiven | None = NOT_GIVEN,
        body: str | NotGiven | None = NOT_GIVEN,
        attach_pdf: bool | NotGiven | None = NOT_GIVEN,
        send_me_a_copy: bool | NotGiven | None = NOT_GIVEN,
        thank_you: bool | NotGiven | None = NOT_GIVEN,
    ) -> InvoiceMessage:
        """Email an invoice to recipients (a draft becomes open)."""
        return self._core.call(INVOICES_MESSAGES_CREATE, given(locals()))

    def new_template(
        self,
        invoice_id: int,
        *,
        thank_you: bool | NotGiven = NOT_GIVEN,
        reminder: bool | NotGiven = NOT_GIVEN,
    ) -> InvoiceMessageSubjectAndBody:
        """Retrieve the default subject and body for a new invoice message."""
        return self._core.call(INVOICES_MESSAGES_NEW_TEMPLATE, given(locals()))

    def delete(self, invoice_id: int, message_id: int) -> None:
        """Delete an invoice message."""
        self._core.call(INVOICES_MESSAGES_DELETE, given(locals()))

    def mark_sent(self, invoice_id: int) -> InvoiceMessage:
        """Mark a draft invoice as sent (no email)."""
        return self._core.call(INVOICES_MESSAGES_MARK_SENT, given(locals()))

    def mark_closed(self, invoice_id: int) -> InvoiceMessage:
        """Mark an open invoice as closed (written off)."""
        return self._core.call(INVOICES_MESSAGES_MARK_CLOSED, given(locals()))

    def reopen(self, invoice_id: int) -> InvoiceMessage:
        """Re-open a closed invoice."""
        return self._core.call(INVOICES_MESSAGES_REOPEN, given(locals()))

    def mark_draft(self, invoice_id: int) -> InvoiceMessage:
        """Return an open invoice to draft."""
        return self._core.call(INVOICES_MESSAGES_MARK_DRAFT, given(locals()))


class AsyncInvoiceMessages(AsyncAPIResource):
    """The ``invoices.messages.*`` operations (async)."""

    def list(
        self,
        invoice_id: int,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[InvoiceMessage]:
        """List the messages sent for an invoice."""
        return self._core.paginate(INVOICES_MESSAGES_LIST, given(locals()))

    async def create(
        self,
        invoice_id: int,
        *,
        recipients: Sequence[MessageRecipientParams | dict[str, Any]] | NotGiven | None = NOT_GIVEN,
        subject: str | NotGiven | None = NOT_GIVEN,
        body: str | NotGiven | None = NOT_GIVEN,
        attach_pdf: bool | NotGiven | None = NOT_GIVEN,
        send_me_a_copy: bool | NotGiven | None = NOT_GIVEN,
        thank_you: bool | NotGiven | None = NOT_GIVEN,
    ) -> InvoiceMessage:
        """Email an invoice to recipients (a draft becomes open)."""
        return await self._core.call(INVOICES_MESSAGES_CREATE, given(locals()))

    async def new_template(
        self,
        invoice_id: int,
        *,
        thank_you: bool | NotGiven = NOT_GIVEN,
        reminder: bool | NotGiven = NOT_GIVEN,
    ) -> InvoiceMessageSubjectAndBody:
        """Retrieve the default subject and body for a new invoice message."""
        return await self._core.call(INVOICES_MESSAGES_NEW_TEMPLATE, given(locals()))

    async def delete(self, invoice_id: int, message_id: int) -> None:
        """Delete an invoice message."""
        await self._core.call(INVOICES_MESSAGES_DELETE, given(locals()))

    async def mark_sent(self, invoice_id: int) -> InvoiceMessage:
        """Mark a draft invoice as sent (no email)."""
        return await self._core.call(INVOICES_MESSAGES_MARK_SENT, given(locals()))

    async def mark_closed(self, invoice_id: int) -> InvoiceMessage:
        """Mark an open invoice as closed (written off)."""
        return await self._core.call(INVOICES_MESSAGES_MARK_CLOSED, given(locals()))

    async def reopen(self, invoice_id: int) -> InvoiceMessage:
        """Re-open a closed invoice."""
        return await self._core.call(INVOICES_MESSAGES_REOPEN, given(locals()))

    async def mark_draft(self, invoice_id: int) -> InvoiceMessage:
        """Return an open invoice to draft."""
        return await self._core.call(INVOICES_MESSAGES_MARK_DRAFT, given(locals()))
