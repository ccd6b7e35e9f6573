"""The record that describes one Harvest operation."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar

from ..types._base import Params

__all__ = [
    "Bucket",
    "Host",
    "Method",
    "NaturalKey",
    "Operation",
    "Pagination",
    "Role",
    "delete",
    "get",
    "patch",
    "post",
]

R = TypeVar("R")
Method = Literal["GET", "POST", "PATCH", "DELETE"]
Pagination = Literal["page", "cursor"]
Bucket = Literal["general", "reports"]
Role = Literal["member", "manager", "administrator"]
Host = Literal["api", "identity"]

_PATH_PARAM = re.compile(r"{(\w+)}")


@dataclass(frozen=True)
class NaturalKey:
    """How to find the record a create made when its response was lost: list ``list_op`` (the
    same collection) and match the body ``fields`` that identify the record."""

    list_op: Operation[Any]
    fields: tuple[str, ...]


# Compared and hashed by identity: each row is one module constant, and a tool's
# declared rows are looked up in sets.
@dataclass(frozen=True, eq=False)
class Operation(Generic[R]):
    """One row of the operation table.

    ``params`` is the query model, ``body`` the JSON body model; ``fixed`` holds body
    fields the operation always sends (an ``event_type``, ``is_active: false``) and
    ``wrap`` names the list a single item is sent in (``{"line_items": [item]}``).
    For list operations ``result`` is the item model and ``list_key`` the envelope key.
    A create with a ``natural_key`` can be recovered after a lost response (``_recovery``).
    """

    name: str
    method: Method
    path: str
    summary: str
    result: type[R] | None
    params: type[Params] | None
    body: type[Params] | None
    list_key: str | None
    pagination: Pagination | None
    bucket: Bucket
    role: Role
    read_only: bool
    destructive: bool
    moves_money: bool
    idempotent: bool
    host: Host = "api"
    fixed: Mapping[str, Any] = field(default_factory=dict)
    wrap: str | None = None
    natural_key: NaturalKey | None = None

    @property
    def path_params(self) -> tuple[str, ...]:
        """Names of the ``{placeholders}`` in ``path``, in order."""
        return tuple(_PATH_PARAM.findall(self.path))

    @property
    def is_list(self) -> bool:
        """Whether the operation returns a paginated list."""
        return self.list_key is not None and self.pagination is not None


def _bucket(path: str) -> Bucket:
    return "reports" if path.startswith("/reports/") else "general"


def get(
    name: str,
    path: str,
    result: type[R],
    role: Role,
    summary: str,
    *,
    params: type[Params] | None = None,
    list_key: str | None = None,
    pagination: Pagination | None = None,
    host: Host = "api",
) -> Operation[R]:
    """A read: never destructive, safe to retry."""
    return Operation(
        name, "GET", path, summary, result, params, None, list_key, pagination, _bucket(path),
        role, read_only=True, destructive=False, moves_money=False, idempotent=True, host=host,
    )  # fmt: skip


def post(
    name: str,
    path: str,
    result: type[R],
    role: Role,
    summary: str,
    *,
    body: type[Params] | None = None,
    money: bool = False,
    destructive: bool = False,
    fixed: Mapping[str, Any] | None = None,
    host: Host = "api",
    natural_key: NaturalKey | None = None,
) -> Operation[R]:
    """A create: not idempotent, so retried only when it provably did not happen."""
    return Operation(
        name, "POST", path, summary, result, None, body, None, None, _bucket(path), role,
        read_only=False, destructive=destructive, moves_money=money, idempotent=False,
        host=host, fixed=fixed or {}, natural_key=natural_key,
    )  # fmt: skip


def patch(
    name: str,
    path: str,
    result: type[R],
    role: Role,
    summary: str,
    *,
    body: type[Params] | None = None,
    money: bool = False,
    destructive: bool = False,
    idempotent: bool = True,
    fixed: Mapping[str, Any] | None = None,
    wrap: str | None = None,
) -> Operation[R]:
    """An update: idempotent unless it appends (line items) or starts something new."""
    return Operation(
        name, "PATCH", path, summary, result, None, body, None, None, _bucket(path), role,
        read_only=False, destructive=destructive, moves_money=money, idempotent=idempotent,
        fixed=fixed or {}, wrap=wrap,
    )  # fmt: skip


def delete(
    name: str, path: str, role: Role, summary: str, *, money: bool = False
) -> Operation[None]:
    """A delete: destructive and idempotent (a repeat finds nothing left to delete)."""
    return Operation(
        name, "DELETE", path, summary, None, None, None, None, None, _bucket(path), role,
        read_only=False, destructive=True, moves_money=money, idempotent=True,
    )  # fmt: skip
