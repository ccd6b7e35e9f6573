"""Approvals: a plan waits in the store until a person approves or declines it.

Anything that proposes work a person must agree to first (the watch worker's accepted
estimates; receipts) calls ``ApprovalStore.propose`` with the tool, its arguments and the
exact plan shown to the person. ``claim`` moves a pending request to ``running`` in one
conditional update, so two people (or two processes) approving at once run it once;
``finish`` records how it ended. Titles are our own words; text from Harvest goes in
``details``, kept apart as data.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Row, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..store import Store, approvals
from ._redact import canonical_json

__all__ = ["Approval", "ApprovalState", "ApprovalStore"]

ApprovalState = Literal["pending", "running", "approved", "declined", "refused", "failed"]
FINAL: tuple[ApprovalState, ...] = ("approved", "declined", "refused", "failed")


@dataclass(frozen=True)
class Approval:
    """One request for approval. ``plan`` is exactly what the person was shown."""

    id: int
    kind: str
    account_id: int | None
    title: str
    arguments: dict[str, Any]
    plan: Any
    details: list[dict[str, str]]
    state: ApprovalState
    source: str | None
    result: Any
    created_at: float
    decided_at: float | None
    decided_by: str | None

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return dict(self.__dict__)


def _approval(row: Row[Any]) -> Approval:
    m = row._mapping
    return Approval(
        id=m["id"],
        kind=m["kind"],
        account_id=m["account_id"],
        title=m["title"],
        arguments=json.loads(m["arguments"]),
        plan=json.loads(m["plan"]),
        details=json.loads(m["details"]),
        state=m["state"],
        source=m["source"],
        result=None if m["result"] is None else json.loads(m["result"]),
        created_at=m["created_at"],
        decided_at=m["decided_at"],
        decided_by=m["decided_by"],
    )


class ApprovalStore:
    """Propose, list, claim and finish approval requests."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def propose(
        self,
        kind: str,
        *,
        title: str,
        arguments: Mapping[str, Any],
        plan: Any,
        details: Sequence[Mapping[str, str]] = (),
        account_id: int | None = None,
        source: str | None = None,
        at: float | None = None,
    ) -> tuple[Approval, bool]:
        """Store a pending request; return it and whether it is new.

        ``source`` names what proposed it ("estimate 123 accepted"): a second proposal from
        the same source returns the first request instead of adding one.
        """
        values = {
            "kind": kind,
            "account_id": account_id,
            "title": title,
            "arguments": canonical_json(dict(arguments)),
            "plan": canonical_json(plan),
            "details": canonical_json([dict(d) for d in details]),
            "state": "pending",
            "source": source,
            "created_at": time.time() if at is None else at,
        }
        try:
            with self.store.transaction() as conn:
                new_id = conn.execute(
                    insert(approvals).values(**values).returning(approvals.c.id)
                ).scalar_one()
        except IntegrityError:
            if source is None:
                raise
            existing = self.by_source(source)
            assert existing is not None  # the unique source is what refused the insert
            return existing, False
        found = self.get(int(new_id))
        assert found is not None
        return found, True

    def get(self, approval_id: int) -> Approval | None:
        """The request with this id."""
        with self.store.read() as conn:
            row = conn.execute(select(approvals).where(approvals.c.id == approval_id)).first()
        return None if row is None else _approval(row)

    def by_source(self, source: str) -> Approval | None:
        """The request proposed by ``source``."""
        with self.store.read() as conn:
            row = conn.execute(select(approvals).where(approvals.c.source == source)).first()
        return None if row is None else _approval(row)

    def list(self, *, state: str | None = None, limit: int = 100) -> list[Approval]:
        """Requests, newest first; only those in ``state`` when given."""
        query = select(approvals).order_by(approvals.c.id.desc()).limit(limit)
        if state is not None:
            query = query.where(approvals.c.state == state)
        with self.store.read() as conn:
            return [_approval(row) for row in conn.execute(query)]

    def claim(self, approval_id: int, *, by: str) -> bool:
        """Move a pending request to ``running``; False if it was not pending (someone else
        decided it, or it is running already)."""
        return self._move(approval_id, "pending", "running", by=by)

    def decline(self, approval_id: int, *, by: str, reason: str | None = None) -> bool:
        """Decline a pending request; False if it was not pending."""
        result = {"reason": reason} if reason else None
        return self._move(approval_id, "pending", "declined", by=by, result=result)

    def finish(
        self, approval_id: int, state: ApprovalState, *, by: str, result: Any = None
    ) -> bool:
        """Record how a running request ended (approved, refused or failed)."""
        return self._move(approval_id, "running", state, by=by, result=result)

    def _move(
        self,
        approval_id: int,
        old: ApprovalState,
        new: ApprovalState,
        *,
        by: str,
        result: Any = None,
    ) -> bool:
        values: dict[str, Any] = {"state": new, "decided_by": by, "decided_at": time.time()}
        if result is not None:
            values["result"] = canonical_json(result)
        with self.store.transaction() as conn:
            moved = conn.execute(
                update(approvals)
                .where(approvals.c.id == approval_id, approvals.c.state == old)
                .values(**values)
            )
            return bool(moved.rowcount)
