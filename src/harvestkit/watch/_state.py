"""What a watch remembers per account between polls (cursors, budget bands), in the store."""

from __future__ import annotations

import json
import time
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from harvestkit.store import Store, watch_state

__all__ = ["WatchState"]


class WatchState:
    """JSON values by key, for one account."""

    def __init__(self, store: Store, account_id: int) -> None:
        self.store = store
        self.account_id = account_id

    def get(self, key: str, default: Any = None) -> Any:
        t = watch_state
        with self.store.read() as conn:
            row = conn.execute(
                select(t.c.value).where(t.c.account_id == self.account_id, t.c.key == key)
            ).first()
        return default if row is None else json.loads(row.value)

    def set(self, key: str, value: Any) -> None:
        t = watch_state
        values = {
            "account_id": self.account_id,
            "key": key,
            "value": json.dumps(value, sort_keys=True),
            "updated_at": time.time(),
        }
        insert = pg_insert if self.store.dialect == "postgresql" else sqlite_insert
        statement = insert(t).values(**values)
        with self.store.transaction() as conn:
            if self.store.dialect in ("postgresql", "sqlite"):
                conn.execute(
                    statement.on_conflict_do_update(
                        index_elements=[t.c.account_id, t.c.key],
                        set_={"value": values["value"], "updated_at": values["updated_at"]},
                    )
                )
            else:  # pragma: no cover - other databases: update, else insert
                done = conn.execute(
                    update(t)
                    .where(t.c.account_id == self.account_id, t.c.key == key)
                    .values(value=values["value"], updated_at=values["updated_at"])
                )
                if not done.rowcount:
                    conn.execute(t.insert().values(**values))
