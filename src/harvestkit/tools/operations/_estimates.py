"""Estimates toolset: estimates, their line items and messages, and item categories."""

from __future__ import annotations

from .._tool import ESTIMATES
from ._doc import Doc

__all__ = ["DOCS", "TOOLSET"]

TOOLSET = ESTIMATES

DOCS: dict[str, Doc] = {
    "estimates.list": Doc(
        what="List estimates with number, client, subject, state (draft, sent, accepted, "
        "declined) and amount, most recently issued first.",
        when="to find open proposals for a client or an estimate's id.",
        first="Filter by client_id from harvest_clients_list; state takes draft, sent, "
        "accepted or declined.",
        example={"state": "sent"},
    ),
    "estimates.retrieve": Doc(
        what="Get one estimate with its line items, taxes, discount and state dates.",
        when="to read what an estimate proposes, or a line item's id before changing it.",
        first="Get the id from harvest_estimates_list.",
        example={"estimate_id": 1439818},
    ),
    "estimates.create": Doc(
        what="Create a draft estimate for a client with line items (kind, description, "
        "quantity, unit_price).",
        when="to propose work and its price to a client before a project starts.",
        first="Get client_id from harvest_clients_list and kinds from "
        "harvest_estimate_item_categories_list.",
        example={
            "client_id": 5735776,
            "subject": "Brand refresh proposal",
            "line_items": [
                {"kind": "Service", "description": "Design", "quantity": 40, "unit_price": 120}
            ],
        },
    ),
    "estimates.update": Doc(
        what="Change an estimate's subject, notes, number, issue date, taxes, discount or "
        "currency; line items change with the harvest_estimates_line_items_* tools.",
        when="to revise a proposal before the client answers.",
        first="Get the id from harvest_estimates_list.",
        example={"estimate_id": 1439818, "discount": 10},
    ),
    "estimates.delete": Doc(
        what="Delete an estimate and its history.",
        when="to discard a proposal made by mistake; prefer harvest_estimates_mark_declined "
        "for ones the client turned down.",
        first="Get the id from harvest_estimates_list.",
        example={"estimate_id": 1439818, "dry_run": True},
    ),
    "estimates.line_items.create": Doc(
        what="Append one line item to an estimate.",
        when="to add a piece of work to a proposal.",
        first="Get estimate_id from harvest_estimates_list.",
        example={
            "estimate_id": 1439818,
            "kind": "Service",
            "description": "Copywriting",
            "quantity": 8,
            "unit_price": 95,
        },
    ),
    "estimates.line_items.update": Doc(
        what="Change one line item of an estimate: description, quantity, unit price, kind "
        "or tax flags.",
        when="to adjust hours or price of one part of a proposal.",
        first="Get the line item's id from harvest_estimates_get (line_items[].id).",
        example={"estimate_id": 1439818, "id": 53339199, "quantity": 32},
    ),
    "estimates.line_items.delete": Doc(
        what="Remove one line item from an estimate.",
        when="to drop a part of a proposal the client does not want.",
        first="Get the line item's id from harvest_estimates_get (line_items[].id).",
        example={"estimate_id": 1439818, "id": 53339199, "dry_run": True},
    ),
    "estimates.messages.list": Doc(
        what="List an estimate's messages and events: emails sent and state changes.",
        when="to see when an estimate was sent, accepted or declined.",
        first="Get estimate_id from harvest_estimates_list.",
        example={"estimate_id": 1439818},
    ),
    "estimates.messages.create": Doc(
        what="Email an estimate to the given recipients; a draft becomes sent.",
        when="when the person asked to send a proposal to the client.",
        first="Get estimate_id from harvest_estimates_list and recipients from "
        "harvest_contacts_list.",
        example={
            "estimate_id": 1439818,
            "recipients": [{"name": "Dana Reyes", "email": "dana@northwind.example"}],
            "subject": "Our proposal",
        },
    ),
    "estimates.messages.delete": Doc(
        what="Delete one message or event from an estimate's history.",
        when="to clean up an estimate's history, e.g. an accept recorded twice; the client "
        "keeps any email already sent.",
        first="Get the ids from harvest_estimates_messages_list.",
        example={"estimate_id": 1439818, "message_id": 2666240, "dry_run": True},
    ),
    "estimates.messages.mark_sent": Doc(
        what="Mark a draft estimate as sent without emailing it.",
        when="when the proposal was delivered outside Harvest.",
        first="Get estimate_id from harvest_estimates_list (state draft).",
        example={"estimate_id": 1439818, "confirm": True},
    ),
    "estimates.messages.mark_accepted": Doc(
        what="Mark a sent estimate as accepted by the client.",
        when="when the client agreed to the proposal; then set up the project with "
        "harvest_projects_create.",
        first="Get estimate_id from harvest_estimates_list (state sent).",
        example={"estimate_id": 1439818, "confirm": True},
    ),
    "estimates.messages.mark_declined": Doc(
        what="Mark a sent estimate as declined by the client.",
        when="when the client turned the proposal down.",
        first="Get estimate_id from harvest_estimates_list (state sent).",
        example={"estimate_id": 1439818, "confirm": True},
    ),
    "estimates.messages.reopen": Doc(
        what="Re-open an accepted or declined estimate so it is sent again.",
        when="when the client's answer was recorded by mistake or they reconsider.",
        first="Get estimate_id from harvest_estimates_list (state accepted or declined).",
        example={"estimate_id": 1439818, "confirm": True},
    ),
    "estimate_item_categories.list": Doc(
        what="List estimate item categories (line item kinds for estimates).",
        when="to pick a valid kind for estimate line items.",
        example={"per_page": 50},
    ),
    "estimate_item_categories.retrieve": Doc(
        what="Get one estimate item category by id.",
        when="to check a category's name before renaming it.",
        first="Get the id from harvest_estimate_item_categories_list.",
        example={"estimate_item_category_id": 1378704},
    ),
    "estimate_item_categories.create": Doc(
        what="Create an estimate item category (a new line item kind for estimates).",
        when="when estimates need a kind that harvest_estimate_item_categories_list lacks; "
        "administrators only.",
        example={"name": "Research"},
    ),
    "estimate_item_categories.update": Doc(
        what="Rename an estimate item category.",
        when="to fix a kind's name; administrators only.",
        first="Get the id from harvest_estimate_item_categories_list.",
        example={"estimate_item_category_id": 1378704, "name": "Discovery"},
    ),
    "estimate_item_categories.delete": Doc(
        what="Delete an estimate item category.",
        when="to remove a kind created by mistake; administrators only.",
        first="Get the id from harvest_estimate_item_categories_list.",
        example={"estimate_item_category_id": 1378704, "dry_run": True},
    ),
}
