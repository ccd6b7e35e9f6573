"""Harvest contacts: object models and request parameters."""

from __future__ import annotations

from datetime import datetime

from ._base import ClientRef, HarvestModel, ListParams, Params

__all__ = ["Contact", "ContactCreateParams", "ContactListParams", "ContactUpdateParams"]


class Contact(HarvestModel):
    """A contact person at a client."""

    id: int
    """Unique ID for the contact."""
    client: ClientRef | None = None
    """An object containing the contact’s client id and name."""
    title: str | None = None
    """The title of the contact."""
    first_name: str | None = None
    """The first name of the contact."""
    last_name: str | None = None
    """The last name of the contact."""
    email: str | None = None
    """The contact’s email address."""
    phone_office: str | None = None
    """The contact’s office phone number."""
    phone_mobile: str | None = None
    """The contact’s mobile phone number."""
    fax: str | None = None
    """The contact’s fax number."""
    created_at: datetime | None = None
    """Date and time the contact was created."""
    updated_at: datetime | None = None
    """Date and time the contact was last updated."""


class ContactListParams(ListParams):
    """Query parameters for ``contacts.list``."""

    client_id: int | None = None
    """Only return contacts belonging to the client with the given ID."""
    updated_since: datetime | None = None
    """Only return contacts that have been updated since the given date and time."""


class ContactCreateParams(Params):
    """Create a client contact."""

    client_id: int
    """The ID of the client associated with this contact."""
    first_name: str
    """The first name of the contact."""
    title: str | None = None
    """The title of the contact."""
    last_name: str | None = None
    """The last name of the contact."""
    email: str | None = None
    """The contact’s email address."""
    phone_office: str | None = None
    """The contact’s office phone number."""
    phone_mobile: str | None = None
    """The contact’s mobile phone number."""
    fax: str | None = None
    """The contact’s fax number."""


class ContactUpdateParams(Params):
    """Update a client contact."""

    client_id: int | None = None
    """The ID of the client associated with this contact."""
    title: str | None = None
    """The title of the contact."""
    first_name: str | None = None
    """The first name of the contact."""
    last_name: str | None = None
    """The last name of the contact."""
    email: str | None = None
    """The contact’s email address."""
    phone_office: str | None = None
    """The contact’s office phone number."""
    phone_mobile: str | None = None
    """The contact’s mobile phone number."""
    fax: str | None = None
    """The contact’s fax number."""
