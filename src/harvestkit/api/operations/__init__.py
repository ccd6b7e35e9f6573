"""The operation table: every Harvest API v2 operation, once, as plain data.

``OPERATIONS`` lists the 130 documented API operations (113 routes plus the logical
operations that share a route) followed by the identity-service rows. SDK resource
methods name their row; the agent tool layer derives one tool per row. Each row is also
a constant here (``TIME_ENTRIES_CREATE``): ``AsyncHarvest.call(TIME_ENTRIES_CREATE, …)``
returns the row's model, typed.
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
from ._clients import *  # noqa: F403
from ._estimates import *  # noqa: F403
from ._expenses import *  # noqa: F403
from ._identity import *  # noqa: F403
from ._invoices import *  # noqa: F403
from ._operation import Bucket, Host, Method, NaturalKey, Operation, Pagination, Role
from ._projects import *  # noqa: F403
from ._reports import *  # noqa: F403
from ._time_entries import *  # noqa: F403
from ._users import *  # noqa: F403

__all__ = [
    "API_OPERATIONS",
    "IDENTITY_OPERATIONS",
    "OPERATIONS",
    "OPERATIONS_BY_NAME",
    "Bucket",
    "Host",
    "Method",
    "NaturalKey",
    "Operation",
    "Pagination",
    "Role",
    "operation",
]
# The row constants, one module per resource family.
__all__ += _clients.__all__
__all__ += _estimates.__all__
__all__ += _expenses.__all__
__all__ += _identity.__all__
__all__ += _invoices.__all__
__all__ += _projects.__all__
__all__ += _reports.__all__
__all__ += _time_entries.__all__
__all__ += _users.__all__


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
