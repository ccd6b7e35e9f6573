"""Harvest reports: object models and request parameters."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import Field

from ._base import HarvestModel, ListParams

__all__ = [
    "ExpenseReportParams",
    "ExpenseReportsResult",
    "ProjectBudgetReportParams",
    "ProjectBudgetReportResult",
    "TimeReportParams",
    "TimeReportsResult",
    "UninvoicedReportParams",
    "UninvoicedReportResult",
]


class ExpenseReportsResult(HarvestModel):
    """One row of an expense report (per subject and currency)."""

    client_id: int | None = None
    """The ID of the client associated with the reported expenses. Only returned in the Client
    and Project reports.
    """
    client_name: str | None = None
    """The name of the client associated with the reported expenses. Only returned in the Client
    and Project reports.
    """
    project_id: int | None = None
    """The ID of the project associated with the reported expenses. Only returned in the Client
    and Project reports.
    """
    project_name: str | None = None
    """The name of the project associated with the reported expenses. Only returned in the
    Client and Project reports.
    """
    expense_category_id: int | None = None
    """The ID of the expense category associated with the reported expenses. Only returned in
    the Expense Category report.
    """
    expense_category_name: str | None = None
    """The name of the expense category associated with the reported expenses. Only returned in
    the Expense Category report.
    """
    user_id: int | None = None
    """The ID of the user associated with the reported expenses. Only returned in the Team
    report.
    """
    user_name: str | None = None
    """The name of the user associated with the reported expenses. Only returned in the Team
    report.
    """
    is_contractor: bool | None = None
    """The contractor status of the user associated with the reported expenses. Only returned in
    the Team report.
    """
    total_amount: Decimal | None = None
    """The totaled cost for all expenses for the given timeframe, subject (client, project,
    expense category, or user), and currency.
    """
    billable_amount: Decimal | None = None
    """The totaled cost for billable expenses for the given timeframe, subject (client, project,
    expense category, or user), and currency.
    """
    currency: str | None = None
    """The currency code associated with the expenses for this result."""


class UninvoicedReportResult(HarvestModel):
    """One row of the uninvoiced report (per project and currency)."""

    client_id: int | None = None
    """The ID of the client associated with the reported hours and expenses."""
    client_name: str | None = None
    """The name of the client associated with the reported hours and expenses."""
    project_id: int | None = None
    """The ID of the project associated with the reported hours and expenses."""
    project_name: str | None = None
    """The name of the project associated with the reported hours and expenses."""
    currency: str | None = None
    """The currency code associated with the tracked hours for this result."""
    total_hours: Decimal | None = None
    """The total hours for the given timeframe and project. If Time Rounding is turned on, the
    hours will be rounded according to your settings.
    """
    uninvoiced_hours: Decimal | None = None
    """The total hours for the given timeframe and project that have not been invoiced. If Time
    Rounding is turned on, the hours will be rounded according to your settings.
    """
    uninvoiced_expenses: Decimal | None = None
    """The total amount for billable expenses for the timeframe and project that have not been
    invoiced.
    """
    uninvoiced_amount: Decimal | None = None
    """The total amount (time and expenses) for the timeframe and project that have not been
    invoiced.
    """


class TimeReportsResult(HarvestModel):
    """One row of a time report (per subject and currency)."""

    client_id: int | None = None
    """The ID of the client associated with the reported hours. Only returned in the Client and
    Project reports.
    """
    client_name: str | None = None
    """The name of the client associated with the reported hours. Only returned in the Client
    and Project reports.
    """
    project_id: int | None = None
    """The ID of the project associated with the reported hours. Only returned in the Client and
    Project reports.
    """
    project_name: str | None = None
    """The name of the project associated with the reported hours. Only returned in the Client
    and Project reports.
    """
    task_id: int | None = None
    """The ID of the task associated with the reported hours. Only returned in the Task report."""
    task_name: str | None = None
    """The name of the task associated with the reported hours. Only returned in the Task
    report.
    """
    user_id: int | None = None
    """The ID of the user associated with the reported hours. Only returned in the Team report."""
    user_name: str | None = None
    """The name of the user associated with the reported hours. Only returned in the Team
    report.
    """
    weekly_capacity: int | None = None
    """The number of hours per week this person is available to work in seconds, in half hour
    increments. For example, if a person’s capacity is 35 hours, the API will return 126000
    seconds. Only returned in the Team report.
    """
    avatar_url: str | None = None
    """The URL to the user’s avatar image. Only returned in the Team report."""
    is_contractor: bool | None = None
    """The contractor status of the user associated with the reported hours. Only returned in
    the Team report.
    """
    total_hours: Decimal | None = None
    """The totaled hours for the given timeframe, subject (client, project, task, or user), and
    currency. If Time Rounding is turned on, the hours will be rounded according to your
    settings.
    """
    billable_hours: Decimal | None = None
    """The totaled billable hours for the given timeframe, subject (client, project, task, or
    user), and currency. If Time Rounding is turned on, the hours will be rounded according
    to your settings.
    """
    currency: str | None = None
    """The currency code associated with the tracked hours for this result. Only visible to
    Administrators and Project Managers with the View billable rates and amounts permission.
    """
    billable_amount: Decimal | None = None
    """The totaled billable amount for the billable hours above. Only visible to Administrators
    and Project Managers with the View billable rates and amounts permission.
    """


class ProjectBudgetReportResult(HarvestModel):
    """One row of the project budget report."""

    client_id: int | None = None
    """The ID of the client associated with this project."""
    client_name: str | None = None
    """The name of the client associated with this project."""
    project_id: int | None = None
    """The ID of the project."""
    project_name: str | None = None
    """The name of the project."""
    budget_is_monthly: bool | None = None
    """Whether the budget is reset every month."""
    budget_by: str | None = None
    """The method by which the project is budgeted. Options: project (Hours Per Project),
    project_cost (Total Project Fees), task (Hours Per Task), task_fees (Fees Per Task),
    person (Hours Per Person), none (No Budget).
    """
    is_active: bool | None = None
    """Whether the project is active or archived."""
    budget: Decimal | None = None
    """The budget in hours or money for the project when budgeting by time. If the project is
    budgeted by money, this value will only be visible to Administrators and Project Managers
    with the View billable rates and amounts permission.
    """
    budget_spent: Decimal | None = None
    """The total hours or money spent against the project’s budget. If Time Rounding is turned
    on, the hours will be rounded according to your settings. If the project is budgeted by
    money, this value will only be visible to Administrators and Project Managers with the
    View billable rates and amounts permission.
    """
    budget_remaining: Decimal | None = None
    """The total hours or money remaining in the project’s budget. If Time Rounding is turned
    on, the hours will be rounded according to your settings. If the project is budgeted by
    money, this value will only be visible to Administrators and Project Managers with the
    View billable rates and amounts permission.
    """


class ExpenseReportParams(ListParams):
    """Query parameters of the expense reports (``reports.expenses_*``)."""

    from_: date = Field(alias="from")
    """Only report on expenses with a spent_date on or after the given date."""
    to: date
    """Only report on expenses with a spent_date on or before the given date."""


class ProjectBudgetReportParams(ListParams):
    """Query parameters for ``reports.project_budget``."""

    is_active: bool | None = None
    """Pass true to only return active projects and false to return inactive projects."""


class TimeReportParams(ListParams):
    """Query parameters of the time reports (``reports.time_*``)."""

    from_: date = Field(alias="from")
    """Only report on time entries with a spent_date on or after the given date."""
    to: date
    """Only report on time entries with a spent_date on or before the given date."""
    include_fixed_fee: bool | None = None
    """When true, billable amounts will be calculated and included for fixed fee projects."""


class UninvoicedReportParams(ListParams):
    """Query parameters for ``reports.uninvoiced``."""

    from_: date = Field(alias="from")
    """Only report on time entries and expenses with a spent_date on or after the given date."""
    to: date
    """Only report on time entries and expenses with a spent_date on or before the given date."""
    include_fixed_fee: bool | None = None
    """Whether or not to include fixed-fee projects in the response. Fixed-fee uninvoiced fee
    amount will show as long as the selected date range is on or after the project start date
    (If project start date is not specified, it is project creation date). Otherwise, it will
    be 0. (Default: true)
    """
