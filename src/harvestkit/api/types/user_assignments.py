"""Harvest user assignments: object models and request parameters."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from ._base import HarvestModel, ListParams, NamedRef, Params, ProjectRef

__all__ = [
    "ProjectUserAssignmentListParams",
    "UserAssignment",
    "UserAssignmentCreateParams",
    "UserAssignmentListParams",
    "UserAssignmentUpdateParams",
]


class UserAssignment(HarvestModel):
    """A user assigned to a project, with rate and budget."""

    id: int
    """Unique ID for the user assignment."""
    project: ProjectRef | None = None
    """An object containing the id, name, and code of the associated project."""
    user: NamedRef | None = None
    """An object containing the id and name of the associated user."""
    is_active: bool | None = None
    """Whether the user assignment is active or archived."""
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
    """Date and time the user assignment was created."""
    updated_at: datetime | None = None
    """Date and time the user assignment was last updated."""


class ProjectUserAssignmentListParams(ListParams):
    """Query parameters for ``projects.user_assignments.list``."""

    user_id: int | None = None
    """Only return user assignments belonging to the user with the given ID."""
    is_active: bool | None = None
    """Pass true to only return active user assignments and false to return inactive user
    assignments.
    """
    updated_since: datetime | None = None
    """Only return user assignments that have been updated since the given date and time."""


class UserAssignmentCreateParams(Params):
    """Assign a user to a project."""

    user_id: int
    """The ID of the user to associate with the project."""
    is_active: bool | None = None
    """Whether the user assignment is active or archived. Defaults to true."""
    is_project_manager: bool | None = None
    """Determines if the user has Project Manager permissions for the project. Defaults to false
    for users with Regular User permissions and true for those with Project Managers or
    Administrator permissions.
    """
    use_default_rates: bool | None = None
    """Determines which billable rate(s) will be used on the project for this user when bill_by
    is People. When true, the project will use the user’s default billable rates. When false,
    the project will use the custom rate defined on this user assignment. Defaults to true.
    """
    hourly_rate: Decimal | None = None
    """Custom rate used when the project’s bill_by is People and use_default_rates is false.
    Defaults to 0.
    """
    budget: Decimal | None = None
    """Budget used when the project’s budget_by is person."""


class UserAssignmentUpdateParams(Params):
    """Update a user assignment."""

    is_active: bool | None = None
    """Whether the user assignment is active or archived."""
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


class UserAssignmentListParams(ListParams):
    """Query parameters for ``user_assignments.list``."""

    user_id: int | None = None
    """Only return user assignments belonging to the user with the given ID."""
    is_active: bool | None = None
    """Pass true to only return active user assignments and false to return inactive user
    assignments.
    """
    updated_since: datetime | None = None
    """Only return user assignments that have been updated since the given date and time."""
