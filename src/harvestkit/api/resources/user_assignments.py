"""Resource ``user_assignments``: sync and async classes."""

from __future__ import annotations

from datetime import datetime

from .._not_given import NOT_GIVEN, NotGiven, given
from .._pagination import AsyncPager, SyncPager
from ..operations._projects import USER_ASSIGNMENTS_LIST
from ..types.user_assignments import UserAssignment
from ._base import AsyncAPIResource, SyncAPIResource

__all__ = ["AsyncUserAssignments", "UserAssignments"]


class UserAssignments(SyncAPIResource):
    """The ``user_assignments.*`` operations."""

    def list(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        user_id: int | NotGiven = NOT_GIVEN,
        is_active: bool | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
    ) -> SyncPager[UserAssignment]:
        """List user assignments across all projects."""
        return self._core.paginate(USER_ASSIGNMENTS_LIST, given(locals()))


class AsyncUserAssignments(AsyncAPIResource):
    """The ``user_assignments.*`` operations (async)."""

    def list(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        user_id: int | NotGiven = NOT_GIVEN,
        is_active: bool | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[UserAssignment]:
        """List user assignments across all projects."""
        return self._core.paginate(USER_ASSIGNMENTS_LIST, given(locals()))
