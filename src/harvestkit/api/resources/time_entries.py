"""Resource ``time_entries``: sync and async classes."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from .._not_given import NOT_GIVEN, NotGiven, given
from .._pagination import AsyncPager, SyncPager
from ..operations._time_entries import (
    TIME_ENTRIES_CREATE,
    TIME_ENTRIES_CREATE_BY_TIMES,
    TIME_ENTRIES_DELETE,
    TIME_ENTRIES_DELETE_EXTERNAL_REFERENCE,
    TIME_ENTRIES_LIST,
    TIME_ENTRIES_RESTART,
    TIME_ENTRIES_RETRIEVE,
    TIME_ENTRIES_STOP,
    TIME_ENTRIES_UPDATE,
)
from ..types.time_entries import ExternalReferenceParams, TimeEntry
from ._base import AsyncAPIResource, SyncAPIResource

__all__ = ["AsyncTimeEntries", "TimeEntries"]


class TimeEntries(SyncAPIResource):
    """The ``time_entries.*`` operations."""

    def list(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        user_id: int | NotGiven = NOT_GIVEN,
        client_id: int | NotGiven = NOT_GIVEN,
        project_id: int | NotGiven = NOT_GIVEN,
        task_id: int | NotGiven = NOT_GIVEN,
        external_reference_id: str | NotGiven = NOT_GIVEN,
        is_billed: bool | NotGiven = NOT_GIVEN,
        is_running: bool | NotGiven = NOT_GIVEN,
        approval_status: str | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
        from_: date | NotGiven = NOT_GIVEN,
        to: date | NotGiven = NOT_GIVEN,
    ) -> SyncPager[TimeEntry]:
        """List time entries visible to the caller, newest spent date first."""
        return self._core.paginate(TIME_ENTRIES_LIST, given(locals()))

    def create(
        self,
        *,
        project_id: int,
        task_id: int,
        spent_date: date,
        user_id: int | NotGiven | None = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        external_reference: ExternalReferenceParams | dict[str, Any] | NotGiven | None = NOT_GIVEN,
        hours: Decimal | NotGiven | None = NOT_GIVEN,
    ) -> TimeEntry:
        """Create a time entry via duration (accounts tracking duration)."""
        return self._core.call(TIME_ENTRIES_CREATE, given(locals()))

    def create_by_times(
        self,
        *,
        project_id: int,
        task_id: int,
        spent_date: date,
        user_id: int | NotGiven | None = NOT_GIVEN,
        started_time: str | NotGiven | None = NOT_GIVEN,
        ended_time: str | NotGiven | None = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        external_reference: ExternalReferenceParams | dict[str, Any] | NotGiven | None = NOT_GIVEN,
    ) -> TimeEntry:
        """Create a time entry via start and end time (accounts tracking timestamps)."""
        return self._core.call(TIME_ENTRIES_CREATE_BY_TIMES, given(locals()))

    def retrieve(self, time_entry_id: int) -> TimeEntry:
        """Retrieve a time entry."""
        return self._core.call(TIME_ENTRIES_RETRIEVE, given(locals()))

    def update(
        self,
        time_entry_id: int,
        *,
        project_id: int | NotGiven | None = NOT_GIVEN,
        task_id: int | NotGiven | None = NOT_GIVEN,
        spent_date: date | NotGiven | None = NOT_GIVEN,
        started_time: str | NotGiven | None = NOT_GIVEN,
        ended_time: str | NotGiven | None = NOT_GIVEN,
        hours: Decimal | NotGiven | None = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        external_reference: ExternalReferenceParams | dict[str, Any] | NotGiven | None = NOT_GIVEN,
    ) -> TimeEntry:
        """Update a time entry."""
        return self._core.call(TIME_ENTRIES_UPDATE, given(locals()))

    def delete(self, time_entry_id: int) -> None:
        """Delete a time entry."""
        self._core.call(TIME_ENTRIES_DELETE, given(locals()))

    def delete_external_reference(self, time_entry_id: int) -> None:
        """Remove a time entry's external reference."""
        self._core.call(TIME_ENTRIES_DELETE_EXTERNAL_REFERENCE, given(locals()))

    def restart(self, time_entry_id: int) -> TimeEntry:
        """Restart a stopped time entry's timer."""
        return self._core.call(TIME_ENTRIES_RESTART, given(locals()))

    def stop(self, time_entry_id: int) -> TimeEntry:
        """Stop a running time entry's timer."""
        return self._core.call(TIME_ENTRIES_STOP, given(locals()))


class AsyncTimeEntries(AsyncAPIResource):
    """The ``time_entries.*`` operations (async)."""

    def list(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        user_id: int | NotGiven = NOT_GIVEN,
        client_id: int | NotGiven = NOT_GIVEN,
        project_id: int | NotGiven = NOT_GIVEN,
        task_id: int | NotGiven = NOT_GIVEN,
        external_reference_id: str | NotGiven = NOT_GIVEN,
        is_billed: bool | NotGiven = NOT_GIVEN,
        is_running: bool | NotGiven = NOT_GIVEN,
        approval_status: str | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
        from_: date | NotGiven = NOT_GIVEN,
        to: date | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[TimeEntry]:
        """List time entries visible to the caller, newest spent date first."""
        return self._core.paginate(TIME_ENTRIES_LIST, given(locals()))

    async def create(
        self,
        *,
        project_id: int,
        task_id: int,
        spent_date: date,
        user_id: int | NotGiven | None = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        external_reference: ExternalReferenceParams | dict[str, Any] | NotGiven | None = NOT_GIVEN,
        hours: Decimal | NotGiven | None = NOT_GIVEN,
    ) -> TimeEntry:
        """Create a time entry via duration (accounts tracking duration)."""
        return await self._core.call(TIME_ENTRIES_CREATE, given(locals()))

    async def create_by_times(
        self,
        *,
        project_id: int,
        task_id: int,
        spent_date: date,
        user_id: int | NotGiven | None = NOT_GIVEN,
        started_time: str | NotGiven | None = NOT_GIVEN,
        ended_time: str | NotGiven | None = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        external_reference: ExternalReferenceParams | dict[str, Any] | NotGiven | None = NOT_GIVEN,
    ) -> TimeEntry:
        """Create a time entry via start and end time (accounts tracking timestamps)."""
        return await self._core.call(TIME_ENTRIES_CREATE_BY_TIMES, given(locals()))

    async def retrieve(self, time_entry_id: int) -> TimeEntry:
        """Retrieve a time entry."""
        return await self._core.call(TIME_ENTRIES_RETRIEVE, given(locals()))

    async def update(
        self,
        time_entry_id: int,
        *,
        project_id: int | NotGiven | None = NOT_GIVEN,
        task_id: int | NotGiven | None = NOT_GIVEN,
        spent_date: date | NotGiven | None = NOT_GIVEN,
        started_time: str | NotGiven | None = NOT_GIVEN,
        ended_time: str | NotGiven | None = NOT_GIVEN,
        hours: Decimal | NotGiven | None = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        external_reference: ExternalReferenceParams | dict[str, Any] | NotGiven | None = NOT_GIVEN,
    ) -> TimeEntry:
        """Update a time entry."""
        return await self._core.call(TIME_ENTRIES_UPDATE, given(locals()))

    async def delete(self, time_entry_id: int) -> None:
        """Delete a time entry."""
        await self._core.call(TIME_ENTRIES_DELETE, given(locals()))

    async def delete_external_reference(self, time_entry_id: int) -> None:
        """Remove a time entry's external reference."""
        await self._core.call(TIME_ENTRIES_DELETE_EXTERNAL_REFERENCE, given(locals()))

    async def restart(self, time_entry_id: int) -> TimeEntry:
        """Restart a stopped time entry's timer."""
        return await self._core.call(TIME_ENTRIES_RESTART, given(locals()))

    async def stop(self, time_entry_id: int) -> TimeEntry:
        """Stop a running time entry's timer."""
        return await self._core.call(TIME_ENTRIES_STOP, given(locals()))
