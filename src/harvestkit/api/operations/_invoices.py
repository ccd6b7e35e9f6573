"""Operation table rows: invoices, their line items, messages and payments, and item categories."""

from __future__ import annotations

from ..types._base import LineItemDeleteParams
from ..types.invoice_imports import InvoiceCreateFromTrackedParams
from ..types.invoice_messages import (
    InvoiceMessage,
    InvoiceMessageCreateParams,
    InvoiceMessageListParams,
    InvoiceMessageSubjectAndBody,
    InvoiceMessageTemplateParams,
)
from ..types.invoice_payments import (
    InvoicePayment,
    InvoicePaymentCreateParams,
    InvoicePaymentListParams,
)
from ..types.invoices import (
    Invoice,
    InvoiceCreateParams,
    InvoiceLineItemCreateParams,
    InvoiceLineItemUpdateParams,
    InvoiceListParams,
    InvoiceUpdateParams,
)
from ..types.item_categories import (
    InvoiceItemCategory,
    InvoiceItemCategoryCreateParams,
    InvoiceItemCategoryListParams,
    InvoiceItemCategoryUpdateParams,
)
from ._access_roles import MANAGER
from ._operation import NaturalKey, delete, get, patch, post

__all__ = [
    "INVOICES_CREATE",
    "INVOICES_CREATE_FROM_TRACKED",
    "INVOICES_DELETE",
    "INVOICES_LINE_ITEMS_CREATE",
    "INVOICES_LINE_ITEMS_DELETE",
    "INVOICES_LINE_ITEMS_UPDATE",
    "INVOICES_LIST",
    "INVOICES_MESSAGES_CREATE",
    "INVOICES_MESSAGES_DELETE",
    "INVOICES_MESSAGES_LIST",
    "INVOICES_MESSAGES_MARK_CLOSED",
    "INVOICES_MESSAGES_MARK_DRAFT",
    "INVOICES_MESSAGES_MARK_SENT",
    "INVOICES_MESSAGES_NEW_TEMPLATE",
    "INVOICES_MESSAGES_REOPEN",
    "INVOICES_PAYMENTS_CREATE",
    "INVOICES_PAYMENTS_DELETE",
    "INVOICES_PAYMENTS_LIST",
    "INVOICES_RETRIEVE",
    "INVOICES_UPDATE",
    "INVOICE_ITEM_CATEGORIES_CREATE",
    "INVOICE_ITEM_CATEGORIES_DELETE",
    "INVOICE_ITEM_CATEGORIES_LIST",
    "INVOICE_ITEM_CATEGORIES_RETRIEVE",
    "INVOICE_ITEM_CATEGORIES_UPDATE",
]

INVOICE_ITEM_CATEGORIES_LIST = get(
    "invoice_item_categories.list",
    "/invoice_item_categories",
    InvoiceItemCategory,
    MANAGER,
    "List invoice item categories.",
    params=InvoiceItemCategoryListParams,
    list_key="invoice_item_categories",
    pagination="cursor",
)
INVOICE_ITEM_CATEGORIES_CREATE = post(
    "invoice_item_categories.create",
    "/invoice_item_categories",
    InvoiceItemCategory,
    MANAGER,
    "Create an invoice item category.",
    body=InvoiceItemCategoryCreateParams,
    natural_key=NaturalKey(INVOICE_ITEM_CATEGORIES_LIST, ("name",)),
)
INVOICE_ITEM_CATEGORIES_RETRIEVE = get(
    "invoice_item_categories.retrieve",
    "/invoice_item_categories/{invoice_item_category_id}",
    InvoiceItemCategory,
    MANAGER,
    "Retrieve an invoice item category.",
)
INVOICE_ITEM_CATEGORIES_UPDATE = patch(
    "invoice_item_categories.update",
    "/invoice_item_categories/{invoice_item_category_id}",
    InvoiceItemCategory,
    MANAGER,
    "Rename an invoice item category.",
    body=InvoiceItemCategoryUpdateParams,
)
INVOICE_ITEM_CATEGORIES_DELETE = delete(
    "invoice_item_categories.delete",
    "/invoice_item_categories/{invoice_item_category_id}",
    MANAGER,
    "Delete an invoice item category not used as service or expense.",
)
INVOICES_LIST = get(
    "invoices.list",
    "/invoices",
    Invoice,
    MANAGER,
    "List invoices, most recently issued first.",
    params=InvoiceListParams,
    list_key="invoices",
    pagination="page",
)
INVOICES_CREATE = post(
    "invoices.create",
    "/invoices",
    Invoice,
    MANAGER,
    "Create a free-form invoice with line items.",
    body=InvoiceCreateParams,
    money=True,
)
INVOICES_CREATE_FROM_TRACKED = post(
    "invoices.create_from_tracked",
    "/invoices",
    Invoice,
    MANAGER,
    "Create an invoice from tracked time and expenses (line_items_import).",
    body=InvoiceCreateFromTrackedParams,
    money=True,
)
INVOICES_RETRIEVE = get(
    "invoices.retrieve", "/invoices/{invoice_id}", Invoice, MANAGER, "Retrieve an invoice."
)
INVOICES_UPDATE = patch(
    "invoices.update",
    "/invoices/{invoice_id}",
    Invoice,
    MANAGER,
    "Update an invoice.",
    body=InvoiceUpdateParams,
    money=True,
)
INVOICES_DELETE = delete(
    "invoices.delete", "/invoices/{invoice_id}", MANAGER, "Delete an invoice.", money=True
)
INVOICES_LINE_ITEMS_CREATE = patch(
    "invoices.line_items.create",
    "/invoices/{invoice_id}",
    Invoice,
    MANAGER,
    "Append a line item to an invoice.",
    body=InvoiceLineItemCreateParams,
    money=True,
    idempotent=False,
    wrap="line_items",
)
INVOICES_LINE_ITEMS_UPDATE = patch(
    "invoices.line_items.update",
    "/invoices/{invoice_id}",
    Invoice,
    MANAGER,
    "Update one line item of an invoice.",
    body=InvoiceLineItemUpdateParams,
    money=True,
    wrap="line_items",
)
INVOICES_LINE_ITEMS_DELETE = patch(
    "invoices.line_items.delete",
    "/invoices/{invoice_id}",
    Invoice,
    MANAGER,
    "Delete one line item of an invoice.",
    body=LineItemDeleteParams,
    money=True,
    destructive=True,
    fixed={"_destroy": True},
    wrap="line_items",
)
INVOICES_MESSAGES_LIST = get(
    "invoices.messages.list",
    "/invoices/{invoice_id}/messages",
    InvoiceMessage,
    MANAGER,
    "List the messages sent for an invoice.",
    params=InvoiceMessageListParams,
    list_key="invoice_messages",
    pagination="cursor",
)
INVOICES_MESSAGES_CREATE = post(
    "invoices.messages.create",
    "/invoices/{invoice_id}/messages",
    InvoiceMessage,
    MANAGER,
    "Email an invoice to recipients (a draft becomes open).",
    body=InvoiceMessageCreateParams,
    money=True,
)
INVOICES_MESSAGES_NEW_TEMPLATE = get(
    "invoices.messages.new_template",
    "/invoices/{invoice_id}/messages/new",
    InvoiceMessageSubjectAndBody,
    MANAGER,
    "Retrieve the default subject and body for a new invoice message.",
    params=InvoiceMessageTemplateParams,
)
INVOICES_MESSAGES_DELETE = delete(
    "invoices.messages.delete",
    "/invoices/{invoice_id}/messages/{message_id}",
    MANAGER,
    "Delete an invoice message.",
)
INVOICES_MESSAGES_MARK_SENT = post(
    "invoices.messages.mark_sent",
    "/invoices/{invoice_id}/messages",
    InvoiceMessage,
    MANAGER,
    "Mark a draft invoice as sent (no email).",
    money=True,
    fixed={"event_type": "send"},
)
INVOICES_MESSAGES_MARK_CLOSED = post(
    "invoices.messages.mark_closed",
    "/invoices/{invoice_id}/messages",
    InvoiceMessage,
    MANAGER,
    "Mark an open invoice as closed (written off).",
    money=True,
    fixed={"event_type": "close"},
)
INVOICES_MESSAGES_REOPEN = post(
    "invoices.messages.reopen",
    "/invoices/{invoice_id}/messages",
    InvoiceMessage,
    MANAGER,
    "Re-open a closed invoice.",
    money=True,
    fixed={"event_type": "re-open"},
)
INVOICES_MESSAGES_MARK_DRAFT = post(
    "invoices.messages.mark_draft",
    "/invoices/{invoice_id}/messages",
    InvoiceMessage,
    MANAGER,
    "Return an open invoice to draft.",
    money=True,
    fixed={"event_type": "draft"},
)
INVOICES_PAYMENTS_LIST = get(
    "invoices.payments.list",
    "/invoices/{invoice_id}/payments",
    InvoicePayment,
    MANAGER,
    "List the payments recorded on an invoice.",
    params=InvoicePaymentListParams,
    list_key="invoice_payments",
    pagination="cursor",
)
INVOICES_PAYMENTS_CREATE = post(
    "invoices.payments.create",
    "/invoices/{invoice_id}/payments",
    InvoicePayment,
    MANAGER,
    "Record a payment on an invoice.",
    body=InvoicePaymentCreateParams,
    money=True,
    natural_key=NaturalKey(INVOICES_PAYMENTS_LIST, ("amount", "paid_date", "notes")),
)
INVOICES_PAYMENTS_DELETE = delete(
    "invoices.payments.delete",
    "/invoices/{invoice_id}/payments/{payment_id}",
    MANAGER,
    "Delete an invoice payment.",
    money=True,
)
