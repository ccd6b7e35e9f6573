"""Resource ``roles``: sync and async classes."""

from __future__ import annotations

from collections.abc import Sequence

from .._not_given import NOT_GIVEN, NotGiven, given
from .._pagination import AsyncPager, SyncPager
from ..operations._users import ROLES_CREATE, ROLES_DELETE, ROLES_LIST, ROLES_RETRIEVE, ROLES_UPDATE
from ..types.roles import Role
from ._base import AsyncAPIResource, SyncAPIResource

__all__ = ["AsyncRoles", "Roles"]


class Roles(SyncAPIResource):
    """The ``roles.*`` operations."""

    def list(self, *, per_page: int | NotGiven = NOT_GIVEN) -> SyncPager[Role]:
        """List roles."""
        return self._core.paginate(ROLES_LIST, given(locals()))

    def create(self, *, name: str, user_ids: Sequence[int] | NotGiven | None = NOT_GIVEN) -> Role:
        """Create a role."""
        return self._core.call(ROLES_CREATE, given(locals()))

    def retrieve(self, role_id: int) -> Role:
        """Retrieve a role."""
        return self._core.call(ROLES_RETRIEVE, given(locals()))

    def update(
        self,
        role_id: int,
        *,
        name: str | NotGiven | None = NOT_GIVEN,
        user_ids: Sequence[int] | NotGiven | None = NOT_GIVEN,
    ) -> Role:
        """Update a role and its users."""
        return self._core.call(ROLES_UPDATE, given(locals()))

    def delete(self, role_id: int) -> None:
        """Delete a role (its users are unlinked)."""
        self._core.call(ROLES_DELETE, given(locals()))


class AsyncRoles(AsyncAPIResource):
    """The ``roles.*`` operations (async)."""

    def list(self, *, per_page: int | NotGiven = NOT_GIVEN) -> AsyncPager[Role]:
        """List roles."""
        return self._core.paginate(ROLES_LIST, given(locals()))

    async def create(
        self, *, name: str, user_ids: Sequence[int] | NotGiven | None = NOT_GIVEN
    ) -> Role:
        """Create a role."""
        return await self._core.call(ROLES_CREATE, given(locals()))

    async def retrieve(self, role_id: int) -> Role:
        """Retrieve a role."""
        return await self._core.call(ROLES_RETRIEVE, given(locals()))

    async def update(
        self,
        role_id: int,
        *,
        name: str | NotGiven | None = NOT_GIVEN,
        user_ids: Sequence[int] | NotGiven | None = NOT_GIVEN,
    ) -> Role:
        """Update a role and its users."""
        return await self._core.call(ROLES_UPDATE, given(locals()))

    async def delete(self, role_id: int) -> None:
        """Delete a role (its users are unlinked)."""
        await self._core.call(ROLES_DELETE, given(locals()))
