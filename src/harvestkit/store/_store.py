"""The ``Store``: an engine, its migrations, and transactions that hold a named lock."""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, text

from ._engine import REDIS_URL_ENV, default_database_url, make_engine
from ._locks import RedisLock

__all__ = ["Store", "open_store"]

_ALEMBIC_DIR = Path(__file__).parent / "alembic"


class Store:
    """harvestkit's database.

    ``locked(name)`` is the one way to do read-then-write work that several threads,
    processes or hosts may attempt at once (token refresh, audit append). It chooses the
    strongest lock the deployment offers:

    - a Redis lock when a Redis URL is configured (every host sharing that Redis);
    - else PostgreSQL's ``pg_advisory_xact_lock``, released when the transaction ends;
    - else SQLite's ``BEGIN IMMEDIATE``, the file's write lock (single host).

    ``transaction()`` is for writes, ``read()`` for reads only.
    """

    def __init__(
        self,
        url: str | None = None,
        *,
        schema: str | None = None,
        redis_url: str | None = None,
        migrate: bool = True,
    ) -> None:
        self.url = url or default_database_url()
        self.schema = schema
        self.engine: Engine = make_engine(self.url, schema=schema)
        self.dialect = self.engine.dialect.name
        self._redis_lock: RedisLock | None = None
        if redis_url:
            import redis  # optional dependency: only needed when a Redis URL is set

            self._redis_lock = RedisLock(redis.Redis.from_url(redis_url))
        self._namespace = f"{self.url}|{schema or ''}"
        self._migrated = False
        self._migrate_lock = threading.Lock()
        if migrate:
            self.migrate()

    def __repr__(self) -> str:
        return f"Store(dialect={self.dialect!r}, schema={self.schema!r})"

    def migrate(self) -> None:
        """Bring the schema to the newest revision (once per ``Store``; safe across processes)."""
        with self._migrate_lock:
            if self._migrated:
                return
            from alembic import command
            from alembic.config import Config

            config = Config()
            config.set_main_option("script_location", str(_ALEMBIC_DIR))
            with self.locked("migrations") as conn:
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
            self._migrated = True

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A read-write transaction, committed when the block ends without an exception.

        On SQLite it starts with ``BEGIN IMMEDIATE``: a deferred transaction that reads and
        then writes fails at once (``SQLITE_BUSY``) if another writer committed in between.
        """
        with self._begin(immediate=True) as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read-only transaction; on SQLite it never waits for writers."""
        with self._begin(immediate=False) as conn:
            yield conn

    @contextmanager
    def locked(self, name: str) -> Iterator[Connection]:
        """A transaction holding the lock ``name`` until it commits or rolls back."""
        if self._redis_lock is not None:
            with self._redis_lock.hold(self._lock_key(name)), self.transaction() as conn:
                yield conn
        elif self.dialect == "postgresql":
            with self.transaction() as conn:
                key = self._pg_key(name)
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
                yield conn
        else:
            with self.transaction() as conn:  # BEGIN IMMEDIATE: the file's write lock
                yield conn

    @contextmanager
    def _begin(self, *, immediate: bool) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            if immediate and self.dialect == "sqlite":
                conn.execution_options(sqlite_begin="IMMEDIATE")
            with conn.begin():
                yield conn

    def _lock_key(self, name: str) -> str:
        return hashlib.sha256(f"{self._namespace}|{name}".encode()).hexdigest()[:32]

    def _pg_key(self, name: str) -> int:
        digest = hashlib.sha256(f"{self._namespace}|{name}".encode()).digest()
        return int.from_bytes(digest[:8], "big", signed=True)

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()


def open_store(**overrides: Any) -> Store:
    """The store the environment names: ``HARVESTKIT_DATABASE_URL``, ``HARVESTKIT_REDIS_URL``."""
    overrides.setdefault("redis_url", os.environ.get(REDIS_URL_ENV) or None)
    return Store(**overrides)
