"""Harvest roles: object models and request parameters."""

from __future__ import annotations

from datetime import datetime

from ._base import HarvestModel, ListParams, Params

__all__ = ["Role", "RoleCreateParams", "RoleListParams", "RoleUpdateParams"]


class Role(HarvestModel):
    """A named group of users."""

    id: int
    """Unique ID for the role."""
    name: str | None = None
    """The name of the role."""
    user_ids: list[int] | None = None
    """The IDs of the users assigned to this role."""
    created_at: datetime | None = None
    """Date and time the role was created."""
    updated_at: datetime | None = None
    """Date and time the role was last updated."""


class RoleListParams(ListParams):
    """Query parameters for ``roles.list``."""

    pass


class RoleCreateParams(Params):
    """Create a role."""

    name: str
    """The name of the role."""
    user_ids: list[int] | None = None
    """The IDs of the users assigned to this role."""


class RoleUpdateParams(Params):
    """Update a role and its users."""

    name: str | None = None
    """The name of the role."""
    user_ids: list[int] | None = None
    """The IDs of the users assigned to this role."""
