"""Resource ``users.teammates``: sync and async classes."""

from __future__ import annotations

from collections.abc import Sequence

from .._not_given import NOT_GIVEN, NotGiven, given
from .._pagination import AsyncPager, SyncPager
from ..operations._users import USERS_TEAMMATES_LIST, USERS_TEAMMATES_UPDATE
from ..types.teammates import Teammate, TeammatesUpdate
from ._base import AsyncAPIResource, SyncAPIResource

__all__ = ["AsyncUserTeammates", "UserTeammates"]


class UserTeammates(SyncAPIResource):
    """The ``users.teammates.*`` operations."""

    def list(self, user_id: int, *, per_page: int | NotGiven = NOT_GIVEN) -> SyncPager[Teammate]:
        """List a user's assigned teammates."""
        return self._core.paginate(USERS_TEAMMATES_LIST, given(locals()))

    def update(self, user_id: int, *, teammate_ids: Sequence[int]) -> TeammatesUpdate:
        """Replace a user's assigned teammates."""
        return self._core.call(USERS_TEAMMATES_UPDATE, given(locals()))


class AsyncUserTeammates(AsyncAPIResource):
    """The ``users.teammates.*`` operations (async)."""

    def list(self, user_id: int, *, per_page: int | NotGiven = NOT_GIVEN) -> AsyncPager[Teammate]:
        """List a user's assigned teammates."""
        return self._core.paginate(USERS_TEAMMATES_LIST, given(locals()))

    async def update(self, user_id: int, *, teammate_ids: Sequence[int]) -> TeammatesUpdate:
        """Replace a user's assigned teammates."""
        return await self._core.call(USERS_TEAMMATES_UPDATE, given(locals()))
