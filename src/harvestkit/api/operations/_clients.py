"""Operation table rows: clients, their contacts, and the company."""

from __future__ import annotations

from ..types.clients import Client, ClientCreateParams, ClientListParams, ClientUpdateParams
from ..types.company import Company, CompanyUpdateParams
from ..types.contacts import Contact, ContactCreateParams, ContactListParams, ContactUpdateParams
from ._access_roles import ADMIN, MANAGER, MEMBER
from ._operation import NaturalKey, delete, get, patch, post

__all__ = [
    "CLIENTS_CREATE",
    "CLIENTS_DELETE",
    "CLIENTS_LIST",
    "CLIENTS_RETRIEVE",
    "CLIENTS_UPDATE",
    "COMPANY_RETRIEVE",
    "COMPANY_UPDATE",
    "CONTACTS_CREATE",
    "CONTACTS_DELETE",
    "CONTACTS_LIST",
    "CONTACTS_RETRIEVE",
    "CONTACTS_UPDATE",
]

CLIENTS_LIST = get(
    "clients.list",
    "/clients",
    Client,
    MANAGER,
    "List clients, most recently created first.",
    params=ClientListParams,
    list_key="clients",
    pagination="cursor",
)
CLIENTS_CREATE = post(
    "clients.create",
    "/clients",
    Client,
    MANAGER,
    "Create a client.",
    body=ClientCreateParams,
    natural_key=NaturalKey(CLIENTS_LIST, ("name",)),
)
CLIENTS_RETRIEVE = get(
    "clients.retrieve", "/clients/{client_id}", Client, MANAGER, "Retrieve a client."
)
CLIENTS_UPDATE = patch(
    "clients.update",
    "/clients/{client_id}",
    Client,
    MANAGER,
    "Update a client; omitted fields are left unchanged.",
    body=ClientUpdateParams,
)
CLIENTS_DELETE = delete(
    "clients.delete",
    "/clients/{client_id}",
    MANAGER,
    "Delete a client that has no projects, invoices or estimates.",
)
COMPANY_RETRIEVE = get(
    "company.retrieve",
    "/company",
    Company,
    MEMBER,
    "Retrieve the company of the authenticated user.",
)
COMPANY_UPDATE = patch(
    "company.update",
    "/company",
    Company,
    ADMIN,
    "Update the company's timer mode or weekly capacity.",
    body=CompanyUpdateParams,
)
CONTACTS_LIST = get(
    "contacts.list",
    "/contacts",
    Contact,
    MANAGER,
    "List client contacts, most recently created first.",
    params=ContactListParams,
    list_key="contacts",
    pagination="cursor",
)
CONTACTS_CREATE = post(
    "contacts.create",
    "/contacts",
    Contact,
    MANAGER,
    "Create a client contact.",
    body=ContactCreateParams,
    natural_key=NaturalKey(CONTACTS_LIST, ("client_id", "first_name", "last_name", "email")),
)
CONTACTS_RETRIEVE = get(
    "contacts.retrieve", "/contacts/{contact_id}", Contact, MANAGER, "Retrieve a client contact."
)
CONTACTS_UPDATE = patch(
    "contacts.update",
    "/contacts/{contact_id}",
    Contact,
    MANAGER,
    "Update a client contact.",
    body=ContactUpdateParams,
)
CONTACTS_DELETE = delete(
    "contacts.delete", "/contacts/{contact_id}", MANAGER, "Delete a client contact."
)
