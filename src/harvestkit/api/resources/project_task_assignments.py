"""Resource ``projects.task_assignments``: sync and async classes."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from .._not_given import NOT_GIVEN, NotGiven, given
from .._pagination import AsyncPager, SyncPager
from ..operations._projects import (
    PROJECTS_TASK_ASSIGNMENTS_CREATE,
    PROJECTS_TASK_ASSIGNMENTS_DELETE,
    PROJECTS_TASK_ASSIGNMENTS_LIST,
    PROJECTS_TASK_ASSIGNMENTS_RETRIEVE,
    PROJECTS_TASK_ASSIGNMENTS_UPDATE,
)
from ..types.task_assignments import TaskAssignment
from ._base import AsyncAPIResource, SyncAPIResource

__all__ = ["AsyncProjectTaskAssignments", "ProjectTaskAssignments"]


class ProjectTaskAssignments(SyncAPIResource):
    """The ``projects.task_assignments.*`` operations."""

    def list(
        self,
        project_id: int,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        is_active: bool | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
    ) -> SyncPager[TaskAssignment]:
        """List the task assignments of a project."""
        return self._core.paginate(PROJECTS_TASK_ASSIGNMENTS_LIST, given(locals()))

    def create(
        self,
        project_id: int,
        *,
        task_id: int,
        is_active: bool | NotGiven | None = NOT_GIVEN,
        billable: bool | NotGiven | None = NOT_GIVEN,
        hourly_rate: Decimal | NotGiven | None = NOT_GIVEN,
        budget: Decimal | NotGiven | None = NOT_GIVEN,
    ) -> TaskAssignment:
        """Assign a task to a project."""
        return self._core.call(PROJECTS_TASK_ASSIGNMENTS_CREATE, given(locals()))

    def retrieve(self, project_id: int, task_assignment_id: int) -> TaskAssignment:
        """Retrieve a task assignment."""
        return self._core.call(PROJECTS_TASK_ASSIGNMENTS_RETRIEVE, given(locals()))

    def update(
        self,
        project_id: int,
        task_assignment_id: int,
        *,
        is_active: bool | NotGiven | None = NOT_GIVEN,
        billable: bool | NotGiven | None = NOT_GIVEN,
        hourly_rate: Decimal | NotGiven | None = NOT_GIVEN,
        budget: Decimal | NotGiven | None = NOT_GIVEN,
    ) -> TaskAssignment:
        """Update a task assignment."""
        return self._core.call(PROJECTS_TASK_ASSIGNMENTS_UPDATE, given(locals()))

    def delete(self, project_id: int, task_assignment_id: int) -> None:
        """Delete a task assignment that has no time entries."""
        self._core.call(PROJECTS_TASK_ASSIGNMENTS_DELETE, given(locals()))


class AsyncProjectTaskAssignments(AsyncAPIResource):
    """The ``projects.task_assignments.*`` operations (async)."""

    def list(
        self,
        project_id: int,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        is_active: bool | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[TaskAssignment]:
        """List the task assignments of a project."""
        return self._core.paginate(PROJECTS_TASK_ASSIGNMENTS_LIST, given(locals()))

    async def create(
        self,
        project_id: int,
        *,
        task_id: int,
        is_active: bool | NotGiven | None = NOT_GIVEN,
        billable: bool | NotGiven | None = NOT_GIVEN,
        hourly_rate: Decimal | NotGiven | None = NOT_GIVEN,
        budget: Decimal | NotGiven | None = NOT_GIVEN,
    ) -> TaskAssignment:
        """Assign a task to a project."""
        return await self._core.call(PROJECTS_TASK_ASSIGNMENTS_CREATE, given(locals()))

    async def retrieve(self, project_id: int, task_assignment_id: int) -> TaskAssignment:
        """Retrieve a task assignment."""
        return await self._core.call(PROJECTS_TASK_ASSIGNMENTS_RETRIEVE, given(locals()))

    async def update(
        self,
        project_id: int,
        task_assignment_id: int,
        *,
        is_active: bool | NotGiven | None = NOT_GIVEN,
        billable: bool | NotGiven | None = NOT_GIVEN,
        hourly_rate: Decimal | NotGiven | None = NOT_GIVEN,
        budget: Decimal | NotGiven | None = NOT_GIVEN,
    ) -> TaskAssignment:
        """Update a task assignment."""
        return await self._core.call(PROJECTS_TASK_ASSIGNMENTS_UPDATE, given(locals()))

    async def delete(self, project_id: int, task_assignment_id: int) -> None:
        """Delete a task assignment that has no time entries."""
        await self._core.call(PROJECTS_TASK_ASSIGNMENTS_DELETE, given(locals()))
