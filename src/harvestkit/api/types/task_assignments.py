"""Harvest task assignments: object models and request parameters."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from ._base import HarvestModel, ListParams, NamedRef, Params, ProjectRef

__all__ = [
    "ProjectTaskAssignmentListParams",
    "TaskAssignment",
    "TaskAssignmentCreateParams",
    "TaskAssignmentListParams",
    "TaskAssignmentUpdateParams",
]


class TaskAssignment(HarvestModel):
    """A task assigned to a project, with rate and budget."""

    id: int
    """Unique ID for the task assignment."""
    project: ProjectRef | None = None
    """An object containing the id, name, and code of the associated project."""
    task: NamedRef | None = None
    """An object containing the id and name of the associated task."""
    is_active: bool | None = None
    """Whether the task assignment is active or archived."""
    billable: bool | None = None
    """Whether the task assignment is billable or not. For example: if set to true, all time
    tracked on this project for the associated task will be marked as billable.
    """
    hourly_rate: Decimal | None = None
    """Rate used when the project’s bill_by is Tasks."""
    budget: Decimal | None = None
    """Budget used when the project’s budget_by is task or task_fees."""
    created_at: datetime | None = None
    """Date and time the task assignment was created."""
    updated_at: datetime | None = None
    """Date and time the task assignment was last updated."""


class ProjectTaskAssignmentListParams(ListParams):
    """Query parameters for ``projects.task_assignments.list``."""

    is_active: bool | None = None
    """Pass true to only return active task assignments and false to return inactive task
    assignments.
    """
    updated_since: datetime | None = None
    """Only return task assignments that have been updated since the given date and time."""


class TaskAssignmentCreateParams(Params):
    """Assign a task to a project."""

    task_id: int
    """The ID of the task to associate with the project."""
    is_active: bool | None = None
    """Whether the task assignment is active or archived. Defaults to true."""
    billable: bool | None = None
    """Whether the task assignment is billable or not. Defaults to false."""
    hourly_rate: Decimal | None = None
    """Rate used when the project’s bill_by is Tasks. Defaults to null when billing by task
    hourly rate, otherwise 0.
    """
    budget: Decimal | None = None
    """Budget used when the project’s budget_by is task or task_fees."""


class TaskAssignmentUpdateParams(Params):
    """Update a task assignment."""

    is_active: bool | None = None
    """Whether the task assignment is active or archived."""
    billable: bool | None = None
    """Whether the task assignment is billable or not."""
    hourly_rate: Decimal | None = None
    """Rate used when the project’s bill_by is Tasks."""
    budget: Decimal | None = None
    """Budget used when the project’s budget_by is task or task_fees."""


class TaskAssignmentListParams(ListParams):
    """Query parameters for ``task_assignments.list``."""

    is_active: bool | None = None
    """Pass true to only return active task assignments and false to return inactive task
    assignments.
    """
    updated_since: datetime | None = None
    """Only return task assignments that have been updated since the given date and time."""
