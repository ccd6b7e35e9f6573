"""Resource ``contacts``: sync and async classes."""

from __future__ import annotations

from datetime import datetime

from .._not_given import NOT_GIVEN, NotGiven, given
from .._pagination import AsyncPager, SyncPager
from ..operations._clients import (
    CONTACTS_CREATE,
    CONTACTS_DELETE,
    CONTACTS_LIST,
    CONTACTS_RETRIEVE,
    CONTACTS_UPDATE,
)
from ..types.contacts import Contact
from ._base import AsyncAPIResource, SyncAPIResource

__all__ = ["AsyncContacts", "Contacts"]


class Contacts(SyncAPIResource):
    """The ``contacts.*`` operations."""

    def list(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        client_id: int | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
    ) -> SyncPager[Contact]:
        """List client contacts, most recently created first."""
        return self._core.paginate(CONTACTS_LIST, given(locals()))

    def create(
        self,
        *,
        client_id: int,
        first_name: str,
        title: str | NotGiven | None = NOT_GIVEN,
        last_name: str | NotGiven | None = NOT_GIVEN,
        email: str | NotGiven | None = NOT_GIVEN,
        phone_office: str | NotGiven | None = NOT_GIVEN,
        phone_mobile: str | NotGiven | None = NOT_GIVEN,
        fax: str | NotGiven | None = NOT_GIVEN,
    ) -> Contact:
        """Create a client contact."""
        return self._core.call(CONTACTS_CREATE, given(locals()))

    def retrieve(self, contact_id: int) -> Contact:
        """Retrieve a client contact."""
        return self._core.call(CONTACTS_RETRIEVE, given(locals()))

    def update(
        self,
        contact_id: int,
        *,
        client_id: int | NotGiven | None = NOT_GIVEN,
        title: str | NotGiven | None = NOT_GIVEN,
        first_name: str | NotGiven | None = NOT_GIVEN,
        last_name: str | NotGiven | None = NOT_GIVEN,
        email: str | NotGiven | None = NOT_GIVEN,
        phone_office: str | NotGiven | None = NOT_GIVEN,
        phone_mobile: str | NotGiven | None = NOT_GIVEN,
        fax: str | NotGiven | None = NOT_GIVEN,
    ) -> Contact:
        """Update a client contact."""
        return self._core.call(CONTACTS_UPDATE, given(locals()))

    def delete(self, contact_id: int) -> None:
        """Delete a client contact."""
        self._core.call(CONTACTS_DELETE, given(locals()))


class AsyncContacts(AsyncAPIResource):
    """The ``contacts.*`` operations (async)."""

    def list(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        client_id: int | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[Contact]:
        """List client contacts, most recently created first."""
        return self._core.paginate(CONTACTS_LIST, given(locals()))

    async def create(
        self,
        *,
        client_id: int,
        first_name: str,
        title: str | NotGiven | None = NOT_GIVEN,
        last_name: str | NotGiven | None = NOT_GIVEN,
        email: str | NotGiven | None = NOT_GIVEN,
        phone_office: str | NotGiven | None = NOT_GIVEN,
        phone_mobile: str | NotGiven | None = NOT_GIVEN,
        fax: str | NotGiven | None = NOT_GIVEN,
    ) -> Contact:
        """Create a client contact."""
        return await self._core.call(CONTACTS_CREATE, given(locals()))

    async def retrieve(self, contact_id: int) -> Contact:
        """Retrieve a client contact."""
        return await self._core.call(CONTACTS_RETRIEVE, given(locals()))

    async def update(
        self,
        contact_id: int,
        *,
        client_id: int | NotGiven | None = NOT_GIVEN,
        title: str | NotGiven | None = NOT_GIVEN,
        first_name: str | NotGiven | None = NOT_GIVEN,
        last_name: str | NotGiven | None = NOT_GIVEN,
        email: str | NotGiven | None = NOT_GIVEN,
        phone_office: str | NotGiven | None = NOT_GIVEN,
        phone_mobile: str | NotGiven | None = NOT_GIVEN,
        fax: str | NotGiven | None = NOT_GIVEN,
    ) -> Contact:
        """Update a client contact."""
        return await self._core.call(CONTACTS_UPDATE, given(locals()))

    async def delete(self, contact_id: int) -> None:
        """Delete a client contact."""
        await self._core.call(CONTACTS_DELETE, given(locals()))
