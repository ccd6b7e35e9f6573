"""Harvest invoice imports: object models and request parameters."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import Field, SerializerFunctionWrapHandler, model_serializer

from ._base import Params

__all__ = [
    "InvoiceCreateFromTrackedParams",
    "LineItemsImportExpensesParams",
    "LineItemsImportParams",
    "LineItemsImportTimeParams",
]


class LineItemsImportTimeParams(Params):
    """Which tracked time to import and how to summarize it."""

    summary_type: str
    """How to summarize the time entries per line item. Options: project, task, people, or
    detailed.
    """
    from_: date | None = Field(default=None, alias="from")
    """Start date for included time entries. Must be provided if to is present. If neither from
    or to are provided, all unbilled time entries will be included.
    """
    to: date | None = None
    """End date for included time entries. Must be provided if from is present. If neither from
    or to are provided, all unbilled time entries will be included.
    """


class LineItemsImportExpensesParams(Params):
    """Which expenses to import and how to summarize them."""

    summary_type: str
    """How to summarize the expenses per line item. Options: project, category, people, or
    detailed.
    """
    from_: date | None = Field(default=None, alias="from")
    """Start date for included expenses. Must be provided if to is present. If neither from or
    to are provided, all unbilled expenses will be included.
    """
    to: date | None = None
    """End date for included expenses. Must be provided if from is present. If neither from or
    to are provided, all unbilled expenses will be included.
    """
    attach_receipt: bool | None = None
    """If set to true, a PDF containing an expense report with receipts will be attached to the
    invoice. Defaults to false.
    """

    @model_serializer(mode="wrap")
    def _both_spellings(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # The reference spells it attach_receipt, the docs attach_receipts: send both.
        data: dict[str, Any] = handler(self)
        if "attach_receipt" in data:
            data["attach_receipts"] = data["attach_receipt"]
        return data


class LineItemsImportParams(Params):
    """Projects whose unbilled time and expenses become invoice lines."""

    project_ids: list[int]
    """An array of the client’s project IDs you’d like to include time/expenses from."""
    time: LineItemsImportTimeParams | None = None
    """An time import object."""
    expenses: LineItemsImportExpensesParams | None = None
    """An expense import object."""


class InvoiceCreateFromTrackedParams(Params):
    """Create an invoice from tracked time and expenses (line_items_import)."""

    client_id: int
    """The ID of the client this invoice belongs to."""
    line_items_import: LineItemsImportParams
    """An line items import object"""
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
