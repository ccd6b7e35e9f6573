"""Incremental reads: what changed since the last poll, by Harvest's ``updated_since``.

The cursor is the newest ``updated_at`` Harvest showed us (not our own clock, which may
disagree with Harvest's). ``updated_since`` includes that instant, so the newest record
comes back once more next time; rules are idempotent per record, so that costs nothing
but a row. The cursor is saved only after the rule has recorded what it noticed, so a
worker killed mid-poll reads the same changes again rather than losing them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar

from harvestkit.api.operations import Operation
from harvestkit.tools.outcomes._common import collect

from ._check import Check

__all__ = ["changed", "save_cursor"]

R = TypeVar("R")


async def changed(check: Check, op: Operation[R], cursor_key: str, **filters: Any) -> list[R]:
    """Records of list operation ``op`` updated since the saved cursor (all on first use)."""
    cursor = check.state.get(cursor_key)
    if cursor is not None:
        filters["updated_since"] = datetime.fromisoformat(cursor)
    return await collect(check.ctx.harvest, op, **filters)


def save_cursor(check: Check, cursor_key: str, records: list[Any]) -> None:
    """Move the cursor to the newest ``updated_at`` among ``records`` (if any is newer)."""
    stamps = [r.updated_at for r in records if getattr(r, "updated_at", None) is not None]
    if not stamps:
        return
    newest = max(stamps)
    old = check.state.get(cursor_key)
    if old is None or newest > datetime.fromisoformat(old):
        check.state.set(cursor_key, newest.isoformat())
