"""Harvest clients: object models and request parameters."""

from __future__ import annotations

from datetime import datetime

from ._base import HarvestModel, ListParams, Params

__all__ = ["Client", "ClientCreateParams", "ClientListParams", "ClientUpdateParams"]


class Client(HarvestModel):
    """A client: the company or person you bill."""

    id: int
    """Unique ID for the client."""
    name: str | None = None
    """A textual description of the client."""
    is_active: bool | None = None
    """Whether the client is active or archived."""
    address: str | None = None
    """The physical address for the client."""
    statement_key: str | None = None
    """Used to build a URL to your client’s invoice
    dashboard:https://{ACCOUNT_SUBDOMAIN}.harvestapp.com/client/statements/{STATEMENT_KEY}
    """
    currency: str | None = None
    """The currency code associated with this client."""
    created_at: datetime | None = None
    """Date and time the client was created."""
    updated_at: datetime | None = None
    """Date and time the client was last updated."""


class ClientListParams(ListParams):
    """Query parameters for ``clients.list``."""

    is_active: bool | None = None
    """Pass true to only return active clients and false to return inactive clients."""
    updated_since: datetime | None = None
    """Only return clients that have been updated since the given date and time."""


class ClientCreateParams(Params):
    """Create a client."""

    name: str
    """A textual description of the client."""
    is_active: bool | None = None
    """Whether the client is active, or archived. Defaults to true."""
    address: str | None = None
    """A textual representation of the client’s physical address. May include new line
    characters.
    """
    currency: str | None = None
    """The currency used by the client. If not provided, the company’s currency will be used.
    See a list of supported currencies
    """


class ClientUpdateParams(Params):
    """Update a client; omitted fields are left unchanged."""

    name: str | None = None
    """A textual description of the client."""
    is_active: bool | None = None
    """Whether the client is active, or archived."""
    address: str | None = None
    """A textual representation of the client’s physical address. May include new line
    characters.
    """
    currency: str | None = None
    """The currency used by the client. See a list of supported currencies"""
