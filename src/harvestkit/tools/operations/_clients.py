"""Clients toolset: the companies the studio works for, and their contacts."""

from __future__ import annotations

from .._tool import CLIENTS
from ._doc import Doc

__all__ = ["DOCS", "TOOLSET"]

TOOLSET = CLIENTS

DOCS: dict[str, Doc] = {
    "clients.list": Doc(
        what="List clients with name, currency and active flag, most recently created first.",
        when="to turn a client's name into its client_id, the filter most other tools "
        "take (projects, invoices, time entries).",
        example={"is_active": True},
        default=True,
    ),
    "clients.retrieve": Doc(
        what="Get one client: name, address, currency and whether it is active.",
        when="to read a client's address or currency, e.g. before drafting an invoice.",
        first="Get the id from harvest_clients_list.",
        example={"client_id": 5735776},
    ),
    "clients.create": Doc(
        what="Create a client with an optional address and currency.",
        when="when work starts for a new customer; then create its projects with "
        "harvest_projects_create.",
        first="Check harvest_clients_list so the client is not created twice.",
        example={"name": "Northwind Traders", "currency": "USD"},
    ),
    "clients.update": Doc(
        what="Change a client's name, address, currency or active flag; fields you leave "
        "out stay as they are.",
        when="to rename a client, correct its address, or archive it (is_active false).",
        first="Get the id from harvest_clients_list.",
        example={"client_id": 5735776, "address": "12 Harbour Road\nPortland, ME 04101"},
    ),
    "clients.delete": Doc(
        what="Delete a client. Harvest refuses while it has projects, invoices or estimates.",
        when="to remove a client created by mistake; archive real clients with "
        "harvest_clients_update and is_active false.",
        first="Get the id from harvest_clients_list.",
        example={"client_id": 5735776, "dry_run": True},
    ),
    "contacts.list": Doc(
        what="List client contacts (people at a client) with name, title and email.",
        when="to find who receives a client's invoices or estimates, e.g. for recipients "
        "of harvest_invoices_send.",
        first="Filter by client_id from harvest_clients_list.",
        example={"client_id": 5735776},
    ),
    "contacts.retrieve": Doc(
        what="Get one client contact: name, title, email and phone numbers.",
        when="to read a contact's details before sending them something.",
        first="Get the id from harvest_contacts_list.",
        example={"contact_id": 4706479},
    ),
    "contacts.create": Doc(
        what="Add a contact person to a client.",
        when="when a client names a new person to receive invoices or estimates.",
        first="Get client_id from harvest_clients_list.",
        example={
            "client_id": 5735776,
            "first_name": "Dana",
            "last_name": "Reyes",
            "email": "dana@northwind.example",
        },
    ),
    "contacts.update": Doc(
        what="Change a contact's name, title, email, phone numbers or client.",
        when="to correct a contact's email or title.",
        first="Get the id from harvest_contacts_list.",
        example={"contact_id": 4706479, "title": "Head of Finance"},
    ),
    "contacts.delete": Doc(
        what="Delete a client contact.",
        when="when the person no longer works with the client.",
        first="Get the id from harvest_contacts_list.",
        example={"contact_id": 4706479, "dry_run": True},
    ),
}
