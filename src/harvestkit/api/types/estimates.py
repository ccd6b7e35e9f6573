"""Harvest estimates: object models and request parameters."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pydantic import Field

from ._base import ClientRef, HarvestModel, ListParams, NamedRef, Params

__all__ = [
    "Estimate",
    "EstimateCreateParams",
    "EstimateLineItem",
    "EstimateLineItemChange",
    "EstimateLineItemCreateParams",
    "EstimateLineItemUpdateParams",
    "EstimateListParams",
    "EstimateUpdateParams",
]


class EstimateLineItem(HarvestModel):
    """One line of an estimate."""

    id: int
    """Unique ID for the line item."""
    kind: str | None = None
    """The name of an estimate item category."""
    description: str | None = None
    """Text description of the line item."""
    quantity: Decimal | None = None
    """The unit quantity of the item."""
    unit_price: Decimal | None = None
    """The individual price per unit."""
    amount: Decimal | None = None
    """The line item subtotal (quantity * unit_price)."""
    taxed: bool | None = None
    """Whether the estimate’s tax percentage applies to this line item."""
    taxed2: bool | None = None
    """Whether the estimate’s tax2 percentage applies to this line item."""


class Estimate(HarvestModel):
    """An estimate (quote) for a client."""

    id: int
    """Unique ID for the estimate."""
    client: ClientRef | None = None
    """An object containing estimate’s client id and name."""
    line_items: list[EstimateLineItem] | None = None
    """Array of estimate line items."""
    creator: NamedRef | None = None
    """An object containing the id and name of the person that created the estimate."""
    client_key: str | None = None
    """Used to build a URL to the public web invoice for your
    client:https://{ACCOUNT_SUBDOMAIN}.harvestapp.com/client/estimates/abc123456
    """
    number: str | None = None
    """If no value is set, the number will be automatically generated."""
    purchase_order: str | None = None
    """The purchase order number."""
    amount: Decimal | None = None
    """The total amount for the estimate, including any discounts and taxes."""
    tax: Decimal | None = None
    """This percentage is applied to the subtotal, including line items and discounts."""
    tax_amount: Decimal | None = None
    """The first amount of tax included, calculated from tax. If no tax is defined, this value
    will be null.
    """
    tax2: Decimal | None = None
    """This percentage is applied to the subtotal, including line items and discounts."""
    tax2_amount: Decimal | None = None
    """The amount calculated from tax2."""
    discount: Decimal | None = None
    """This percentage is subtracted from the subtotal."""
    discount_amount: Decimal | None = None
    """The amount calculated from discount."""
    subject: str | None = None
    """The estimate subject."""
    notes: str | None = None
    """Any additional notes included on the estimate."""
    currency: str | None = None
    """The currency code associated with this estimate."""
    state: str | None = None
    """The current state of the estimate: draft, sent, accepted, or declined."""
    issue_date: date | None = None
    """Date the estimate was issued."""
    sent_at: datetime | None = None
    """Date and time the estimate was sent."""
    accepted_at: datetime | None = None
    """Date and time the estimate was accepted."""
    declined_at: datetime | None = None
    """Date and time the estimate was declined."""
    created_at: datetime | None = None
    """Date and time the estimate was created."""
    updated_at: datetime | None = None
    """Date and time the estimate was last updated."""


class EstimateLineItemCreateParams(Params):
    """A new estimate line item; ``kind`` names an estimate item category."""

    kind: str
    """The name of an estimate item category."""
    unit_price: Decimal
    """The individual price per unit."""
    description: str | None = None
    """Text description of the line item."""
    quantity: Decimal | None = None
    """The unit quantity of the item. Defaults to 1."""
    taxed: bool | None = None
    """Whether the estimate’s tax percentage applies to this line item. Defaults to false."""
    taxed2: bool | None = None
    """Whether the estimate’s tax2 percentage applies to this line item. Defaults to false."""


class EstimateLineItemUpdateParams(Params):
    """Changes to one existing estimate line item, picked by ``id``."""

    id: int
    """Unique ID for the line item."""
    kind: str | None = None
    """The name of an estimate item category."""
    description: str | None = None
    """Text description of the line item."""
    quantity: Decimal | None = None
    """The unit quantity of the item. Defaults to 1."""
    unit_price: Decimal | None = None
    """The individual price per unit."""
    taxed: bool | None = None
    """Whether the estimate’s tax percentage applies to this line item. Defaults to false."""
    taxed2: bool | None = None
    """Whether the estimate’s tax2 percentage applies to this line item. Defaults to false."""


class EstimateListParams(ListParams):
    """Query parameters for ``estimates.list``."""

    client_id: int | None = None
    """Only return estimates belonging to the client with the given ID."""
    updated_since: datetime | None = None
    """Only return estimates that have been updated since the given date and time."""
    from_: date | None = Field(default=None, alias="from")
    """Only return estimates with an issue_date on or after the given date."""
    to: date | None = None
    """Only return estimates with an issue_date on or before the given date."""
    state: str | None = None
    """Only return estimates with a state matching the value provided. Options: draft, sent,
    accepted, or declined.
    """


class EstimateCreateParams(Params):
    """Create an estimate with line items."""

    client_id: int
    """The ID of the client this estimate belongs to."""
    number: str | None = None
    """If no value is set, the number will be automatically generated."""
    purchase_order: str | None = None
    """The purchase order number."""
    tax: Decimal | None = None
    """This percentage is applied to the subtotal, including line items and discounts. Example:
    use 10.0 for 10.0%.
    """
    tax2: Decimal | None = None
    """This percentage is applied to the subtotal, including line items and discounts. Example:
    use 10.0 for 10.0%.
    """
    discount: Decimal | None = None
    """This percentage is subtracted from the subtotal. Example: use 10.0 for 10.0%."""
    subject: str | None = None
    """The estimate subject."""
    notes: str | None = None
    """Any additional notes to include on the estimate."""
    currency: str | None = None
    """The currency used by the estimate. If not provided, the client’s currency will be used.
    See a list of supported currencies
    """
    issue_date: date | None = None
    """Date the estimate was issued. Defaults to today’s date."""
    line_items: list[EstimateLineItemCreateParams] | None = None
    """Array of line item parameters"""


class EstimateUpdateParams(Params):
    """Update an estimate."""

    client_id: int | None = None
    """The ID of the client this estimate belongs to."""
    number: str | None = None
    """If no value is set, the number will be automatically generated."""
    purchase_order: str | None = None
    """The purchase order number."""
    tax: Decimal | None = None
    """This percentage is applied to the subtotal, including line items and discounts. Example:
    use 10.0 for 10.0%.
    """
    tax2: Decimal | None = None
    """This percentage is applied to the subtotal, including line items and discounts. Example:
    use 10.0 for 10.0%.
    """
    discount: Decimal | None = None
    """This percentage is subtracted from the subtotal. Example: use 10.0 for 10.0%."""
    subject: str | None = None
    """The estimate subject."""
    notes: str | None = None
    """Any additional notes to include on the estimate."""
    currency: str | None = None
    """The currency used by the estimate. If not provided, the client’s currency will be used.
    See a list of supported currencies
    """
    issue_date: date | None = None
    """Date the estimate was issued."""
    line_items: (
        list[EstimateLineItemCreateParams | EstimateLineItemUpdateParams | dict[str, Any]] | None
    ) = None
    """Array of line item parameters"""


EstimateLineItemChange = (
    EstimateLineItemCreateParams | EstimateLineItemUpdateParams | dict[str, Any]
)
"""A ``line_items`` entry on update.

New (no ``id``), changed (with ``id``), or deleted (``{"id": .., "_destroy": True}``).
"""
