"""Harvest rates: object models and request parameters."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ._base import HarvestModel, ListParams, Params

__all__ = [
    "BillableRate",
    "BillableRateCreateParams",
    "BillableRateListParams",
    "CostRate",
    "CostRateCreateParams",
    "CostRateListParams",
]


class BillableRate(HarvestModel):
    """A dated billable rate of a user."""

    id: int
    """Unique ID for the billable rate."""
    amount: Decimal | None = None
    """The amount of the billable rate."""
    start_date: date | None = None
    """The date the billable rate is effective."""
    end_date: date | None = None
    """The date the billable rate is no longer effective. This date is calculated by Harvest."""
    created_at: datetime | None = None
    """Date and time the billable rate was created."""
    updated_at: datetime | None = None
    """Date and time the billable rate was last updated."""


class CostRate(HarvestModel):
    """A dated cost rate of a user."""

    id: int
    """Unique ID for the cost rate."""
    amount: Decimal | None = None
    """The amount of the cost rate."""
    start_date: date | None = None
    """The date the cost rate is effective."""
    end_date: date | None = None
    """The date the cost rate is no longer effective. This date is calculated by Harvest."""
    created_at: datetime | None = None
    """Date and time the cost rate was created."""
    updated_at: datetime | None = None
    """Date and time the cost rate was last updated."""


class BillableRateListParams(ListParams):
    """Query parameters for ``users.billable_rates.list``."""

    pass


class BillableRateCreateParams(Params):
    """Add a billable rate (without start_date it replaces all rates)."""

    amount: Decimal
    """The amount of the billable rate."""
    start_date: date | None = None
    """The date the billable rate is effective. Cannot be a date in the future."""


class CostRateListParams(ListParams):
    """Query parameters for ``users.cost_rates.list``."""

    pass


class CostRateCreateParams(Params):
    """Add a cost rate (without start_date it replaces all rates)."""

    amount: Decimal
    """The amount of the cost rate."""
    start_date: date | None = None
    """The date the cost rate is effective. Cannot be a date in the future."""
