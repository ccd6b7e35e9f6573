"""Where the database is and how to connect to it.

SQLite (a file in the user data dir) unless ``HARVESTKIT_DATABASE_URL`` names another
database, e.g. ``postgresql+psycopg://postgres@127.0.0.1:5432/harvestkit``.
"""

from __future__ import annotations

import os
from typing import Any

from platformdirs import user_data_path
from sqlalchemy import Engine, create_engine, event

__all__ = ["DATABASE_URL_ENV", "REDIS_URL_ENV", "default_database_url", "make_engine"]

DATABASE_URL_ENV = "HARVESTKIT_DATABASE_URL"
REDIS_URL_ENV = "HARVESTKIT_REDIS_URL"
SQLITE_BUSY_TIMEOUT = 90.0
"""Seconds a SQLite writer waits for another writer before giving up (a token refresh holds
the write lock for one HTTP call to Harvest ID, at most 40 s)."""


def default_database_url() -> str:
    """``HARVESTKIT_DATABASE_URL``, else a SQLite file in the user data directory."""
    url = os.environ.get(DATABASE_URL_ENV)
    if url:
        return url
    path = user_data_path("harvestkit", ensure_exists=True) / "harvestkit.sqlite3"
    return f"sqlite:///{path}"


def make_engine(url: str, *, schema: str | None = None) -> Engine:
    """An engine for ``url``; ``schema`` (PostgreSQL only) becomes the search path."""
    if url.startswith("sqlite"):
        if schema:
            raise ValueError("schema is only supported on PostgreSQL; use another SQLite file")
        return _sqlite_engine(url)
    connect_args: dict[str, Any] = {}
    if schema:
        connect_args["options"] = f"-c search_path={schema}"
    return create_engine(url, connect_args=connect_args, pool_pre_ping=True)


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT})

    # pysqlite's own transaction handling cannot issue BEGIN IMMEDIATE, which the store
    # needs to take SQLite's write lock up front; so switch it off and begin ourselves.
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        options = connection.get_execution_options()
        # In WAL mode, NORMAL syncs the log at checkpoints instead of at every commit: a
        # process crash loses nothing, a power loss the newest commits (never a torn one).
        # Per transaction, because pooled connections serve both kinds.
        sync = "FULL" if options.get("durable", True) else "NORMAL"
        connection.exec_driver_sql(f"PRAGMA synchronous={sync}")
        connection.exec_driver_sql(f"BEGIN {options.get('sqlite_begin', '')}".strip())

    return engine
