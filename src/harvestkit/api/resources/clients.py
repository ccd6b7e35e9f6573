"""Resource ``clients``: sync and async classes."""

from __future__ import annotations

from datetime import datetime

from .._not_given import NOT_GIVEN, NotGiven, given
from .._pagination import AsyncPager, SyncPager
from ..operations._clients import (
    CLIENTS_CREATE,
    CLIENTS_DELETE,
    CLIENTS_LIST,
    CLIENTS_RETRIEVE,
    CLIENTS_UPDATE,
)
from ..types.clients import Client
from ._base import AsyncAPIResource, SyncAPIResource

__all__ = ["AsyncClients", "Clients"]


class Clients(SyncAPIResource):
    """The ``clients.*`` operations."""

    def list(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        is_active: bool | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
    ) -> SyncPager[Client]:
        """List clients, most recently created first."""
        return self._core.paginate(CLIENTS_LIST, given(locals()))

    def create(
        self,
        *,
        name: str,
        is_active: bool | NotGiven | None = NOT_GIVEN,
        address: str | NotGiven | None = NOT_GIVEN,
        currency: str | NotGiven | None = NOT_GIVEN,
    ) -> Client:
        """Create a client."""
        return self._core.call(CLIENTS_CREATE, given(locals()))

    def retrieve(self, client_id: int) -> Client:
        """Retrieve a client."""
        return self._core.call(CLIENTS_RETRIEVE, given(locals()))

    def update(
        self,
        client_id: int,
        *,
        name: str | NotGiven | None = NOT_GIVEN,
        is_active: bool | NotGiven | None = NOT_GIVEN,
        address: str | NotGiven | None = NOT_GIVEN,
        currency: str | NotGiven | None = NOT_GIVEN,
    ) -> Client:
        """Update a client; omitted fields are left unchanged."""
        return self._core.call(CLIENTS_UPDATE, given(locals()))

    def delete(self, client_id: int) -> None:
        """Delete a client that has no projects, invoices or estimates."""
        self._core.call(CLIENTS_DELETE, given(locals()))


class AsyncClients(AsyncAPIResource):
    """The ``clients.*`` operations (async)."""

    def list(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        is_active: bool | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[Client]:
        """List clients, most recently created first."""
        return self._core.paginate(CLIENTS_LIST, given(locals()))

    async def create(
        self,
        *,
        name: str,
        is_active: bool | NotGiven | None = NOT_GIVEN,
        address: str | NotGiven | None = NOT_GIVEN,
        currency: str | NotGiven | None = NOT_GIVEN,
    ) -> Client:
        """Create a client."""
        return await self._core.call(CLIENTS_CREATE, given(locals()))

    async def retrieve(self, client_id: int) -> Client:
        """Retrieve a client."""
        return await self._core.call(CLIENTS_RETRIEVE, given(locals()))

    async def update(
        self,
        client_id: int,
        *,
        name: str | NotGiven | None = NOT_GIVEN,
        is_active: bool | NotGiven | None = NOT_GIVEN,
        address: str | NotGiven | None = NOT_GIVEN,
        currency: str | NotGiven | None = NOT_GIVEN,
    ) -> Client:
        """Update a client; omitted fields are left unchanged."""
        return await self._core.call(CLIENTS_UPDATE, given(locals()))

    async def delete(self, client_id: int) -> None:
        """Delete a client that has no projects, invoices or estimates."""
        await self._core.call(CLIENTS_DELETE, given(locals()))
