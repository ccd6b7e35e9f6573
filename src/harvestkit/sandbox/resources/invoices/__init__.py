"""Invoices: the invoice and its line items (`handlers`), its messages and state changes
(`messages`), its payments (`payments`), and line items imported from tracked time and
expenses (`_line_items_import`)."""

from starlette.routing import BaseRoute

from . import handlers, messages, payments

__all__ = ["ROUTES"]

# Messages and payments first: their paths are longer than the invoice's `{id}` routes.
ROUTES: list[BaseRoute] = [*messages.ROUTES, *payments.ROUTES, *handlers.ROUTES]
