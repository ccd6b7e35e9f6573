"""Resource ``task_assignments``: sync and async classes."""

from __future__ import annotations

from datetime import datetime

from .._not_given import NOT_GIVEN, NotGiven, given
from .._pagination import AsyncPager, SyncPager
from ..operations._projects import TASK_ASSIGNMENTS_LIST
from ..types.task_assignments import TaskAssignment
from ._base import AsyncAPIResource, SyncAPIResource

__all__ = ["AsyncTaskAssignments", "TaskAssignments"]


class TaskAssignments(SyncAPIResource):
    """The ``task_assignments.*`` operations."""

    def list(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        is_active: bool | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
    ) -> SyncPager[TaskAssignment]:
        """List task assignments across all projects."""
        return self._core.paginate(TASK_ASSIGNMENTS_LIST, given(locals()))


class AsyncTaskAssignments(AsyncAPIResource):
    """The ``task_assignments.*`` operations (async)."""

    def list(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        is_active: bool | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[TaskAssignment]:
        """List task assignments across all projects."""
        return self._core.paginate(TASK_ASSIGNMENTS_LIST, given(locals()))
