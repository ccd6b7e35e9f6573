"""Operation table rows: expenses and expense categories."""

from __future__ import annotations

from ..types.expense_categories import (
    ExpenseCategory,
    ExpenseCategoryCreateParams,
    ExpenseCategoryListParams,
    ExpenseCategoryUpdateParams,
)
from ..types.expenses import Expense, ExpenseCreateParams, ExpenseListParams, ExpenseUpdateParams
from ._access_roles import ADMIN, MEMBER
from ._operation import NaturalKey, delete, get, patch, post

__all__ = [
    "EXPENSES_CREATE",
    "EXPENSES_DELETE",
    "EXPENSES_LIST",
    "EXPENSES_RETRIEVE",
    "EXPENSES_UPDATE",
    "EXPENSE_CATEGORIES_CREATE",
    "EXPENSE_CATEGORIES_DELETE",
    "EXPENSE_CATEGORIES_LIST",
    "EXPENSE_CATEGORIES_RETRIEVE",
    "EXPENSE_CATEGORIES_UPDATE",
]

EXPENSE_CATEGORIES_LIST = get(
    "expense_categories.list",
    "/expense_categories",
    ExpenseCategory,
    MEMBER,
    "List expense categories.",
    params=ExpenseCategoryListParams,
    list_key="expense_categories",
    pagination="cursor",
)
EXPENSE_CATEGORIES_CREATE = post(
    "expense_categories.create",
    "/expense_categories",
    ExpenseCategory,
    ADMIN,
    "Create an expense category.",
    body=ExpenseCategoryCreateParams,
    natural_key=NaturalKey(EXPENSE_CATEGORIES_LIST, ("name",)),
)
EXPENSE_CATEGORIES_RETRIEVE = get(
    "expense_categories.retrieve",
    "/expense_categories/{expense_category_id}",
    ExpenseCategory,
    MEMBER,
    "Retrieve an expense category.",
)
EXPENSE_CATEGORIES_UPDATE = patch(
    "expense_categories.update",
    "/expense_categories/{expense_category_id}",
    ExpenseCategory,
    ADMIN,
    "Update an expense category.",
    body=ExpenseCategoryUpdateParams,
)
EXPENSE_CATEGORIES_DELETE = delete(
    "expense_categories.delete",
    "/expense_categories/{expense_category_id}",
    ADMIN,
    "Delete an expense category.",
)
EXPENSES_LIST = get(
    "expenses.list",
    "/expenses",
    Expense,
    MEMBER,
    "List expenses visible to the caller, newest spent date first.",
    params=ExpenseListParams,
    list_key="expenses",
    pagination="page",
)
EXPENSES_CREATE = post(
    "expenses.create",
    "/expenses",
    Expense,
    MEMBER,
    "Record an expense.",
    body=ExpenseCreateParams,
    money=True,
    natural_key=NaturalKey(
        EXPENSES_LIST,
        ("project_id", "expense_category_id", "spent_date", "user_id", "total_cost", "notes"),
    ),
)
EXPENSES_RETRIEVE = get(
    "expenses.retrieve", "/expenses/{expense_id}", Expense, MEMBER, "Retrieve an expense."
)
EXPENSES_UPDATE = patch(
    "expenses.update",
    "/expenses/{expense_id}",
    Expense,
    MEMBER,
    "Update an expense.",
    body=ExpenseUpdateParams,
    money=True,
)
EXPENSES_DELETE = delete(
    "expenses.delete", "/expenses/{expense_id}", MEMBER, "Delete an expense.", money=True
)
