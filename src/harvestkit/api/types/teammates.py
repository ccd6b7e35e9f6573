"""Harvest teammates: object models and request parameters."""

from __future__ import annotations

from ._base import HarvestModel, ListParams, Params

__all__ = ["Teammate", "TeammateListParams", "TeammatesUpdate", "TeammatesUpdateParams"]


class Teammate(HarvestModel):
    """A user whose time a manager can see and edit."""

    id: int
    """Unique ID for the teammate"""
    first_name: str | None = None
    """The first name of the teammate"""
    last_name: str | None = None
    """The last name of the teammate"""
    email: str | None = None
    """The email of the teammate"""


class TeammatesUpdate(HarvestModel):
    """The assigned teammates after an update."""

    teammates: list[Teammate] | None = None


class TeammateListParams(ListParams):
    """Query parameters for ``users.teammates.list``."""

    pass


class TeammatesUpdateParams(Params):
    """Replace a user's assigned teammates."""

    teammate_ids: list[int]
    """Full list of user IDs to be assigned to the Manager."""
