"""Expenses toolset: expenses and expense categories."""

from __future__ import annotations

from .._tool import EXPENSES
from ._doc import Doc

__all__ = ["DOCS", "TOOLSET"]

TOOLSET = EXPENSES

DOCS: dict[str, Doc] = {
    "expenses.list": Doc(
        what="List expenses the caller can see, newest spent_date first, with project, "
        "client, category and user names, cost and billable and billed flags.",
        when="to review costs on a project or by a person, or to find an expense's id. "
        "For totals use the harvest_reports_expenses_* tools.",
        first="Filter with project_id, client_id or user_id; from/to take YYYY-MM-DD.",
        example={"project_id": 14307913, "from": "2026-11-01", "to": "2026-11-30"},
    ),
    "expenses.retrieve": Doc(
        what="Get one expense: date, cost or units, notes, category, project and whether "
        "it is billed, locked or approved.",
        when="to check an expense before changing or deleting it.",
        first="Get the id from harvest_expenses_list.",
        example={"expense_id": 15296442},
    ),
    "expenses.create": Doc(
        what="Record an expense on a project: a total_cost, or units for unit-priced "
        "categories such as mileage. Receipt files cannot be attached through tools.",
        when="when someone spent money for a project (travel, software, materials).",
        first="Get project_id from harvest_my_project_assignments_list and "
        "expense_category_id from harvest_expense_categories_list.",
        example={
            "project_id": 14307913,
            "expense_category_id": 4195926,
            "spent_date": "2026-11-18",
            "total_cost": 64.5,
            "notes": "Stock photos",
        },
    ),
    "expenses.update": Doc(
        what="Change an expense's amount, units, date, notes, category, project or billable flag.",
        when="to correct an expense that is not yet invoiced or locked.",
        first="Get the id from harvest_expenses_list.",
        example={"expense_id": 15296442, "total_cost": 72.0},
    ),
    "expenses.delete": Doc(
        what="Delete an expense.",
        when="to remove an expense recorded by mistake; invoiced or locked expenses "
        "cannot be deleted.",
        first="Get the id from harvest_expenses_list.",
        example={"expense_id": 15296442, "dry_run": True},
    ),
    "expense_categories.list": Doc(
        what="List expense categories with unit name and unit price where they are unit-priced.",
        when="to find the expense_category_id for harvest_expenses_create.",
        example={"is_active": True},
    ),
    "expense_categories.retrieve": Doc(
        what="Get one expense category: name, unit name and unit price, active flag.",
        when="to see how a category prices units before recording an expense.",
        first="Get the id from harvest_expense_categories_list.",
        example={"expense_category_id": 4195926},
    ),
    "expense_categories.create": Doc(
        what="Create an expense category, optionally priced per unit (e.g. Mileage at "
        "0.67 per mile).",
        when="when expenses need a category that does not exist; administrators only.",
        example={"name": "Mileage", "unit_name": "mile", "unit_price": 0.67},
    ),
    "expense_categories.update": Doc(
        what="Rename an expense category or change its unit price or active flag.",
        when="to update a mileage rate or archive a category; administrators only.",
        first="Get the id from harvest_expense_categories_list.",
        example={"expense_category_id": 4195926, "unit_price": 0.7},
    ),
    "expense_categories.delete": Doc(
        what="Delete an expense category.",
        when="to remove a category created by mistake; archive used ones with "
        "harvest_expense_categories_update instead.",
        first="Get the id from harvest_expense_categories_list.",
        example={"expense_category_id": 4195926, "dry_run": True},
    ),
}
