"""Resource ``users``: sync and async classes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from .._async_core import AsyncCore
from .._not_given import NOT_GIVEN, NotGiven, given
from .._pagination import AsyncPager, SyncPager
from .._sync_core import SyncCore
from ..operations._users import (
    USERS_ARCHIVE,
    USERS_CREATE,
    USERS_DELETE,
    USERS_LIST,
    USERS_ME,
    USERS_RETRIEVE,
    USERS_UPDATE,
)
from ..types.users import User
from ._base import AsyncAPIResource, SyncAPIResource
from .user_billable_rates import AsyncUserBillableRates, UserBillableRates
from .user_cost_rates import AsyncUserCostRates, UserCostRates
from .user_project_assignments import AsyncUserProjectAssignments, UserProjectAssignments
from .user_teammates import AsyncUserTeammates, UserTeammates

__all__ = ["AsyncUsers", "Users"]


class Users(SyncAPIResource):
    """The ``users.*`` operations."""

    def __init__(self, core: SyncCore) -> None:
        super().__init__(core)
        self.billable_rates = UserBillableRates(core)
        """Billable rates of one user."""
        self.cost_rates = UserCostRates(core)
        """Cost rates of one user."""
        self.project_assignments = UserProjectAssignments(core)
        """Project assignments of one user."""
        self.teammates = UserTeammates(core)
        """Teammates of one user."""

    def list(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        is_active: bool | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
    ) -> SyncPager[User]:
        """List users, most recently created first."""
        return self._core.paginate(USERS_LIST, given(locals()))

    def create(
        self,
        *,
        first_name: str,
        last_name: str,
        email: str,
        timezone: str | NotGiven | None = NOT_GIVEN,
        has_access_to_all_future_projects: bool | NotGiven | None = NOT_GIVEN,
        is_contractor: bool | NotGiven | None = NOT_GIVEN,
        is_active: bool | NotGiven | None = NOT_GIVEN,
        weekly_capacity: int | NotGiven | None = NOT_GIVEN,
        default_hourly_rate: Decimal | NotGiven | None = NOT_GIVEN,
        cost_rate: Decimal | NotGiven | None = NOT_GIVEN,
        roles: Sequence[str] | NotGiven | None = NOT_GIVEN,
        access_roles: Sequence[str] | NotGiven | None = NOT_GIVEN,
    ) -> User:
        """Create a user (sends an invitation)."""
        return self._core.call(USERS_CREATE, given(locals()))

    def me(self) -> User:
        """Retrieve the authenticated user."""
        return self._core.call(USERS_ME, given(locals()))

    def retrieve(self, user_id: int) -> User:
        """Retrieve a user."""
        return self._core.call(USERS_RETRIEVE, given(locals()))

    def update(
        self,
        user_id: int,
        *,
        first_name: str | NotGiven | None = NOT_GIVEN,
        last_name: str | NotGiven | None = NOT_GIVEN,
        email: str | NotGiven | None = NOT_GIVEN,
        timezone: str | NotGiven | None = NOT_GIVEN,
        has_access_to_all_future_projects: bool | NotGiven | None = NOT_GIVEN,
        is_contractor: bool | NotGiven | None = NOT_GIVEN,
        is_active: bool | NotGiven | None = NOT_GIVEN,
        weekly_capacity: int | NotGiven | None = NOT_GIVEN,
        roles: Sequence[str] | NotGiven | None = NOT_GIVEN,
        access_roles: Sequence[str] | NotGiven | None = NOT_GIVEN,
    ) -> User:
        """Update a user."""
        return self._core.call(USERS_UPDATE, given(locals()))

    def archive(self, user_id: int) -> User:
        """Archive a user (is_active false)."""
        return self._core.call(USERS_ARCHIVE, given(locals()))

    def delete(self, user_id: int) -> None:
        """Delete a user that has no time entries or expenses."""
        self._core.call(USERS_DELETE, given(locals()))


class AsyncUsers(AsyncAPIResource):
    """The ``users.*`` operations (async)."""

    def __init__(self, core: AsyncCore) -> None:
        super().__init__(core)
        self.billable_rates = AsyncUserBillableRates(core)
        """Billable rates of one user."""
        self.cost_rates = AsyncUserCostRates(core)
        """Cost rates of one user."""
        self.project_assignments = AsyncUserProjectAssignments(core)
        """Project assignments of one user."""
        self.teammates = AsyncUserTeammates(core)
        """Teammates of one user."""

    def list(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        is_active: bool | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[User]:
        """List users, most recently created first."""
        return self._core.paginate(USERS_LIST, given(locals()))

    async def create(
        self,
        *,
        first_name: str,
        last_name: str,
        email: str,
        timezone: str | NotGiven | None = NOT_GIVEN,
        has_access_to_all_future_projects: bool | NotGiven | None = NOT_GIVEN,
        is_contractor: bool | NotGiven | None = NOT_GIVEN,
        is_active: bool | NotGiven | None = NOT_GIVEN,
        weekly_capacity: int | NotGiven | None = NOT_GIVEN,
        default_hourly_rate: Decimal | NotGiven | None = NOT_GIVEN,
        cost_rate: Decimal | NotGiven | None = NOT_GIVEN,
        roles: Sequence[str] | NotGiven | None = NOT_GIVEN,
        access_roles: Sequence[str] | NotGiven | None = NOT_GIVEN,
    ) -> User:
        """Create a user (sends an invitation)."""
        return await self._core.call(USERS_CREATE, given(locals()))

    async def me(self) -> User:
        """Retrieve the authenticated user."""
        return await self._core.call(USERS_ME, given(locals()))

    async def retrieve(self, user_id: int) -> User:
        """Retrieve a user."""
        return await self._core.call(USERS_RETRIEVE, given(locals()))

    async def update(
        self,
        user_id: int,
        *,
        first_name: str | NotGiven | None = NOT_GIVEN,
        last_name: str | NotGiven | None = NOT_GIVEN,
        email: str | NotGiven | None = NOT_GIVEN,
        timezone: str | NotGiven | None = NOT_GIVEN,
        has_access_to_all_future_projects: bool | NotGiven | None = NOT_GIVEN,
        is_contractor: bool | NotGiven | None = NOT_GIVEN,
        is_active: bool | NotGiven | None = NOT_GIVEN,
        weekly_capacity: int | NotGiven | None = NOT_GIVEN,
        roles: Sequence[str] | NotGiven | None = NOT_GIVEN,
        access_roles: Sequence[str] | NotGiven | None = NOT_GIVEN,
    ) -> User:
        """Update a user."""
        return await self._core.call(USERS_UPDATE, given(locals()))

    async def archive(self, user_id: int) -> User:
        """Archive a user (is_active false)."""
        return await self._core.call(USERS_ARCHIVE, given(locals()))

    async def delete(self, user_id: int) -> None:
        """Delete a user that has no time entries or expenses."""
        await self._core.call(USERS_DELETE, given(locals()))
