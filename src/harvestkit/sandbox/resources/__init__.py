"""One module per Harvest resource; each exports ROUTES. Order matters where paths
overlap: literal segments (`/users/me`) come before `{id}` captures."""

from starlette.routing import BaseRoute

from . import (
    clients,
    company,
    contacts,
    estimate_item_categories,
    estimate_messages,
    estimates,
    expense_categories,
    expenses,
    invoice_item_categories,
    invoices,
    project_assignments,
    projects,
    reports,
    roles,
    task_assignments,
    tasks,
    time_entries,
    user_assignments,
    users,
)

ALL_ROUTES: list[BaseRoute] = [
    *company.ROUTES,
    *project_assignments.ROUTES,
    *users.ROUTES,
    *roles.ROUTES,
    *clients.ROUTES,
    *contacts.ROUTES,
    *tasks.ROUTES,
    *projects.ROUTES,
    *user_assignments.ROUTES,
    *task_assignments.ROUTES,
    *time_entries.ROUTES,
    *invoice_item_categories.ROUTES,
    *invoices.ROUTES,
    *estimate_item_categories.ROUTES,
    *estimate_messages.ROUTES,
    *estimates.ROUTES,
    *expense_categories.ROUTES,
    *expenses.ROUTES,
    *reports.ROUTES,
]
