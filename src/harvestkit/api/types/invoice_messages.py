"""Harvest invoice messages: object models and request parameters."""

from __future__ import annotations

from datetime import date, datetime

from ._base import HarvestModel, ListParams, MessageRecipientParams, Params

__all__ = [
    "InvoiceMessage",
    "InvoiceMessageCreateParams",
    "InvoiceMessageListParams",
    "InvoiceMessageRecipient",
    "InvoiceMessageSubjectAndBody",
    "InvoiceMessageTemplateParams",
]


class InvoiceMessage(HarvestModel):
    """A message (email or state event) recorded on an invoice."""

    id: int
    """Unique ID for the message."""
    sent_by: str | None = None
    """Name of the user that created the message."""
    sent_by_email: str | None = None
    """Email of the user that created the message."""
    sent_from: str | None = None
    """Name of the user that the message was sent from."""
    sent_from_email: str | None = None
    """Email of the user that message was sent from."""
    recipients: list[InvoiceMessageRecipient] | None = None
    """Array of invoice message recipients."""
    subject: str | None = None
    """The message subject."""
    body: str | None = None
    """The message body."""
    include_link_to_client_invoice: bool | None = None
    """DEPRECATED This will be true when payment_options are assigned to the invoice and false
    when there are no payment_options.
    """
    attach_pdf: bool | None = None
    """Whether to attach the invoice PDF to the message email."""
    send_me_a_copy: bool | None = None
    """Whether to email a copy of the message to the current user."""
    thank_you: bool | None = None
    """Whether this is a thank you message."""
    event_type: str | None = None
    """The type of invoice event that occurred with the message: close, draft, re-open, or send
    (marked the invoice as sent). If event_type was omitted in the request, a null value is
    returned, meaning the invoice was sent.
    """
    reminder: bool | None = None
    """Whether this is a reminder message."""
    send_reminder_on: date | None = None
    """The date the reminder email will be sent."""
    created_at: datetime | None = None
    """Date and time the message was created."""
    updated_at: datetime | None = None
    """Date and time the message was last updated."""


class InvoiceMessageRecipient(HarvestModel):
    """A recipient of an invoice message."""

    name: str | None = None
    """Name of the message recipient."""
    email: str | None = None
    """Email of the message recipient."""


class InvoiceMessageSubjectAndBody(HarvestModel):
    """The default subject and body Harvest proposes for a new invoice message."""

    invoice_id: int | None = None
    subject: str | None = None
    body: str | None = None
    reminder: bool | None = None
    thank_you: bool | None = None


class InvoiceMessageListParams(ListParams):
    """Query parameters for ``invoices.messages.list``."""

    updated_since: datetime | None = None
    """Only return invoice messages that have been updated since the given date and time."""


class InvoiceMessageCreateParams(Params):
    """Email an invoice to recipients (a draft becomes open)."""

    recipients: list[MessageRecipientParams] | None = None
    """Array of recipient parameters. See below for more details."""
    subject: str | None = None
    """The message subject."""
    body: str | None = None
    """The message body."""
    attach_pdf: bool | None = None
    """If set to true, a PDF of the invoice will be attached to the message email. Defaults to
    false.
    """
    send_me_a_copy: bool | None = None
    """If set to true, a copy of the message email will be sent to the current user. Defaults to
    false.
    """
    thank_you: bool | None = None
    """If set to true, a thank you message email will be sent. Defaults to false."""


class InvoiceMessageTemplateParams(Params):
    """Query parameters for ``invoices.messages.new_template``."""

    thank_you: bool | None = None
    """Set to true to return the subject and body of a thank-you invoice message for the
    specific invoice.
    """
    reminder: bool | None = None
    """Set to true to return the subject and body of a reminder invoice message for the specific
    invoice.
    """


# InvoiceMessage names its recipient type, defined after it; resolve it now so models built
# from InvoiceMessage elsewhere are complete.
InvoiceMessage.model_rebuild()
