"""Operation table rows: estimates, their line items and messages, and item categories."""

from __future__ import annotations

from ..types._base import LineItemDeleteParams
from ..types.estimate_messages import (
    EstimateMessage,
    EstimateMessageCreateParams,
    EstimateMessageListParams,
)
from ..types.estimates import (
    Estimate,
    EstimateCreateParams,
    EstimateLineItemCreateParams,
    EstimateLineItemUpdateParams,
    EstimateListParams,
    EstimateUpdateParams,
)
from ..types.item_categories import (
    EstimateItemCategory,
    EstimateItemCategoryCreateParams,
    EstimateItemCategoryListParams,
    EstimateItemCategoryUpdateParams,
)
from ._access_roles import ADMIN, MANAGER
from ._operation import NaturalKey, delete, get, patch, post

__all__ = [
    "ESTIMATES_CREATE",
    "ESTIMATES_DELETE",
    "ESTIMATES_LINE_ITEMS_CREATE",
    "ESTIMATES_LINE_ITEMS_DELETE",
    "ESTIMATES_LINE_ITEMS_UPDATE",
    "ESTIMATES_LIST",
    "ESTIMATES_MESSAGES_CREATE",
    "ESTIMATES_MESSAGES_DELETE",
    "ESTIMATES_MESSAGES_LIST",
    "ESTIMATES_MESSAGES_MARK_ACCEPTED",
    "ESTIMATES_MESSAGES_MARK_DECLINED",
    "ESTIMATES_MESSAGES_MARK_SENT",
    "ESTIMATES_MESSAGES_REOPEN",
    "ESTIMATES_RETRIEVE",
    "ESTIMATES_UPDATE",
    "ESTIMATE_ITEM_CATEGORIES_CREATE",
    "ESTIMATE_ITEM_CATEGORIES_DELETE",
    "ESTIMATE_ITEM_CATEGORIES_LIST",
    "ESTIMATE_ITEM_CATEGORIES_RETRIEVE",
    "ESTIMATE_ITEM_CATEGORIES_UPDATE",
]

ESTIMATE_ITEM_CATEGORIES_LIST = get(
    "estimate_item_categories.list",
    "/estimate_item_categories",
    EstimateItemCategory,
    ADMIN,
    "List estimate item categories.",
    params=EstimateItemCategoryListParams,
    list_key="estimate_item_categories",
    pagination="cursor",
)
ESTIMATE_ITEM_CATEGORIES_CREATE = post(
    "estimate_item_categories.create",
    "/estimate_item_categories",
    EstimateItemCategory,
    ADMIN,
    "Create an estimate item category.",
    body=EstimateItemCategoryCreateParams,
    natural_key=NaturalKey(ESTIMATE_ITEM_CATEGORIES_LIST, ("name",)),
)
ESTIMATE_ITEM_CATEGORIES_RETRIEVE = get(
    "estimate_item_categories.retrieve",
    "/estimate_item_categories/{estimate_item_category_id}",
    EstimateItemCategory,
    ADMIN,
    "Retrieve an estimate item category.",
)
ESTIMATE_ITEM_CATEGORIES_UPDATE = patch(
    "estimate_item_categories.update",
    "/estimate_item_categories/{estimate_item_category_id}",
    EstimateItemCategory,
    ADMIN,
    "Rename an estimate item category.",
    body=EstimateItemCategoryUpdateParams,
)
ESTIMATE_ITEM_CATEGORIES_DELETE = delete(
    "estimate_item_categories.delete",
    "/estimate_item_categories/{estimate_item_category_id}",
    ADMIN,
    "Delete an estimate item category.",
)
ESTIMATES_LIST = get(
    "estimates.list",
    "/estimates",
    Estimate,
    MANAGER,
    "List estimates, most recently issued first.",
    params=EstimateListParams,
    list_key="estimates",
    pagination="page",
)
ESTIMATES_CREATE = post(
    "estimates.create",
    "/estimates",
    Estimate,
    MANAGER,
    "Create an estimate with line items.",
    body=EstimateCreateParams,
)
ESTIMATES_RETRIEVE = get(
    "estimates.retrieve", "/estimates/{estimate_id}", Estimate, MANAGER, "Retrieve an estimate."
)
ESTIMATES_UPDATE = patch(
    "estimates.update",
    "/estimates/{estimate_id}",
    Estimate,
    MANAGER,
    "Update an estimate.",
    body=EstimateUpdateParams,
)
ESTIMATES_DELETE = delete(
    "estimates.delete", "/estimates/{estimate_id}", MANAGER, "Delete an estimate."
)
ESTIMATES_LINE_ITEMS_CREATE = patch(
    "estimates.line_items.create",
    "/estimates/{estimate_id}",
    Estimate,
    MANAGER,
    "Append a line item to an estimate.",
    body=EstimateLineItemCreateParams,
    idempotent=False,
    wrap="line_items",
)
ESTIMATES_LINE_ITEMS_UPDATE = patch(
    "estimates.line_items.update",
    "/estimates/{estimate_id}",
    Estimate,
    MANAGER,
    "Update one line item of an estimate.",
    body=EstimateLineItemUpdateParams,
    wrap="line_items",
)
ESTIMATES_LINE_ITEMS_DELETE = patch(
    "estimates.line_items.delete",
    "/estimates/{estimate_id}",
    Estimate,
    MANAGER,
    "Delete one line item of an estimate.",
    body=LineItemDeleteParams,
    destructive=True,
    fixed={"_destroy": True},
    wrap="line_items",
)
ESTIMATES_MESSAGES_LIST = get(
    "estimates.messages.list",
    "/estimates/{estimate_id}/messages",
    EstimateMessage,
    MANAGER,
    "List the messages sent for an estimate.",
    params=EstimateMessageListParams,
    list_key="estimate_messages",
    pagination="cursor",
)
ESTIMATES_MESSAGES_CREATE = post(
    "estimates.messages.create",
    "/estimates/{estimate_id}/messages",
    EstimateMessage,
    MANAGER,
    "Email an estimate to recipients.",
    body=EstimateMessageCreateParams,
)
ESTIMATES_MESSAGES_DELETE = delete(
    "estimates.messages.delete",
    "/estimates/{estimate_id}/messages/{message_id}",
    MANAGER,
    "Delete an estimate message.",
)
ESTIMATES_MESSAGES_MARK_SENT = post(
    "estimates.messages.mark_sent",
    "/estimates/{estimate_id}/messages",
    EstimateMessage,
    MANAGER,
    "Mark a draft estimate as sent (no email).",
    fixed={"event_type": "send"},
)
ESTIMATES_MESSAGES_MARK_ACCEPTED = post(
    "estimates.messages.mark_accepted",
    "/estimates/{estimate_id}/messages",
    EstimateMessage,
    MANAGER,
    "Mark a sent estimate as accepted.",
    fixed={"event_type": "accept"},
)
ESTIMATES_MESSAGES_MARK_DECLINED = post(
    "estimates.messages.mark_declined",
    "/estimates/{estimate_id}/messages",
    EstimateMessage,
    MANAGER,
    "Mark a sent estimate as declined.",
    fixed={"event_type": "decline"},
)
ESTIMATES_MESSAGES_REOPEN = post(
    "estimates.messages.reopen",
    "/estimates/{estimate_id}/messages",
    EstimateMessage,
    MANAGER,
    "Re-open an accepted or declined estimate.",
    fixed={"event_type": "re-open"},
)
