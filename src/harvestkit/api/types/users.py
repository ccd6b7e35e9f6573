"""Harvest users: object models and request parameters."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from ._base import HarvestModel, ListParams, Params

__all__ = ["User", "UserCreateParams", "UserListParams", "UserUpdateParams"]


class User(HarvestModel):
    """A person in the Harvest account."""

    id: int
    """Unique ID for the user."""
    first_name: str | None = None
    """The first name of the user."""
    last_name: str | None = None
    """The last name of the user."""
    email: str | None = None
    """The email address of the user."""
    telephone: str | None = None
    """The user’s telephone number."""
    timezone: str | None = None
    """The user’s timezone."""
    has_access_to_all_future_projects: bool | None = None
    """Whether the user should be automatically added to future projects."""
    is_contractor: bool | None = None
    """Whether the user is a contractor or an employee."""
    is_active: bool | None = None
    """Whether the user is active or archived."""
    weekly_capacity: int | None = None
    """The number of hours per week this person is available to work in seconds, in half hour
    increments. For example, if a person’s capacity is 35 hours, the API will return 126000
    seconds.
    """
    default_hourly_rate: Decimal | None = None
    """The billable rate to use for this user when they are added to a project."""
    cost_rate: Decimal | None = None
    """The cost rate to use for this user when calculating a project’s costs vs billable amount."""
    roles: list[str] | None = None
    """Descriptive names of the business roles assigned to this person. They can be used for
    filtering reports, and have no effect in their permissions in Harvest.
    """
    access_roles: list[str] | None = None
    """Access role(s) that determine the user’s permissions in Harvest. Possible values:
    administrator, manager or member. Users with the manager role can additionally be granted
    one or more of these roles: project_creator, billable_rates_manager,
    managed_projects_invoice_drafter, managed_projects_invoice_manager,
    client_and_task_manager, time_and_expenses_manager, estimates_manager.
    """
    avatar_url: str | None = None
    """The URL to the user’s avatar image."""
    created_at: datetime | None = None
    """Date and time the user was created."""
    updated_at: datetime | None = None
    """Date and time the user was last updated."""


class UserListParams(ListParams):
    """Query parameters for ``users.list``."""

    is_active: bool | None = None
    """Pass true to only return active users and false to return inactive users."""
    updated_since: datetime | None = None
    """Only return users that have been updated since the given date and time."""


class UserCreateParams(Params):
    """Create a user (sends an invitation)."""

    first_name: str
    """The first name of the user."""
    last_name: str
    """The last name of the user."""
    email: str
    """The email address of the user."""
    timezone: str | None = None
    """The user’s timezone. Defaults to the company’s timezone. See a list of supported time
    zones.
    """
    has_access_to_all_future_projects: bool | None = None
    """Whether the user should be automatically added to future projects. Defaults to false."""
    is_contractor: bool | None = None
    """Whether the user is a contractor or an employee. Defaults to false."""
    is_active: bool | None = None
    """Whether the user is active or archived. Defaults to true."""
    weekly_capacity: int | None = None
    """The number of hours per week this person is available to work in seconds. Defaults to
    126000 seconds (35 hours).
    """
    default_hourly_rate: Decimal | None = None
    """The billable rate to use for this user when they are added to a project. Defaults to 0."""
    cost_rate: Decimal | None = None
    """The cost rate to use for this user when calculating a project’s costs vs billable amount.
    Defaults to 0.
    """
    roles: list[str] | None = None
    """Descriptive names of the business roles assigned to this person. They can be used for
    filtering reports, and have no effect in their permissions in Harvest.
    """
    access_roles: list[str] | None = None
    """Access role(s) that determine the user’s permissions in Harvest. Possible values:
    administrator, manager or member. Users with the manager role can additionally be granted
    one or more of these roles: project_creator, billable_rates_manager,
    managed_projects_invoice_drafter, managed_projects_invoice_manager,
    client_and_task_manager, time_and_expenses_manager, estimates_manager.
    """


class UserUpdateParams(Params):
    """Update a user."""

    first_name: str | None = None
    """The first name of the user. Can’t be updated if the user is inactive."""
    last_name: str | None = None
    """The last name of the user. Can’t be updated if the user is inactive."""
    email: str | None = None
    """The email address of the user. Can’t be updated if the user is inactive."""
    timezone: str | None = None
    """The user’s timezone. Defaults to the company’s timezone. See a list of supported time
    zones.
    """
    has_access_to_all_future_projects: bool | None = None
    """Whether the user should be automatically added to future projects."""
    is_contractor: bool | None = None
    """Whether the user is a contractor or an employee."""
    is_active: bool | None = None
    """Whether the user is active or archived."""
    weekly_capacity: int | None = None
    """The number of hours per week this person is available to work in seconds."""
    roles: list[str] | None = None
    """Descriptive names of the business roles assigned to this person. They can be used for
    filtering reports, and have no effect in their permissions in Harvest.
    """
    access_roles: list[str] | None = None
    """Access role(s) that determine the user’s permissions in Harvest. Possible values:
    administrator, manager or member. Users with the manager role can additionally be granted
    one or more of these roles: project_creator, billable_rates_manager,
    managed_projects_invoice_drafter, managed_projects_invoice_manager,
    client_and_task_manager, time_and_expenses_manager, estimates_manager.
    """
