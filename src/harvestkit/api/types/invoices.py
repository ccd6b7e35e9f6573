"""Harvest invoices: object models and request parameters."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pydantic import Field

from ._base import ClientRef, HarvestModel, IdRef, ListParams, NamedRef, Params, ProjectRef

__all__ = [
    "Invoice",
    "InvoiceCreateParams",
    "InvoiceLineItem",
    "InvoiceLineItemChange",
    "InvoiceLineItemCreateParams",
    "InvoiceLineItemUpdateParams",
    "InvoiceListParams",
    "InvoiceUpdateParams",
]


class InvoiceLineItem(HarvestModel):
    """One line of an invoice."""

    id: int
    """Unique ID for the line item."""
    project: ProjectRef | None = None
    """An object containing the associated project’s id, name, and code."""
    kind: str | None = None
    """The name of an invoice item category."""
    description: str | None = None
    """Text description of the line item."""
    quantity: Decimal | None = None
    """The unit quantity of the item."""
    unit_price: Decimal | None = None
    """The individual price per unit."""
    amount: Decimal | None = None
    """The line item subtotal (quantity * unit_price)."""
    taxed: bool | None = None
    """Whether the invoice’s tax percentage applies to this line item."""
    taxed2: bool | None = None
    """Whether the invoice’s tax2 percentage applies to this line item."""


class Invoice(HarvestModel):
    """An invoice to a client; money amounts are in ``currency``."""

    id: int
    """Unique ID for the invoice."""
    client: ClientRef | None = None
    """An object containing invoice’s client id and name."""
    line_items: list[InvoiceLineItem] | None = None
    """Array of invoice line items."""
    estimate: IdRef | None = None
    """An object containing the associated estimate’s id."""
    retainer: IdRef | None = None
    """An object containing the associated retainer’s id."""
    creator: NamedRef | None = None
    """An object containing the id and name of the person that created the invoice."""
    client_key: str | None = None
    """Used to build a URL to the public web invoice for your client by adding
    /client/invoices/{CLIENT_KEY} to your account URL https://{SUBDOMAIN}.harvestapp.com/
    Note: you can also add .pdf to the end of this URL to access a PDF version of the
    invoice.
    """
    number: str | None = None
    """If no value is set, the number will be automatically generated."""
    purchase_order: str | None = None
    """The purchase order number."""
    amount: Decimal | None = None
    """The total amount for the invoice, including any discounts and taxes."""
    due_amount: Decimal | None = None
    """The total amount due at this time for this invoice."""
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
    """The invoice subject."""
    notes: str | None = None
    """Any additional notes included on the invoice."""
    currency: str | None = None
    """The currency code associated with this invoice."""
    state: str | None = None
    """The current state of the invoice: draft, open, paid, or closed."""
    period_start: date | None = None
    """Start of the period during which time entries were added to this invoice."""
    period_end: date | None = None
    """End of the period during which time entries were added to this invoice."""
    issue_date: date | None = None
    """Date the invoice was issued."""
    due_date: date | None = None
    """Date the invoice is due."""
    payment_term: str | None = None
    """The timeframe in which the invoice should be paid. Options: upon receipt, net 15, net 30,
    net 45, net 60, or custom.
    """
    payment_options: list[str] | None = None
    """The list of payment options enabled for the invoice. Options: [ach, credit_card, paypal]"""
    sent_at: datetime | None = None
    """Date and time the invoice was sent."""
    paid_at: datetime | None = None
    """Date and time the invoice was paid."""
    paid_date: date | None = None
    """Date the invoice was paid."""
    closed_at: datetime | None = None
    """Date and time the invoice was closed."""
    recurring_invoice_id: int | None = None
    """Unique ID of the associated recurring invoice."""
    created_at: datetime | None = None
    """Date and time the invoice was created."""
    updated_at: datetime | None = None
    """Date and time the invoice was last updated."""


class InvoiceLineItemCreateParams(Params):
    """A new invoice line item; ``kind`` names an invoice item category."""

    kind: str
    """The name of an invoice item category."""
    unit_price: Decimal
    """The individual price per unit."""
    project_id: int | None = None
    """The ID of the project associated with this line item."""
    description: str | None = None
    """Text description of the line item."""
    quantity: Decimal | None = None
    """The unit quantity of the item. Defaults to 1."""
    taxed: bool | None = None
    """Whether the invoice’s tax percentage applies to this line item. Defaults to false."""
    taxed2: bool | None = None
    """Whether the invoice’s tax2 percentage applies to this line item. Defaults to false."""


class InvoiceLineItemUpdateParams(Params):
    """Changes to one existing invoice line item, picked by ``id``."""

    id: int
    """Unique ID for the line item."""
    project_id: int | None = None
    """The ID of the project associated with this line item."""
    kind: str | None = None
    """The name of an invoice item category."""
    description: str | None = None
    """Text description of the line item."""
    quantity: Decimal | None = None
    """The unit quantity of the item. Defaults to 1."""
    unit_price: Decimal | None = None
    """The individual price per unit."""
    taxed: bool | None = None
    """Whether the invoice’s tax percentage applies to this line item. Defaults to false."""
    taxed2: bool | None = None
    """Whether the invoice’s tax2 percentage applies to this line item. Defaults to false."""


class InvoiceListParams(ListParams):
    """Query parameters for ``invoices.list``."""

    client_id: int | None = None
    """Only return invoices belonging to the client with the given ID."""
    project_id: int | None = None
    """Only return invoices associated with the project with the given ID."""
    updated_since: datetime | None = None
    """Only return invoices that have been updated since the given date and time."""
    from_: date | None = Field(default=None, alias="from")
    """Only return invoices with an issue_date on or after the given date."""
    to: date | None = None
    """Only return invoices with an issue_date on or before the given date."""
    state: str | None = None
    """Only return invoices with a state matching the value provided. Options: draft, open,
    paid, or closed.
    """


class InvoiceCreateParams(Params):
    """Create a free-form invoice with line items."""

    client_id: int
    """The ID of the client this invoice belongs to."""
    estimate_id: int | None = None
    """The ID of the estimate associated with this invoice."""
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
    """The invoice subject."""
    notes: str | None = None
    """Any additional notes to include on the invoice."""
    currency: str | None = None
    """The currency used by the invoice. If not provided, the client’s currency will be used.
    See a list of supported currencies
    """
    issue_date: date | None = None
    """Date the invoice was issued. Defaults to today’s date."""
    due_date: date | None = None
    """Date the invoice is due. Defaults to the issue_date if no payment_term is specified. To
    set a custom due_date the payment_term must also be set to custom, otherwise the value
    supplied in the request for due_date will be ignored and the due_date will be calculated
    using the issue_date and the payment_term.
    """
    payment_term: str | None = None
    """The timeframe in which the invoice should be paid. Defaults to custom. Options: upon
    receipt, net 15, net 30, net 45, net 60, or custom.
    """
    payment_options: list[str] | None = None
    """The payment options available to pay the invoice. Your account must be configured with
    the appropriate options under Settings > Integrations > Online payment to assign them.
    Options: [ach, credit_card, paypal]
    """
    retainer_id: int | None = None
    """The ID of the retainer you want to add funds to with this invoice. Note: retainers cannot
    be fully used (created, drawn against, closed, etc.) via the API at this time. The only
    available action is to add funds.
    """
    line_items: list[InvoiceLineItemCreateParams] | None = None
    """Array of line item parameters"""


class InvoiceUpdateParams(Params):
    """Update an invoice."""

    client_id: int | None = None
    """The ID of the client this invoice belongs to."""
    retainer_id: int | None = None
    """The ID of the retainer associated with this invoice."""
    estimate_id: int | None = None
    """The ID of the estimate associated with this invoice."""
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
    """The invoice subject."""
    notes: str | None = None
    """Any additional notes to include on the invoice."""
    currency: str | None = None
    """The currency used by the invoice. If not provided, the client’s currency will be used.
    See a list of supported currencies
    """
    issue_date: date | None = None
    """Date the invoice was issued."""
    due_date: date | None = None
    """Date the invoice is due."""
    payment_term: str | None = None
    """The timeframe in which the invoice should be paid. Options: upon receipt, net 15, net 30,
    net 45, or net 60.
    """
    payment_options: list[str] | None = None
    """The payment options available to pay the invoice. Your account must be configured with
    the appropriate options under Settings > Integrations > Online payment to assign them.
    Options: [ach, credit_card, paypal]
    """
    line_items: (
        list[InvoiceLineItemCreateParams | InvoiceLineItemUpdateParams | dict[str, Any]] | None
    ) = None
    """Array of line item parameters"""


InvoiceLineItemChange = InvoiceLineItemCreateParams | InvoiceLineItemUpdateParams | dict[str, Any]
"""A ``line_items`` entry on update.

New (no ``id``), changed (with ``id``), or deleted (``{"id": .., "_destroy": True}``).
"""
