"""Resource ``tasks``: sync and async classes."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from .._not_given import NOT_GIVEN, NotGiven, given
from .._pagination import AsyncPager, SyncPager
from ..operations._projects import (
    TASKS_CREATE,
    TASKS_DELETE,
    TASKS_LIST,
    TASKS_RETRIEVE,
    TASKS_UPDATE,
)
from ..types.tasks import Task
from ._base import AsyncAPIResource, SyncAPIResource

__all__ = ["AsyncTasks", "Tasks"]


class Tasks(SyncAPIResource):
    """The ``tasks.*`` operations."""

    def list(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        is_active: bool | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
    ) -> SyncPager[Task]:
        """List tasks, most recently created first."""
        return self._core.paginate(TASKS_LIST, given(locals()))

    def create(
        self,
        *,
        name: str,
        billable_by_default: bool | NotGiven | None = NOT_GIVEN,
        default_hourly_rate: Decimal | NotGiven | None = NOT_GIVEN,
        is_default: bool | NotGiven | None = NOT_GIVEN,
        is_active: bool | NotGiven | None = NOT_GIVEN,
    ) -> Task:
        """Create a task."""
        return self._core.call(TASKS_CREATE, given(locals()))

    def retrieve(self, task_id: int) -> Task:
        """Retrieve a task."""
        return self._core.call(TASKS_RETRIEVE, given(locals()))

    def update(
        self,
        task_id: int,
        *,
        name: str | NotGiven | None = NOT_GIVEN,
        billable_by_default: bool | NotGiven | None = NOT_GIVEN,
        default_hourly_rate: Decimal | NotGiven | None = NOT_GIVEN,
        is_default: bool | NotGiven | None = NOT_GIVEN,
        is_active: bool | NotGiven | None = NOT_GIVEN,
    ) -> Task:
        """Update a task."""
        return self._core.call(TASKS_UPDATE, given(locals()))

    def delete(self, task_id: int) -> None:
        """Delete a task that has no time entries."""
        self._core.call(TASKS_DELETE, given(locals()))


class AsyncTasks(AsyncAPIResource):
    """The ``tasks.*`` operations (async)."""

    def list(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        is_active: bool | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[Task]:
        """List tasks, most recently created first."""
        return self._core.paginate(TASKS_LIST, given(locals()))

    async def create(
        self,
        *,
        name: str,
        billable_by_default: bool | NotGiven | None = NOT_GIVEN,
        default_hourly_rate: Decimal | NotGiven | None = NOT_GIVEN,
        is_default: bool | NotGiven | None = NOT_GIVEN,
        is_active: bool | NotGiven | None = NOT_GIVEN,
    ) -> Task:
        """Create a task."""
        return await self._core.call(TASKS_CREATE, given(locals()))

    async def retrieve(self, task_id: int) -> Task:
        """Retrieve a task."""
        return await self._core.call(TASKS_RETRIEVE, given(locals()))

    async def update(
        self,
        task_id: int,
        *,
        name: str | NotGiven | None = NOT_GIVEN,
        billable_by_default: bool | NotGiven | None = NOT_GIVEN,
        default_hourly_rate: Decimal | NotGiven | None = NOT_GIVEN,
        is_default: bool | NotGiven | None = NOT_GIVEN,
        is_active: bool | NotGiven | None = NOT_GIVEN,
    ) -> Task:
        """Update a task."""
        return await self._core.call(TASKS_UPDATE, given(locals()))

    async def delete(self, task_id: int) -> None:
        """Delete a task that has no time entries."""
        await self._core.call(TASKS_DELETE, given(locals()))
