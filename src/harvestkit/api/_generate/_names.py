"""How table rows map to resource modules, classes and methods.

A row named ``invoices.line_items.create`` belongs to resource ``invoices.line_items``,
which lives in module ``invoice_line_items`` as ``InvoiceLineItems`` and hangs off
``Invoices`` as ``line_items``; its method is ``create``.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import Any

from .. import operations
from ..operations import OPERATIONS, Operation

__all__ = ["Resource", "method_name", "resources", "row_constants"]

# A class may not share its name with a type its module imports: the resource keeps the
# public name it has always had, and the clashing type is imported under an alias.
CLASS_NAMES = {"company": "CompanyResource"}
TYPE_ALIASES = {"Accounts": "AccountList"}

# OAuth2 rows are driven by OAuthClient (a browser redirect and a token exchange), not by
# resource methods.
WITHOUT_METHODS = ("oauth",)


@dataclass(frozen=True)
class Resource:
    """One resource namespace and the rows that are its methods, in table order."""

    name: str
    rows: tuple[Operation[Any], ...]

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(self.name.split("."))

    @property
    def parent(self) -> str | None:
        return ".".join(self.parts[:-1]) or None

    @property
    def attribute(self) -> str:
        """The attribute it hangs off its parent (or the client) by."""
        return self.parts[-1]

    @property
    def module(self) -> str:
        *parents, last = self.parts
        return "_".join([*(_singular(p) for p in parents), last])

    @property
    def class_name(self) -> str:
        return CLASS_NAMES.get(self.name) or "".join(w.title() for w in self.module.split("_"))

    @property
    def identity(self) -> bool:
        return all(row.host == "identity" for row in self.rows)

    def attribute_docstring(self) -> str:
        """The docstring of the attribute it hangs off its parent by (``Line items of one
        invoice.``), or off the client."""
        if self.parent is None:
            return f"The ``{self.name}.*`` operations."
        words = self.attribute.replace("_", " ")
        parent = _singular(self.parts[-2]).replace("_", " ")
        return f"{words[0].upper()}{words[1:]} of one {parent}."


def _singular(plural: str) -> str:
    return plural[:-1] if plural.endswith("s") else plural


def method_name(row: Operation[Any]) -> str:
    return row.name.rsplit(".", 1)[1]


def row_constants() -> dict[int, tuple[str, str]]:
    """Where each row is defined, in the order the table modules define them:
    ``id(row)`` to (module, constant name)."""
    found: dict[int, tuple[str, str]] = {}
    for info in pkgutil.iter_modules(operations.__path__):
        module = importlib.import_module(f"{operations.__name__}.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, Operation) and name in getattr(module, "__all__", ()):
                found[id(value)] = (module.__name__, name)
    return found


def resources() -> list[Resource]:
    """Every resource with methods, sorted by name (parents before their children); the
    methods follow the rows in the order their module defines them (``OPERATIONS`` follows
    the alphabetical ``__all__``)."""
    order = {key: index for index, key in enumerate(row_constants())}
    grouped: dict[str, list[Operation[Any]]] = {}
    for row in sorted(OPERATIONS, key=lambda row: order.get(id(row), -1)):
        resource = row.name.rsplit(".", 1)[0]
        if resource.split(".")[0] not in WITHOUT_METHODS:
            grouped.setdefault(resource, []).append(row)
    return [Resource(name, tuple(rows)) for name, rows in sorted(grouped.items())]
