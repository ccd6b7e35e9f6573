"""Harvest project assignments: object models and request parameters."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from ._base import ClientRef, HarvestModel, ListParams, ProjectRef
from .task_assignments import TaskAssignment

__all__ = ["MyProjectAssignmentListParams", "ProjectAssignment", "ProjectAssignmentListParams"]


class ProjectAssignment(HarvestModel):
    """A project the user is assigned to, with its task assignments."""

    id: int
    """Unique ID for the project assignment."""
    is_active: bool | None = None
    """Whether the project assignment is active or archived."""
    is_project_manager: bool | None = None
    """Determines if the user has Project Manager permissions for the project."""
    use_default_rates: bool | None = None
    """Determines which billable rate(s) will be used on the project for this user when bill_by
    is People. When true, the project will use the user’s default billable rates. When false,
    the project will use the custom rate defined on this user assignment.
    """
    hourly_rate: Decimal | None = None
    """Custom rate used when the project’s bill_by is People and use_default_rates is false."""
    budget: Decimal | None = None
    """Budget used when the project’s budget_by is person."""
    created_at: datetime | None = None
    """Date and time the project assignment was created."""
    updated_at: datetime | None = None
    """Date and time the project assignment was last updated."""
    project: ProjectRef | None = None
    """An object containing the assigned project id, name, and code."""
    client: ClientRef | None = None
    """An object containing the project’s client id and name."""
    task_assignments: list[TaskAssignment] | None = None
    """Array of task assignment objects associated with the project."""


class ProjectAssignmentListParams(ListParams):
    """Query parameters for ``users.project_assignments.list``."""

    updated_since: datetime | None = None
    """Only return project assignments that have been updated since the given date and time."""


class MyProjectAssignmentListParams(ListParams):
    """Query parameters for ``users.project_assignments.list_mine``."""

    pass
