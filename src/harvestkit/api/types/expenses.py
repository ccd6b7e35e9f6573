"""Harvest expenses: object models and request parameters."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import Field

from ._base import ClientRef, HarvestModel, InvoiceRef, ListParams, NamedRef, Params, ProjectRef
from .user_assignments import UserAssignment

__all__ = [
    "Expense",
    "ExpenseCategoryRef",
    "ExpenseCreateParams",
    "ExpenseListParams",
    "ExpenseReceipt",
    "ExpenseUpdateParams",
    "ReceiptParams",
]


class ExpenseCategoryRef(HarvestModel):
    """The expense category of an expense."""

    id: int
    name: str | None = None
    unit_price: Decimal | None = None
    """Price per unit (the reference spec says string; responses carry a JSON number)."""
    unit_name: str | None = None


class ExpenseReceipt(HarvestModel):
    """The receipt file attached to an expense."""

    url: str | None = None
    file_name: str | None = None
    file_size: int | None = None
    content_type: str | None = None


class Expense(HarvestModel):
    """An expense tracked on a project."""

    id: int
    """Unique ID for the expense."""
    client: ClientRef | None = None
    """An object containing the expense’s client id, name, and currency."""
    project: ProjectRef | None = None
    """An object containing the expense’s project id, name, and code."""
    expense_category: ExpenseCategoryRef | None = None
    """An object containing the expense’s expense category id, name, unit_price, and unit_name."""
    user: NamedRef | None = None
    """An object containing the id and name of the user that recorded the expense."""
    user_assignment: UserAssignment | None = None
    """A user assignment object of the user that recorded the expense."""
    receipt: ExpenseReceipt | None = None
    """An object containing the expense’s receipt URL and file name."""
    invoice: InvoiceRef | None = None
    """Once the expense has been invoiced, this field will include the associated invoice’s id
    and number.
    """
    notes: str | None = None
    """Textual notes used to describe the expense."""
    units: int | None = None
    """The quantity of units used to calculate the total_cost of the expense."""
    total_cost: Decimal | None = None
    """The total amount of the expense."""
    billable: bool | None = None
    """Whether the expense is billable or not."""
    is_closed: bool | None = None
    """Whether the expense has been approved or not. Deprecated, use approval_status instead."""
    approval_status: str | None = None
    """The approval status of the expense. Possible values: “unsubmitted”, “submitted”, or
    “approved”.
    """
    is_locked: bool | None = None
    """Whether the expense has been been invoiced, approved, or the project or person related to
    the expense is archived.
    """
    is_billed: bool | None = None
    """Whether or not the expense has been marked as invoiced."""
    locked_reason: str | None = None
    """An explanation of why the expense has been locked."""
    spent_date: date | None = None
    """Date the expense occurred."""
    created_at: datetime | None = None
    """Date and time the expense was created."""
    updated_at: datetime | None = None
    """Date and time the expense was last updated."""


class ReceiptParams(Params):
    """A receipt to upload with an expense; the request is then sent as multipart form data."""

    file_name: str
    content: bytes
    content_type: str = "application/octet-stream"


class ExpenseListParams(ListParams):
    """Query parameters for ``expenses.list``."""

    user_id: int | None = None
    """Only return expenses belonging to the user with the given ID."""
    client_id: int | None = None
    """Only return expenses belonging to the client with the given ID."""
    project_id: int | None = None
    """Only return expenses belonging to the project with the given ID."""
    is_billed: bool | None = None
    """Pass true to only return expenses that have been invoiced and false to return expenses
    that have not been invoiced.
    """
    approval_status: str | None = None
    """Only return expenses with the given approval status. Possible values: “unsubmitted”,
    “submitted”, or “approved”.
    """
    updated_since: datetime | None = None
    """Only return expenses that have been updated since the given date and time."""
    from_: date | None = Field(default=None, alias="from")
    """Only return expenses with a spent_date on or after the given date."""
    to: date | None = None
    """Only return expenses with a spent_date on or before the given date."""


class ExpenseCreateParams(Params):
    """Record an expense."""

    project_id: int
    """The ID of the project associated with this expense."""
    expense_category_id: int
    """The ID of the expense category this expense is being tracked against."""
    spent_date: date
    """Date the expense occurred."""
    user_id: int | None = None
    """The ID of the user associated with this expense. Defaults to the ID of the currently
    authenticated user.
    """
    units: int | None = None
    """The quantity of units to use in calculating the total_cost of the expense."""
    total_cost: Decimal | None = None
    """The total amount of the expense."""
    notes: str | None = None
    """Textual notes used to describe the expense."""
    billable: bool | None = None
    """Whether this expense is billable or not. Defaults to true."""
    receipt: ReceiptParams | None = None
    """A receipt file to attach to the expense. If including a receipt, you must submit a
    multipart/form-data request.
    """


class ExpenseUpdateParams(Params):
    """Update an expense."""

    project_id: int | None = None
    """The ID of the project associated with this expense."""
    expense_category_id: int | None = None
    """The ID of the expense category this expense is being tracked against."""
    spent_date: date | None = None
    """Date the expense occurred."""
    units: int | None = None
    """The quantity of units to use in calculating the total_cost of the expense."""
    total_cost: Decimal | None = None
    """The total amount of the expense."""
    notes: str | None = None
    """Textual notes used to describe the expense."""
    billable: bool | None = None
    """Whether this expense is billable or not. Defaults to true."""
    receipt: ReceiptParams | None = None
    """A receipt file to attach to the expense. If including a receipt, you must submit a
    multipart/form-data request.
    """
    delete_receipt: bool | None = None
    """Whether an attached expense receipt should be deleted. Pass true to delete the expense
    receipt.
    """
