"""The operation table: every Harvest API v2 operation, once, as plain data.

``OPERATIONS`` lists the 130 documented API operations (113 routes plus the logical
operations that share a route) followed by the identity-service rows. SDK resource
methods name their row; the agent tool layer derives one tool per row.
"""

from __future__ import annotations

from typing import Any

from . import (
    _clients,
    _estimates,
    _expenses,
    _identity,
    _invoices,
    _projects,
    _reports,
    _time_entries,
    _users,
)
from ._operation import Bucket, Host, Method, Operation, Pagination, Role

__all__ = [
    "API_OPERATIONS",
    "IDENTITY_OPERATIONS",
    "OPERATIONS",
    "OPERATIONS_BY_NAME",
    "Bucket",
    "Host",
    "Method",
    "Operation",
    "Pagination",
    "Role",
    "operation",
]


def _rows(module: Any) -> list[Operation[Any]]:
    return [getattr(module, name) for name in module.__all__]


API_OPERATIONS: tuple[Operation[Any], ...] = tuple(
    row
    for module in (
        _clients,
        _projects,
        _time_entries,
        _invoices,
        _estimates,
        _expenses,
        _users,
        _reports,
    )
    for row in _rows(module)
)
IDENTITY_OPERATIONS: tuple[Operation[Any], ...] = tuple(_rows(_identity))
OPERATIONS: tuple[Operation[Any], ...] = API_OPERATIONS + IDENTITY_OPERATIONS
OPERATIONS_BY_NAME: dict[str, Operation[Any]] = {row.name: row for row in OPERATIONS}


def operation(name: str) -> Operation[Any]:
    """Return the table row called ``name`` (e.g. ``"time_entries.create"``)."""
    return OPERATIONS_BY_NAME[name]
