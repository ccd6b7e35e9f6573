"""The ``Store``: an engine, its migrations, and transactions that hold a named lock."""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import SQLAlchemyError

try:
    import fcntl
except ImportError:  # Windows: an SQLite store is then locked within one process only
    fcntl = None  # type: ignore[assignment]

from ._access_version import AccessVersion
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
    - else a lock file per name beside the SQLite file (in ``.harvestkit-locks``), then
      ``BEGIN IMMEDIATE``, the file's write lock (single host).

    ``mutex(name)`` holds the same lock without a transaction, for work that waits on the
    network in between (a token refresh): on SQLite a transaction is the write lock of
    the whole file, and every other writer would wait for that network call.

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
        self._local_locks: dict[str, threading.Lock] = {}
        self._lock_dir_made = False
        self._access_version = AccessVersion(self.engine)
        if migrate:
            self.migrate()

    def __repr__(self) -> str:
        return f"Store(dialect={self.dialect!r}, schema={self.schema!r})"

    def migrate(self) -> None:
        """Bring the schema to the newest revision (once per ``Store``; safe across processes).

        A database already at the newest revision is only read: Alembic (a fifth of a
        second to import, with Mako and Pygments) is loaded when there is work for it.
        """
        with self._migrate_lock:
            if self._migrated:
                return
            if self._at_head():
                self._migrated = True
                return
            from alembic import command
            from alembic.config import Config

            config = Config()
            config.set_main_option("script_location", str(_ALEMBIC_DIR))
            with self.locked("migrations") as conn:
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
            self._migrated = True

    def _at_head(self) -> bool:
        head = _newest_revision()
        if head is None:
            return False
        try:
            with self.read() as conn:
                stamped = conn.execute(text("SELECT version_num FROM alembic_version")).all()
        except SQLAlchemyError:
            return False  # no schema yet (or unreadable): Alembic decides
        return [row[0] for row in stamped] == [head]

    @contextmanager
    def transaction(self, *, durable: bool = True) -> Iterator[Connection]:
        """A read-write transaction, committed when the block ends without an exception.

        On SQLite it starts with ``BEGIN IMMEDIATE``: a deferred transaction that reads and
        then writes fails at once (``SQLITE_BUSY``) if another writer committed in between.

        ``durable=False`` returns from the commit before it reaches the disk: a crash of
        this process loses nothing, a crash of the machine (or of PostgreSQL) may lose the
        newest such commits, whole, never part of one (SQLite ``synchronous=NORMAL`` in
        WAL mode, PostgreSQL ``synchronous_commit=off``).
        """
        with self._begin(immediate=True, durable=durable) as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read-only transaction; on SQLite it never waits for writers."""
        with self._begin(immediate=False) as conn:
            yield conn

    @contextmanager
    def locked(self, name: str, *, durable: bool = True) -> Iterator[Connection]:
        """A transaction holding the lock ``name`` until it commits or rolls back
        (``durable`` as for ``transaction``)."""
        if self._redis_lock is not None:
            with (
                self._redis_lock.hold(self._lock_key(name)),
                self.transaction(durable=durable) as conn,
            ):
                yield conn
        elif self.dialect == "postgresql":
            with self.transaction(durable=durable) as conn:
                key = self._pg_key(name)
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
                yield conn
        else:
            with self._sqlite_mutex(name), self.transaction(durable=durable) as conn:
                yield conn

    @contextmanager
    def mutex(self, name: str) -> Iterator[None]:
        """Hold the lock ``name`` (the one ``locked`` takes) without a transaction."""
        if self._redis_lock is not None:
            with self._redis_lock.hold(self._lock_key(name)):
                yield
        elif self.dialect == "postgresql":
            # An open transaction holding only an advisory lock blocks no other writer.
            with self.locked(name):
                yield
        else:
            with self._sqlite_mutex(name):
                yield

    @contextmanager
    def _sqlite_mutex(self, name: str) -> Iterator[None]:
        """A lock file per name beside the database file; in this process only for an
        in-memory database (no other process can open it)."""
        database = self.engine.url.database
        if fcntl is None or not database or database == ":memory:":
            with self._local_locks.setdefault(name, threading.Lock()):
                yield
            return
        # The key hashes the database URL too: stores side by side never share a lock.
        path = Path(database).parent / ".harvestkit-locks" / f"{self._lock_key(name)}.lock"
        if not self._lock_dir_made:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._lock_dir_made = True
        # flock belongs to this open file, so other threads of this process wait too.
        with path.open("a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    @contextmanager
    def _begin(self, *, immediate: bool, durable: bool = True) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            if self.dialect == "sqlite":
                conn.execution_options(
                    sqlite_begin="IMMEDIATE" if immediate else "", durable=durable
                )
            with conn.begin():
                if not durable and self.dialect == "postgresql":
                    conn.execute(text("SET LOCAL synchronous_commit TO OFF"))
                yield conn

    def access_version(self) -> int:
        """The number every change of grants, API keys or credentials moves
        (``bump_access_version``): caches of those re-read them when it moved."""
        return self._access_version.read()

    def _lock_key(self, name: str) -> str:
        return hashlib.sha256(f"{self._namespace}|{name}".encode()).hexdigest()[:32]

    def _pg_key(self, name: str) -> int:
        digest = hashlib.sha256(f"{self._namespace}|{name}".encode()).digest()
        return int.from_bytes(digest[:8], "big", signed=True)

    def close(self) -> None:
        """Release every pooled connection."""
        self._access_version.close()
        self.engine.dispose()


_REVISION = re.compile(r"^revision\s*=\s*[\"'](\w+)[\"']", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\s*=\s*[\"'](\w+)[\"']", re.MULTILINE)


@cache
def _newest_revision() -> str | None:
    """The one head of the migration scripts (read from their text, without Alembic), or
    None when that is not clear (several heads, an unusual script): Alembic decides."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (_ALEMBIC_DIR / "versions").glob("*.py"):
        source = script.read_text(encoding="utf-8")
        found = _REVISION.search(source)
        if found is None:
            return None
        revisions.add(found.group(1))
        parents.update(_DOWN_REVISION.findall(source))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def open_store(**overrides: Any) -> Store:
    """The store the environment names: ``HARVESTKIT_DATABASE_URL``, ``HARVESTKIT_REDIS_URL``."""
    overrides.setdefault("redis_url", os.environ.get(REDIS_URL_ENV) or None)
    return Store(**overrides)
