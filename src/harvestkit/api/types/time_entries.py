"""Harvest time entries: object models and request parameters."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import Field

from ._base import ClientRef, HarvestModel, InvoiceRef, ListParams, NamedRef, Params, ProjectRef
from .task_assignments import TaskAssignment
from .user_assignments import UserAssignment

__all__ = [
    "ExternalReference",
    "ExternalReferenceParams",
    "TimeEntry",
    "TimeEntryCreateByTimesParams",
    "TimeEntryCreateParams",
    "TimeEntryListParams",
    "TimeEntryUpdateParams",
]


class ExternalReference(HarvestModel):
    """A link from a time entry to an item in another service."""

    id: str | None = None
    group_id: str | None = None
    account_id: str | None = None
    permalink: str | None = None
    service: str | None = None
    service_icon_url: str | None = None


class TimeEntry(HarvestModel):
    """Hours a user tracked on a project task on one calendar day."""

    id: int
    """Unique ID for the time entry."""
    spent_date: date | None = None
    """Date of the time entry."""
    user: NamedRef | None = None
    """An object containing the id and name of the associated user."""
    user_assignment: UserAssignment | None = None
    """A user assignment object of the associated user."""
    client: ClientRef | None = None
    """An object containing the id and name of the associated client."""
    project: ProjectRef | None = None
    """An object containing the id and name of the associated project."""
    task: NamedRef | None = None
    """An object containing the id and name of the associated task."""
    task_assignment: TaskAssignment | None = None
    """A task assignment object of the associated task."""
    external_reference: ExternalReference | None = None
    """An object containing the id, group_id, account_id, permalink, service, and
    service_icon_url of the associated external reference.
    """
    invoice: InvoiceRef | None = None
    """Once the time entry has been invoiced, this field will include the associated invoice’s
    id and number.
    """
    hours: Decimal | None = None
    """Number of (decimal time) hours tracked in this time entry."""
    hours_without_timer: Decimal | None = None
    """Number of (decimal time) hours already tracked in this time entry, before the timer was
    last started.
    """
    rounded_hours: Decimal | None = None
    """Number of (decimal time) hours tracked in this time entry used in summary reports and
    invoices. This value is rounded according to the Time Rounding setting in your
    Preferences.
    """
    notes: str | None = None
    """Notes attached to the time entry."""
    is_locked: bool | None = None
    """Whether or not the time entry has been locked."""
    locked_reason: str | None = None
    """Why the time entry has been locked."""
    is_closed: bool | None = None
    """Whether or not the time entry has been approved via Timesheet Approval. Deprecated, use
    approval_status instead.
    """
    approval_status: str | None = None
    """The approval status of the time entry. Possible values: “unsubmitted”, “submitted”, or
    “approved”.
    """
    is_billed: bool | None = None
    """Whether or not the time entry has been marked as invoiced."""
    timer_started_at: datetime | None = None
    """Date and time the running timer was started (if tracking by duration). Use the ISO 8601
    Format. Returns null for stopped timers.
    """
    started_time: str | None = None
    """Time the time entry was started (if tracking by start/end times)."""
    ended_time: str | None = None
    """Time the time entry was ended (if tracking by start/end times)."""
    is_running: bool | None = None
    """Whether or not the time entry is currently running."""
    billable: bool | None = None
    """Whether or not the time entry is billable."""
    budgeted: bool | None = None
    """Whether or not the time entry counts towards the project budget."""
    billable_rate: Decimal | None = None
    """The billable rate for the time entry."""
    cost_rate: Decimal | None = None
    """The cost rate for the time entry."""
    created_at: datetime | None = None
    """Date and time the time entry was created. Use the ISO 8601 Format."""
    updated_at: datetime | None = None
    """Date and time the time entry was last updated. Use the ISO 8601 Format."""


class ExternalReferenceParams(Params):
    """A link from a time entry to an item in another service."""

    id: str | None = None
    group_id: str | None = None
    account_id: str | None = None
    permalink: str | None = None


class TimeEntryListParams(ListParams):
    """Query parameters for ``time_entries.list``."""

    user_id: int | None = None
    """Only return time entries belonging to the user with the given ID."""
    client_id: int | None = None
    """Only return time entries belonging to the client with the given ID."""
    project_id: int | None = None
    """Only return time entries belonging to the project with the given ID."""
    task_id: int | None = None
    """Only return time entries belonging to the task with the given ID."""
    external_reference_id: str | None = None
    """Only return time entries with the given external_reference ID."""
    is_billed: bool | None = None
    """Pass true to only return time entries that have been invoiced and false to return time
    entries that have not been invoiced.
    """
    is_running: bool | None = None
    """Pass true to only return running time entries and false to return non-running time
    entries.
    """
    approval_status: str | None = None
    """Only return time entries with the given approval status. Possible values: “unsubmitted”,
    “submitted”, or “approved”.
    """
    updated_since: datetime | None = None
    """Only return time entries that have been updated since the given date and time. Use the
    ISO 8601 Format.
    """
    from_: date | None = Field(default=None, alias="from")
    """Only return time entries with a spent_date on or after the given date."""
    to: date | None = None
    """Only return time entries with a spent_date on or before the given date."""


class TimeEntryCreateParams(Params):
    """Create a time entry via duration (accounts tracking duration)."""

    project_id: int
    """The ID of the project to associate with the time entry."""
    task_id: int
    """The ID of the task to associate with the time entry."""
    spent_date: date
    """The ISO 8601 formatted date the time entry was spent."""
    user_id: int | None = None
    """The ID of the user to associate with the time entry. Defaults to the currently
    authenticated user’s ID.
    """
    notes: str | None = None
    """Any notes to be associated with the time entry."""
    external_reference: ExternalReferenceParams | None = None
    """An object containing the id, group_id, account_id, and permalink of the external
    reference.
    """
    hours: Decimal | None = None
    """The current amount of time tracked. If provided, the time entry will be created with the
    specified hours and is_running will be set to false. If not provided, hours will be set
    to 0.0 and is_running will be set to true.
    """


class TimeEntryCreateByTimesParams(Params):
    """Create a time entry via start and end time (accounts tracking timestamps)."""

    project_id: int
    """The ID of the project to associate with the time entry."""
    task_id: int
    """The ID of the task to associate with the time entry."""
    spent_date: date
    """The ISO 8601 formatted date the time entry was spent."""
    user_id: int | None = None
    """The ID of the user to associate with the time entry. Defaults to the currently
    authenticated user’s ID.
    """
    started_time: str | None = None
    """The time the entry started. Defaults to the current time. Example: “8:00am”."""
    ended_time: str | None = None
    """The time the entry ended. If provided, is_running will be set to false. If not provided,
    is_running will be set to true.
    """
    notes: str | None = None
    """Any notes to be associated with the time entry."""
    external_reference: ExternalReferenceParams | None = None
    """An object containing the id, group_id, account_id, and permalink of the external
    reference.
    """


class TimeEntryUpdateParams(Params):
    """Update a time entry."""

    project_id: int | None = None
    """The ID of the project to associate with the time entry."""
    task_id: int | None = None
    """The ID of the task to associate with the time entry."""
    spent_date: date | None = None
    """The ISO 8601 formatted date the time entry was spent."""
    started_time: str | None = None
    """The time the entry started. Defaults to the current time. Example: “8:00am”."""
    ended_time: str | None = None
    """The time the entry ended."""
    hours: Decimal | None = None
    """The current amount of time tracked."""
    notes: str | None = None
    """Any notes to be associated with the time entry."""
    external_reference: ExternalReferenceParams | None = None
    """An object containing the id, group_id, account_id, and permalink of the external
    reference.
    """
