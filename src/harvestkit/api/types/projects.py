"""Harvest projects: object models and request parameters."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ._base import ClientRef, HarvestModel, ListParams, Params

__all__ = ["Project", "ProjectCreateParams", "ProjectListParams", "ProjectUpdateParams"]


class Project(HarvestModel):
    """A client project with billing and budget settings."""

    id: int
    """Unique ID for the project."""
    client: ClientRef | None = None
    """An object containing the project’s client id, name, and currency."""
    name: str | None = None
    """Unique name for the project."""
    code: str | None = None
    """The code associated with the project."""
    is_active: bool | None = None
    """Whether the project is active or archived."""
    is_billable: bool | None = None
    """Whether the project is billable or not."""
    is_fixed_fee: bool | None = None
    """Whether the project is a fixed-fee project or not."""
    bill_by: str | None = None
    """The method by which the project is invoiced."""
    hourly_rate: Decimal | None = None
    """Rate for projects billed by Project Hourly Rate."""
    budget_by: str | None = None
    """The method by which the project is budgeted."""
    budget_is_monthly: bool | None = None
    """Option to have the budget reset every month."""
    budget: Decimal | None = None
    """The budget in hours for the project when budgeting by time."""
    cost_budget: Decimal | None = None
    """The monetary budget for the project when budgeting by money."""
    cost_budget_include_expenses: bool | None = None
    """Option for budget of Total Project Fees projects to include tracked expenses."""
    notify_when_over_budget: bool | None = None
    """Whether Project Managers should be notified when the project goes over budget."""
    over_budget_notification_percentage: Decimal | None = None
    """Percentage value used to trigger over budget email alerts."""
    over_budget_notification_date: date | None = None
    """Date of last over budget notification. If none have been sent, this will be null."""
    show_budget_to_all: bool | None = None
    """Option to show project budget to all employees. Does not apply to Total Project Fee
    projects.
    """
    fee: Decimal | None = None
    """The amount you plan to invoice for the project. Only used by fixed-fee projects."""
    notes: str | None = None
    """Project notes."""
    starts_on: date | None = None
    """Date the project was started."""
    ends_on: date | None = None
    """Date the project will end."""
    created_at: datetime | None = None
    """Date and time the project was created."""
    updated_at: datetime | None = None
    """Date and time the project was last updated."""


class ProjectListParams(ListParams):
    """Query parameters for ``projects.list``."""

    is_active: bool | None = None
    """Pass true to only return active projects and false to return inactive projects."""
    client_id: int | None = None
    """Only return projects belonging to the client with the given ID."""
    updated_since: datetime | None = None
    """Only return projects that have been updated since the given date and time."""


class ProjectCreateParams(Params):
    """Create a project."""

    client_id: int
    """The ID of the client to associate this project with."""
    name: str
    """The name of the project."""
    is_billable: bool
    """Whether the project is billable or not."""
    bill_by: str
    """The method by which the project is invoiced. Options: Project, Tasks, People, or none."""
    budget_by: str
    """The method by which the project is budgeted. Options: project (Hours Per Project),
    project_cost (Total Project Fees), task (Hours Per Task), task_fees (Fees Per Task),
    person (Hours Per Person), none (No Budget).
    """
    code: str | None = None
    """The code associated with the project."""
    is_active: bool | None = None
    """Whether the project is active or archived. Defaults to true."""
    is_fixed_fee: bool | None = None
    """Whether the project is a fixed-fee project or not."""
    hourly_rate: Decimal | None = None
    """Rate for projects billed by Project Hourly Rate."""
    budget_is_monthly: bool | None = None
    """Option to have the budget reset every month. Defaults to false."""
    budget: Decimal | None = None
    """The budget in hours for the project when budgeting by time."""
    cost_budget: Decimal | None = None
    """The monetary budget for the project when budgeting by money."""
    cost_budget_include_expenses: bool | None = None
    """Option for budget of Total Project Fees projects to include tracked expenses. Defaults to
    false.
    """
    notify_when_over_budget: bool | None = None
    """Whether Project Managers should be notified when the project goes over budget. Defaults
    to false.
    """
    over_budget_notification_percentage: Decimal | None = None
    """Percentage value used to trigger over budget email alerts. Example: use 10.0 for 10.0%."""
    show_budget_to_all: bool | None = None
    """Option to show project budget to all employees. Does not apply to Total Project Fee
    projects. Defaults to false.
    """
    fee: Decimal | None = None
    """The amount you plan to invoice for the project. Only used by fixed-fee projects."""
    notes: str | None = None
    """Project notes."""
    starts_on: date | None = None
    """Date the project was started."""
    ends_on: date | None = None
    """Date the project will end."""


class ProjectUpdateParams(Params):
    """Update a project."""

    client_id: int | None = None
    """The ID of the client to associate this project with."""
    name: str | None = None
    """The name of the project."""
    code: str | None = None
    """The code associated with the project."""
    is_active: bool | None = None
    """Whether the project is active or archived. Defaults to true."""
    is_billable: bool | None = None
    """Whether the project is billable or not."""
    is_fixed_fee: bool | None = None
    """Whether the project is a fixed-fee project or not."""
    bill_by: str | None = None
    """The method by which the project is invoiced. Options: Project, Tasks, People, or none."""
    hourly_rate: Decimal | None = None
    """Rate for projects billed by Project Hourly Rate."""
    budget_by: str | None = None
    """The method by which the project is budgeted. Options: project (Hours Per Project),
    project_cost (Total Project Fees), task (Hours Per Task), task_fees (Fees Per Task),
    person (Hours Per Person), none (No Budget).
    """
    budget_is_monthly: bool | None = None
    """Option to have the budget reset every month. Defaults to false."""
    budget: Decimal | None = None
    """The budget in hours for the project when budgeting by time."""
    cost_budget: Decimal | None = None
    """The monetary budget for the project when budgeting by money."""
    cost_budget_include_expenses: bool | None = None
    """Option for budget of Total Project Fees projects to include tracked expenses. Defaults to
    false.
    """
    notify_when_over_budget: bool | None = None
    """Whether Project Managers should be notified when the project goes over budget. Defaults
    to false.
    """
    over_budget_notification_percentage: Decimal | None = None
    """Percentage value used to trigger over budget email alerts. Example: use 10.0 for 10.0%."""
    show_budget_to_all: bool | None = None
    """Option to show project budget to all employees. Does not apply to Total Project Fee
    projects. Defaults to false.
    """
    fee: Decimal | None = None
    """The amount you plan to invoice for the project. Only used by fixed-fee projects."""
    notes: str | None = None
    """Project notes."""
    starts_on: date | None = None
    """Date the project was started."""
    ends_on: date | None = None
    """Date the project will end."""
