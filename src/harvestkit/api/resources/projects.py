"""Resource ``projects``: sync and async classes."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from .._async_core import AsyncCore
from .._not_given import NOT_GIVEN, NotGiven, given
from .._pagination import AsyncPager, SyncPager
from .._sync_core import SyncCore
from ..operations._projects import (
    PROJECTS_CREATE,
    PROJECTS_DELETE,
    PROJECTS_LIST,
    PROJECTS_RETRIEVE,
    PROJECTS_UPDATE,
)
from ..types.projects import Project
from ._base import AsyncAPIResource, SyncAPIResource
from .project_task_assignments import AsyncProjectTaskAssignments, ProjectTaskAssignments
from .project_user_assignments import AsyncProjectUserAssignments, ProjectUserAssignments

__all__ = ["AsyncProjects", "Projects"]


class Projects(SyncAPIResource):
    """The ``projects.*`` operations."""

    def __init__(self, core: SyncCore) -> None:
        super().__init__(core)
        self.task_assignments = ProjectTaskAssignments(core)
        """Task assignments of one project."""
        self.user_assignments = ProjectUserAssignments(core)
        """User assignments of one project."""

    def list(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        is_active: bool | NotGiven = NOT_GIVEN,
        client_id: int | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
    ) -> SyncPager[Project]:
        """List projects, most recently created first."""
        return self._core.paginate(PROJECTS_LIST, given(locals()))

    def create(
        self,
        *,
        client_id: int,
        name: str,
        is_billable: bool,
        bill_by: str,
        budget_by: str,
        code: str | NotGiven | None = NOT_GIVEN,
        is_active: bool | NotGiven | None = NOT_GIVEN,
        is_fixed_fee: bool | NotGiven | None = NOT_GIVEN,
        hourly_rate: Decimal | NotGiven | None = NOT_GIVEN,
        budget_is_monthly: bool | NotGiven | None = NOT_GIVEN,
        budget: Decimal | NotGiven | None = NOT_GIVEN,
        cost_budget: Decimal | NotGiven | None = NOT_GIVEN,
        cost_budget_include_expenses: bool | NotGiven | None = NOT_GIVEN,
        notify_when_over_budget: bool | NotGiven | None = NOT_GIVEN,
        over_budget_notification_percentage: Decimal | NotGiven | None = NOT_GIVEN,
        show_budget_to_all: bool | NotGiven | None = NOT_GIVEN,
        fee: Decimal | NotGiven | None = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        starts_on: date | NotGiven | None = NOT_GIVEN,
        ends_on: date | NotGiven | None = NOT_GIVEN,
    ) -> Project:
        """Create a project."""
        return self._core.call(PROJECTS_CREATE, given(locals()))

    def retrieve(self, project_id: int) -> Project:
        """Retrieve a project."""
        return self._core.call(PROJECTS_RETRIEVE, given(locals()))

    def update(
        self,
        project_id: int,
        *,
        client_id: int | NotGiven | None = NOT_GIVEN,
        name: str | NotGiven | None = NOT_GIVEN,
        code: str | NotGiven | None = NOT_GIVEN,
        is_active: bool | NotGiven | None = NOT_GIVEN,
        is_billable: bool | NotGiven | None = NOT_GIVEN,
        is_fixed_fee: bool | NotGiven | None = NOT_GIVEN,
        bill_by: str | NotGiven | None = NOT_GIVEN,
        hourly_rate: Decimal | NotGiven | None = NOT_GIVEN,
        budget_by: str | NotGiven | None = NOT_GIVEN,
        budget_is_monthly: bool | NotGiven | None = NOT_GIVEN,
        budget: Decimal | NotGiven | None = NOT_GIVEN,
        cost_budget: Decimal | NotGiven | None = NOT_GIVEN,
        cost_budget_include_expenses: bool | NotGiven | None = NOT_GIVEN,
        notify_when_over_budget: bool | NotGiven | None = NOT_GIVEN,
        over_budget_notification_percentage: Decimal | NotGiven | None = NOT_GIVEN,
        show_budget_to_all: bool | NotGiven | None = NOT_GIVEN,
        fee: Decimal | NotGiven | None = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        starts_on: date | NotGiven | None = NOT_GIVEN,
        ends_on: date | NotGiven | None = NOT_GIVEN,
    ) -> Project:
        """Update a project."""
        return self._core.call(PROJECTS_UPDATE, given(locals()))

    def delete(self, project_id: int) -> None:
        """Delete a project with its time entries and expenses."""
        self._core.call(PROJECTS_DELETE, given(locals()))


class AsyncProjects(AsyncAPIResource):
    """The ``projects.*`` operations (async)."""

    def __init__(self, core: AsyncCore) -> None:
        super().__init__(core)
        self.task_assignments = AsyncProjectTaskAssignments(core)
        """Task assignments of one project."""
        self.user_assignments = AsyncProjectUserAssignments(core)
        """User assignments of one project."""

    def list(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        is_active: bool | NotGiven = NOT_GIVEN,
        client_id: int | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[Project]:
        """List projects, most recently created first."""
        return self._core.paginate(PROJECTS_LIST, given(locals()))

    async def create(
        self,
        *,
        client_id: int,
        name: str,
        is_billable: bool,
        bill_by: str,
        budget_by: str,
        code: str | NotGiven | None = NOT_GIVEN,
        is_active: bool | NotGiven | None = NOT_GIVEN,
        is_fixed_fee: bool | NotGiven | None = NOT_GIVEN,
        hourly_rate: Decimal | NotGiven | None = NOT_GIVEN,
        budget_is_monthly: bool | NotGiven | None = NOT_GIVEN,
        budget: Decimal | NotGiven | None = NOT_GIVEN,
        cost_budget: Decimal | NotGiven | None = NOT_GIVEN,
        cost_budget_include_expenses: bool | NotGiven | None = NOT_GIVEN,
        notify_when_over_budget: bool | NotGiven | None = NOT_GIVEN,
        over_budget_notification_percentage: Decimal | NotGiven | None = NOT_GIVEN,
        show_budget_to_all: bool | NotGiven | None = NOT_GIVEN,
        fee: Decimal | NotGiven | None = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        starts_on: date | NotGiven | None = NOT_GIVEN,
        ends_on: date | NotGiven | None = NOT_GIVEN,
    ) -> Project:
        """Create a project."""
        return await self._core.call(PROJECTS_CREATE, given(locals()))

    async def retrieve(self, project_id: int) -> Project:
        """Retrieve a project."""
        return await self._core.call(PROJECTS_RETRIEVE, given(locals()))

    async def update(
        self,
        project_id: int,
        *,
        client_id: int | NotGiven | None = NOT_GIVEN,
        name: str | NotGiven | None = NOT_GIVEN,
        code: str | NotGiven | None = NOT_GIVEN,
        is_active: bool | NotGiven | None = NOT_GIVEN,
        is_billable: bool | NotGiven | None = NOT_GIVEN,
        is_fixed_fee: bool | NotGiven | None = NOT_GIVEN,
        bill_by: str | NotGiven | None = NOT_GIVEN,
        hourly_rate: Decimal | NotGiven | None = NOT_GIVEN,
        budget_by: str | NotGiven | None = NOT_GIVEN,
        budget_is_monthly: bool | NotGiven | None = NOT_GIVEN,
        budget: Decimal | NotGiven | None = NOT_GIVEN,
        cost_budget: Decimal | NotGiven | None = NOT_GIVEN,
        cost_budget_include_expenses: bool | NotGiven | None = NOT_GIVEN,
        notify_when_over_budget: bool | NotGiven | None = NOT_GIVEN,
        over_budget_notification_percentage: Decimal | NotGiven | None = NOT_GIVEN,
        show_budget_to_all: bool | NotGiven | None = NOT_GIVEN,
        fee: Decimal | NotGiven | None = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        starts_on: date | NotGiven | None = NOT_GIVEN,
        ends_on: date | NotGiven | None = NOT_GIVEN,
    ) -> Project:
        """Update a project."""
        return await self._core.call(PROJECTS_UPDATE, given(locals()))

    async def delete(self, project_id: int) -> None:
        """Delete a project with its time entries and expenses."""
        await self._core.call(PROJECTS_DELETE, given(locals()))
