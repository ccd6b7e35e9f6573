"""Resource ``projects.user_assignments``: sync and async classes."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from .._not_given import NOT_GIVEN, NotGiven, given
from .._pagination import AsyncPager, SyncPager
from ..operations._projects import (
    PROJECTS_USER_ASSIGNMENTS_CREATE,
    PROJECTS_USER_ASSIGNMENTS_DELETE,
    PROJECTS_USER_ASSIGNMENTS_LIST,
    PROJECTS_USER_ASSIGNMENTS_RETRIEVE,
    PROJECTS_USER_ASSIGNMENTS_UPDATE,
)
from ..types.user_assignments import UserAssignment
from ._base import AsyncAPIResource, SyncAPIResource

__all__ = ["AsyncProjectUserAssignments", "ProjectUserAssignments"]


class ProjectUserAssignments(SyncAPIResource):
    """The ``projects.user_assignments.*`` operations."""

    def list(
        self,
        project_id: int,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        user_id: int | NotGiven = NOT_GIVEN,
        is_active: bool | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
    ) -> SyncPager[UserAssignment]:
        """List the user assignments of a project."""
        return self._core.paginate(PROJECTS_USER_ASSIGNMENTS_LIST, given(locals()))

    def create(
        self,
        project_id: int,
        *,
        user_id: int,
        is_active: bool | NotGiven | None = NOT_GIVEN,
        is_project_manager: bool | NotGiven | None = NOT_GIVEN,
        use_default_rates: bool | NotGiven | None = NOT_GIVEN,
        hourly_rate: Decimal | NotGiven | None = NOT_GIVEN,
        budget: Decimal | NotGiven | None = NOT_GIVEN,
    ) -> UserAssignment:
        """Assign a user to a project."""
        return self._core.call(PROJECTS_USER_ASSIGNMENTS_CREATE, given(locals()))

    def retrieve(self, project_id: int, user_assignment_id: int) -> UserAssignment:
        """Retrieve a user assignment."""
        return self._core.call(PROJECTS_USER_ASSIGNMENTS_RETRIEVE, given(locals()))

    def update(
        self,
        project_id: int,
        user_assignment_id: int,
        *,
        is_active: bool | NotGiven | None = NOT_GIVEN,
        is_project_manager: bool | NotGiven | None = NOT_GIVEN,
        use_default_rates: bool | NotGiven | None = NOT_GIVEN,
        hourly_rate: Decimal | NotGiven | None = NOT_GIVEN,
        budget: Decimal | NotGiven | None = NOT_GIVEN,
    ) -> UserAssignment:
        """Update a user assignment."""
        return self._core.call(PROJECTS_USER_ASSIGNMENTS_UPDATE, given(locals()))

    def delete(self, project_id: int, user_assignment_id: int) -> None:
        """Delete a user assignment that has no time entries or expenses."""
        self._core.call(PROJECTS_USER_ASSIGNMENTS_DELETE, given(locals()))


class AsyncProjectUserAssignments(AsyncAPIResource):
    """The ``projects.user_assignments.*`` operations (async)."""

    def list(
        self,
        project_id: int,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        user_id: int | NotGiven = NOT_GIVEN,
        is_active: bool | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[UserAssignment]:
        """List the user assignments of a project."""
        return self._core.paginate(PROJECTS_USER_ASSIGNMENTS_LIST, given(locals()))

    async def create(
        self,
        project_id: int,
        *,
        user_id: int,
        is_active: bool | NotGiven | None = NOT_GIVEN,
        is_project_manager: bool | NotGiven | None = NOT_GIVEN,
        use_default_rates: bool | NotGiven | None = NOT_GIVEN,
        hourly_rate: Decimal | NotGiven | None = NOT_GIVEN,
        budget: Decimal | NotGiven | None = NOT_GIVEN,
    ) -> UserAssignment:
        """Assign a user to a project."""
        return await self._core.call(PROJECTS_USER_ASSIGNMENTS_CREATE, given(locals()))

    async def retrieve(self, project_id: int, user_assignment_id: int) -> UserAssignment:
        """Retrieve a user assignment."""
        return await self._core.call(PROJECTS_USER_ASSIGNMENTS_RETRIEVE, given(locals()))

    async def update(
        self,
        project_id: int,
        user_assignment_id: int,
        *,
        is_active: bool | NotGiven | None = NOT_GIVEN,
        is_project_manager: bool | NotGiven | None = NOT_GIVEN,
        use_default_rates: bool | NotGiven | None = NOT_GIVEN,
        hourly_rate: Decimal | NotGiven | None = NOT_GIVEN,
        budget: Decimal | NotGiven | None = NOT_GIVEN,
    ) -> UserAssignment:
        """Update a user assignment."""
        return await self._core.call(PROJECTS_USER_ASSIGNMENTS_UPDATE, given(locals()))

    async def delete(self, project_id: int, user_assignment_id: int) -> None:
        """Delete a user assignment that has no time entries or expenses."""
        await self._core.call(PROJECTS_USER_ASSIGNMENTS_DELETE, given(locals()))
