"""Harvest expense categories: object models and request parameters."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from ._base import HarvestModel, ListParams, Params

__all__ = [
    "ExpenseCategory",
    "ExpenseCategoryCreateParams",
    "ExpenseCategoryListParams",
    "ExpenseCategoryUpdateParams",
]


class ExpenseCategory(HarvestModel):
    """A category of expenses, optionally unit-priced (e.g. mileage)."""

    id: int
    """Unique ID for the expense category."""
    name: str | None = None
    """The name of the expense category."""
    unit_name: str | None = None
    """The unit name of the expense category."""
    unit_price: Decimal | None = None
    """The unit price of the expense category."""
    is_active: bool | None = None
    """Whether the expense category is active or archived."""
    created_at: datetime | None = None
    """Date and time the expense category was created."""
    updated_at: datetime | None = None
    """Date and time the expense category was last updated."""


class ExpenseCategoryListParams(ListParams):
    """Query parameters for ``expense_categories.list``."""

    is_active: bool | None = None
    """Pass true to only return active expense categories and false to return inactive expense
    categories.
    """
    updated_since: datetime | None = None
    """Only return expense categories that have been updated since the given date and time."""


class ExpenseCategoryCreateParams(Params):
    """Create an expense category."""

    name: str
    """The name of the expense category."""
    unit_name: str | None = None
    """The unit name of the expense category."""
    unit_price: Decimal | None = None
    """The unit price of the expense category."""
    is_active: bool | None = None
    """Whether the expense category is active or archived. Defaults to true."""


class ExpenseCategoryUpdateParams(Params):
    """Update an expense category."""

    name: str | None = None
    """The name of the expense category."""
    unit_name: str | None = None
    """The unit name of the expense category."""
    unit_price: Decimal | None = None
    """The unit price of the expense category."""
    is_active: bool | None = None
    """Whether the expense category is active or archived."""
