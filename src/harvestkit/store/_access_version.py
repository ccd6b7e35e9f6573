"""The access version: one stored number that moves with every change of who may do what.

Grants, API keys and credentials change rarely, but a server checks all three on every
call. So it caches them, and before trusting a cached answer reads this one number: a
change committed by any process (a grant revoked, a key revoked, a credential replaced or
refreshed) bumps it in the same transaction, and every cache sees it on its next read.

On a SQLite file the read goes through a plain ``sqlite3`` connection kept per thread
(a few microseconds, no transaction of the pool); elsewhere through the engine.
"""

from __future__ import annotations

import sqlite3
import threading
from typing import Any

from sqlalchemy import Connection, Engine, select, update

from ._tables import policy_version

__all__ = ["AccessVersion", "bump_access_version"]

_ROW = 1
_READ = select(policy_version.c.version).where(policy_version.c.id == _ROW)
_RAW_READ = "SELECT version FROM hk_policy_version WHERE id = 1"


def bump_access_version(conn: Connection) -> None:
    """Move the version in the transaction that makes the change (both commit, or
    neither)."""
    t = policy_version
    conn.execute(update(t).where(t.c.id == _ROW).values(version=t.c.version + 1))


class AccessVersion:
    """Reads the access version of one engine's database."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._path = _sqlite_file(engine)
        self._local = threading.local()
        self._opened: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    def read(self) -> int:
        """The current version (a committed change by anyone shows from the next read)."""
        if self._path is None:
            with self._engine.connect() as conn:
                return int(conn.execute(_READ).scalar_one())
        raw: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if raw is None:
            # Autocommit: each SELECT is its own read of the newest commit (WAL mode).
            raw = sqlite3.connect(self._path, isolation_level=None, check_same_thread=False)
            self._local.conn = raw
            with self._lock:
                self._opened.append(raw)
        row: Any = raw.execute(_RAW_READ).fetchone()
        return int(row[0])

    def close(self) -> None:
        """Close the per-thread connections (a thread's next read opens a new one)."""
        with self._lock:
            opened, self._opened = self._opened, []
        for raw in opened:
            raw.close()
        self._local = threading.local()


def _sqlite_file(engine: Engine) -> str | None:
    """The file of a plain SQLite URL, or None (another database, in memory, URI options)."""
    url = engine.url
    if url.get_backend_name() != "sqlite" or url.query:
        return None
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return database
