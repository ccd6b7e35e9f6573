"""Harvest invoice payments: object models and request parameters."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ._base import HarvestModel, ListParams, NamedRef, Params

__all__ = ["InvoicePayment", "InvoicePaymentCreateParams", "InvoicePaymentListParams"]


class InvoicePayment(HarvestModel):
    """A payment recorded against an invoice."""

    id: int
    """Unique ID for the payment."""
    amount: Decimal | None = None
    """The amount of the payment."""
    paid_at: datetime | None = None
    """Date and time the payment was made."""
    paid_date: date | None = None
    """Date the payment was made."""
    recorded_by: str | None = None
    """The name of the person who recorded the payment."""
    recorded_by_email: str | None = None
    """The email of the person who recorded the payment."""
    notes: str | None = None
    """Any notes associated with the payment."""
    transaction_id: str | None = None
    """Either the card authorization or PayPal transaction ID."""
    payment_gateway: NamedRef | None = None
    """The payment gateway id and name used to process the payment."""
    created_at: datetime | None = None
    """Date and time the payment was recorded."""
    updated_at: datetime | None = None
    """Date and time the payment was last updated."""


class InvoicePaymentListParams(ListParams):
    """Query parameters for ``invoices.payments.list``."""

    updated_since: datetime | None = None
    """Only return invoice payments that have been updated since the given date and time."""


class InvoicePaymentCreateParams(Params):
    """Record a payment on an invoice."""

    amount: Decimal
    """The amount of the payment."""
    paid_at: datetime | None = None
    """Date and time the payment was made. Pass either paid_at or paid_date, but not both."""
    paid_date: date | None = None
    """Date the payment was made. Pass either paid_at or paid_date, but not both."""
    notes: str | None = None
    """Any notes to be associated with the payment."""
    send_thank_you: bool | None = None
    """Whether or not to send a thank you email (if enabled for your account in Invoices >
    Configure > Messages). Only sends an email if the invoice will be fully paid after
    creating this payment. Defaults to true.
    """
