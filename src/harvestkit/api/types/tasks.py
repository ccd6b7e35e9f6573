"""Harvest tasks: object models and request parameters."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from ._base import HarvestModel, ListParams, Params

__all__ = ["Task", "TaskCreateParams", "TaskListParams", "TaskUpdateParams"]


class Task(HarvestModel):
    """A task that time can be tracked against."""

    id: int
    """Unique ID for the task."""
    name: str | None = None
    """The name of the task."""
    billable_by_default: bool | None = None
    """Used in determining whether default tasks should be marked billable when creating a new
    project.
    """
    default_hourly_rate: Decimal | None = None
    """The hourly rate to use for this task when it is added to a project."""
    is_default: bool | None = None
    """Whether this task should be automatically added to future projects."""
    is_active: bool | None = None
    """Whether this task is active or archived."""
    created_at: datetime | None = None
    """Date and time the task was created."""
    updated_at: datetime | None = None
    """Date and time the task was last updated."""


class TaskListParams(ListParams):
    """Query parameters for ``tasks.list``."""

    is_active: bool | None = None
    """Pass true to only return active tasks and false to return inactive tasks."""
    updated_since: datetime | None = None
    """Only return tasks that have been updated since the given date and time."""


class TaskCreateParams(Params):
    """Create a task."""

    name: str
    """The name of the task."""
    billable_by_default: bool | None = None
    """Used in determining whether default tasks should be marked billable when creating a new
    project. Defaults to true.
    """
    default_hourly_rate: Decimal | None = None
    """The default hourly rate to use for this task when it is added to a project. Defaults to
    0.
    """
    is_default: bool | None = None
    """Whether this task should be automatically added to future projects. Defaults to false."""
    is_active: bool | None = None
    """Whether this task is active or archived. Defaults to true."""


class TaskUpdateParams(Params):
    """Update a task."""

    name: str | None = None
    """The name of the task."""
    billable_by_default: bool | None = None
    """Used in determining whether default tasks should be marked billable when creating a new
    project.
    """
    default_hourly_rate: Decimal | None = None
    """The default hourly rate to use for this task when it is added to a project."""
    is_default: bool | None = None
    """Whether this task should be automatically added to future projects."""
    is_active: bool | None = None
    """Whether this task is active or archived."""
