"""Harvest estimate messages: object models and request parameters."""

from __future__ import annotations

from datetime import datetime

from ._base import HarvestModel, ListParams, MessageRecipientParams, Params

__all__ = [
    "EstimateMessage",
    "EstimateMessageCreateParams",
    "EstimateMessageListParams",
    "EstimateMessageRecipient",
]


class EstimateMessage(HarvestModel):
    """A message (email or state event) recorded on an estimate."""

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
    recipients: list[EstimateMessageRecipient] | None = None
    """Array of estimate message recipients."""
    subject: str | None = None
    """The message subject."""
    body: str | None = None
    """The message body."""
    send_me_a_copy: bool | None = None
    """Whether to email a copy of the message to the current user."""
    event_type: str | None = None
    """The type of estimate event that occurred with the message: send, accept, decline, re-
    open, view, or invoice.
    """
    created_at: datetime | None = None
    """Date and time the message was created."""
    updated_at: datetime | None = None
    """Date and time the message was last updated."""


class EstimateMessageRecipient(HarvestModel):
    """A recipient of an estimate message."""

    name: str | None = None
    """Name of the message recipient."""
    email: str | None = None
    """Email of the message recipient."""


class EstimateMessageListParams(ListParams):
    """Query parameters for ``estimates.messages.list``."""

    updated_since: datetime | None = None
    """Only return estimate messages that have been updated since the given date and time."""


class EstimateMessageCreateParams(Params):
    """Email an estimate to recipients."""

    recipients: list[MessageRecipientParams]
    """Array of recipient parameters. See below for details."""
    subject: str | None = None
    """The message subject."""
    body: str | None = None
    """The message body."""
    send_me_a_copy: bool | None = None
    """If set to true, a copy of the message email will be sent to the current user. Defaults to
    false.
    """


# EstimateMessage names its recipient type, defined after it; resolve it now so models built
# from EstimateMessage elsewhere are complete.
EstimateMessage.model_rebuild()
