"""Operation table rows: time entries and timers."""

from __future__ import annotations

from ..types.time_entries import (
    TimeEntry,
    TimeEntryCreateByTimesParams,
    TimeEntryCreateParams,
    TimeEntryListParams,
    TimeEntryUpdateParams,
)
from ._access_roles import MEMBER
from ._operation import NaturalKey, delete, get, patch, post

__all__ = [
    "TIME_ENTRIES_CREATE",
    "TIME_ENTRIES_CREATE_BY_TIMES",
    "TIME_ENTRIES_DELETE",
    "TIME_ENTRIES_DELETE_EXTERNAL_REFERENCE",
    "TIME_ENTRIES_LIST",
    "TIME_ENTRIES_RESTART",
    "TIME_ENTRIES_RETRIEVE",
    "TIME_ENTRIES_STOP",
    "TIME_ENTRIES_UPDATE",
]

TIME_ENTRIES_LIST = get(
    "time_entries.list",
    "/time_entries",
    TimeEntry,
    MEMBER,
    "List time entries visible to the caller, newest spent date first.",
    params=TimeEntryListParams,
    list_key="time_entries",
    pagination="page",
)
TIME_ENTRIES_CREATE = post(
    "time_entries.create",
    "/time_entries",
    TimeEntry,
    MEMBER,
    "Create a time entry via duration (accounts tracking duration).",
    body=TimeEntryCreateParams,
    natural_key=NaturalKey(
        TIME_ENTRIES_LIST, ("project_id", "task_id", "spent_date", "user_id", "hours", "notes")
    ),
)
TIME_ENTRIES_CREATE_BY_TIMES = post(
    "time_entries.create_by_times",
    "/time_entries",
    TimeEntry,
    MEMBER,
    "Create a time entry via start and end time (accounts tracking timestamps).",
    body=TimeEntryCreateByTimesParams,
    natural_key=NaturalKey(
        TIME_ENTRIES_LIST, ("project_id", "task_id", "spent_date", "user_id", "notes")
    ),
)
TIME_ENTRIES_RETRIEVE = get(
    "time_entries.retrieve",
    "/time_entries/{time_entry_id}",
    TimeEntry,
    MEMBER,
    "Retrieve a time entry.",
)
TIME_ENTRIES_UPDATE = patch(
    "time_entries.update",
    "/time_entries/{time_entry_id}",
    TimeEntry,
    MEMBER,
    "Update a time entry.",
    body=TimeEntryUpdateParams,
)
TIME_ENTRIES_DELETE = delete(
    "time_entries.delete", "/time_entries/{time_entry_id}", MEMBER, "Delete a time entry."
)
TIME_ENTRIES_DELETE_EXTERNAL_REFERENCE = delete(
    "time_entries.delete_external_reference",
    "/time_entries/{time_entry_id}/external_reference",
    MEMBER,
    "Remove a time entry's external reference.",
)
TIME_ENTRIES_RESTART = patch(
    "time_entries.restart",
    "/time_entries/{time_entry_id}/restart",
    TimeEntry,
    MEMBER,
    "Restart a stopped time entry's timer.",
    idempotent=False,
)
TIME_ENTRIES_STOP = patch(
    "time_entries.stop",
    "/time_entries/{time_entry_id}/stop",
    TimeEntry,
    MEMBER,
    "Stop a running time entry's timer.",
)
