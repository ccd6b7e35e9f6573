"""Resource ``users.project_assignments``: sync and async classes."""

from __future__ import annotations

from datetime import datetime

from .._not_given import NOT_GIVEN, NotGiven, given
from .._pagination import AsyncPager, SyncPager
from ..operations._users import USERS_PROJECT_ASSIGNMENTS_LIST, USERS_PROJECT_ASSIGNMENTS_LIST_MINE
from ..types.project_assignments import ProjectAssignment
from ._base import AsyncAPIResource, SyncAPIResource

__all__ = ["AsyncUserProjectAssignments", "UserProjectAssignments"]


class UserProjectAssignments(SyncAPIResource):
    """The ``users.project_assignments.*`` operations."""

    def list(
        self,
        user_id: int,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
    ) -> SyncPager[ProjectAssignment]:
        """List a user's active project assignments."""
        return self._core.paginate(USERS_PROJECT_ASSIGNMENTS_LIST, given(locals()))

    def list_mine(self, *, per_page: int | NotGiven = NOT_GIVEN) -> SyncPager[ProjectAssignment]:
        """List the authenticated user's active project assignments."""
        return self._core.paginate(USERS_PROJECT_ASSIGNMENTS_LIST_MINE, given(locals()))


class AsyncUserProjectAssignments(AsyncAPIResource):
    """The ``users.project_assignments.*`` operations (async)."""

    def list(
        self,
        user_id: int,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[ProjectAssignment]:
        """List a user's active project assignments."""
        return self._core.paginate(USERS_PROJECT_ASSIGNMENTS_LIST, given(locals()))

    def list_mine(self, *, per_page: int | NotGiven = NOT_GIVEN) -> AsyncPager[ProjectAssignment]:
        """List the authenticated user's active project assignments."""
        return self._core.paginate(USERS_PROJECT_ASSIGNMENTS_LIST_MINE, given(locals()))
