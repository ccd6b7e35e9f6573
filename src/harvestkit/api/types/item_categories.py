"""Harvest item categories: object models and request parameters."""

from __future__ import annotations

from datetime import datetime

from ._base import HarvestModel, ListParams, Params

__all__ = [
    "EstimateItemCategory",
    "EstimateItemCategoryCreateParams",
    "EstimateItemCategoryListParams",
    "EstimateItemCategoryUpdateParams",
    "InvoiceItemCategory",
    "InvoiceItemCategoryCreateParams",
    "InvoiceItemCategoryListParams",
    "InvoiceItemCategoryUpdateParams",
]


class InvoiceItemCategory(HarvestModel):
    """A category (``kind``) for invoice line items."""

    id: int
    """Unique ID for the invoice item category."""
    name: str | None = None
    """The name of the invoice item category."""
    use_as_service: bool | None = None
    """Whether this invoice item category is used for billable hours when generating an invoice."""
    use_as_expense: bool | None = None
    """Whether this invoice item category is used for expenses when generating an invoice."""
    created_at: datetime | None = None
    """Date and time the invoice item category was created."""
    updated_at: datetime | None = None
    """Date and time the invoice item category was last updated."""


class EstimateItemCategory(HarvestModel):
    """A category (``kind``) for estimate line items."""

    id: int
    """Unique ID for the estimate item category."""
    name: str | None = None
    """The name of the estimate item category."""
    created_at: datetime | None = None
    """Date and time the estimate item category was created."""
    updated_at: datetime | None = None
    """Date and time the estimate item category was last updated."""


class EstimateItemCategoryListParams(ListParams):
    """Query parameters for ``estimate_item_categories.list``."""

    updated_since: datetime | None = None
    """Only return estimate item categories that have been updated since the given date and
    time.
    """


class EstimateItemCategoryCreateParams(Params):
    """Create an estimate item category."""

    name: str
    """The name of the estimate item category."""


class EstimateItemCategoryUpdateParams(Params):
    """Rename an estimate item category."""

    name: str | None = None
    """The name of the estimate item category."""


class InvoiceItemCategoryListParams(ListParams):
    """Query parameters for ``invoice_item_categories.list``."""

    updated_since: datetime | None = None
    """Only return invoice item categories that have been updated since the given date and time."""


class InvoiceItemCategoryCreateParams(Params):
    """Create an invoice item category."""

    name: str
    """The name of the invoice item category."""


class InvoiceItemCategoryUpdateParams(Params):
    """Rename an invoice item category."""

    name: str | None = None
    """The name of the invoice item category."""
