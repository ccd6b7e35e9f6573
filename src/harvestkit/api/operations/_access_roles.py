"""Minimum Harvest access roles, as named in the operation table."""

from __future__ import annotations

from typing import Final

from ._operation import Role

__all__ = ["ADMIN", "MANAGER", "MEMBER"]

MEMBER: Final[Role] = "member"
"""Any user: tracks own time and expenses."""
MANAGER: Final[Role] = "manager"
"""A manager with the permission the operation needs (or an administrator)."""
ADMIN: Final[Role] = "administrator"
"""Administrators only."""
