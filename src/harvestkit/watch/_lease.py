"""Which worker polls an account: a lease in the store.

A worker takes the account's lease for ``ttl`` seconds before polling and gives it back
after; another worker finding it held skips that poll. The read-and-write of the lease
row runs under the store's named lock (PostgreSQL's advisory lock, Redis, or a lock file
beside SQLite), so two workers can never both take it. A worker killed while holding it
blocks the account for at most ``ttl``.

The lease saves duplicate work; it is not what makes notifications exactly-once. That
rests on the notification log's unique key per account and on conditional updates of
deliveries and approvals, which hold even if a lease ran out under a slow worker.
"""

from __future__ import annotations

import json
import os
import socket
import time
from collections.abc import Callable

from sqlalchemy import select

from harvestkit.store import Store, watch_state

__all__ = ["Lease"]

_KEY = "lease"


class Lease:
    """One worker's hold on one account's polling."""

    def __init__(
        self,
        store: Store,
        account_id: int,
        *,
        ttl: float,
        holder: str | None = None,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.account_id = account_id
        self.ttl = ttl
        self.holder = holder or f"{socket.gethostname()}:{os.getpid()}:{id(self):x}"
        self.wall = wall

    def take(self) -> bool:
        """Take (or renew) the lease; False when another worker holds it."""
        return self._swap(take=True)

    def give_back(self) -> None:
        self._swap(take=False)

    def _swap(self, *, take: bool) -> bool:
        t = watch_state
        now = self.wall()
        where = (t.c.account_id == self.account_id) & (t.c.key == _KEY)
        with self.store.locked(f"watch-lease:{self.account_id}") as conn:
            row = conn.execute(select(t.c.value).where(where)).first()
            held = json.loads(row.value) if row is not None else None
            mine = held is not None and held["holder"] == self.holder
            free = held is None or held["until"] <= now or mine
            if take and not free:
                return False
            if not take and not mine:
                return False
            value = json.dumps({"holder": self.holder, "until": now + self.ttl if take else 0})
            if row is None:
                conn.execute(
                    t.insert().values(
                        account_id=self.account_id, key=_KEY, value=value, updated_at=now
                    )
                )
            else:
                conn.execute(t.update().where(where).values(value=value, updated_at=now))
            return True
