"""Operation table rows: reports (the 100 per 15 minutes bucket)."""

from __future__ import annotations

from ..types.reports import (
    ExpenseReportParams,
    ExpenseReportsResult,
    ProjectBudgetReportParams,
    ProjectBudgetReportResult,
    TimeReportParams,
    TimeReportsResult,
    UninvoicedReportParams,
    UninvoicedReportResult,
)
from ._access_roles import MANAGER, MEMBER
from ._operation import get

__all__ = [
    "REPORTS_EXPENSES_CATEGORIES",
    "REPORTS_EXPENSES_CLIENTS",
    "REPORTS_EXPENSES_PROJECTS",
    "REPORTS_EXPENSES_TEAM",
    "REPORTS_PROJECT_BUDGET",
    "REPORTS_TIME_CLIENTS",
    "REPORTS_TIME_PROJECTS",
    "REPORTS_TIME_TASKS",
    "REPORTS_TIME_TEAM",
    "REPORTS_UNINVOICED",
]

REPORTS_EXPENSES_CATEGORIES = get(
    "reports.expenses_categories",
    "/reports/expenses/categories",
    ExpenseReportsResult,
    MEMBER,
    "Expense totals per expense category and currency.",
    params=ExpenseReportParams,
    list_key="results",
    pagination="page",
)
REPORTS_EXPENSES_CLIENTS = get(
    "reports.expenses_clients",
    "/reports/expenses/clients",
    ExpenseReportsResult,
    MEMBER,
    "Expense totals per client and currency.",
    params=ExpenseReportParams,
    list_key="results",
    pagination="page",
)
REPORTS_EXPENSES_PROJECTS = get(
    "reports.expenses_projects",
    "/reports/expenses/projects",
    ExpenseReportsResult,
    MEMBER,
    "Expense totals per project and currency.",
    params=ExpenseReportParams,
    list_key="results",
    pagination="page",
)
REPORTS_EXPENSES_TEAM = get(
    "reports.expenses_team",
    "/reports/expenses/team",
    ExpenseReportsResult,
    MEMBER,
    "Expense totals per person and currency.",
    params=ExpenseReportParams,
    list_key="results",
    pagination="page",
)
REPORTS_PROJECT_BUDGET = get(
    "reports.project_budget",
    "/reports/project_budget",
    ProjectBudgetReportResult,
    MEMBER,
    "Budget, spent and remaining for projects with a budget.",
    params=ProjectBudgetReportParams,
    list_key="results",
    pagination="page",
)
REPORTS_TIME_CLIENTS = get(
    "reports.time_clients",
    "/reports/time/clients",
    TimeReportsResult,
    MEMBER,
    "Hours and billable amounts per client and currency.",
    params=TimeReportParams,
    list_key="results",
    pagination="page",
)
REPORTS_TIME_PROJECTS = get(
    "reports.time_projects",
    "/reports/time/projects",
    TimeReportsResult,
    MEMBER,
    "Hours and billable amounts per project and currency.",
    params=TimeReportParams,
    list_key="results",
    pagination="page",
)
REPORTS_TIME_TASKS = get(
    "reports.time_tasks",
    "/reports/time/tasks",
    TimeReportsResult,
    MEMBER,
    "Hours and billable amounts per task and currency.",
    params=TimeReportParams,
    list_key="results",
    pagination="page",
)
REPORTS_TIME_TEAM = get(
    "reports.time_team",
    "/reports/time/team",
    TimeReportsResult,
    MEMBER,
    "Hours and billable amounts per person and currency.",
    params=TimeReportParams,
    list_key="results",
    pagination="page",
)
REPORTS_UNINVOICED = get(
    "reports.uninvoiced",
    "/reports/uninvoiced",
    UninvoicedReportResult,
    MANAGER,
    "Uninvoiced hours, expenses and amounts per billable project.",
    params=UninvoicedReportParams,
    list_key="results",
    pagination="page",
)
