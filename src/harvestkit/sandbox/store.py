"""The SQLite database behind the sandbox, and small row helpers for handlers."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Row, Table, create_engine, delete, event, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.pool import StaticPool

from . import tables
from .errors import not_found


def make_engine(db: str) -> Engine:
    """One engine per sandbox. `:memory:` keeps a single shared connection."""
    if db in (":memory:", ""):
        engine = create_engine(
            "sqlite://",
            connect_args={"check_same_thread": False},
            poolclass=StaticPool,
        )
    else:
        Path(db).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            f"sqlite:///{Path(db).expanduser()}",
            connect_args={"check_same_thread": False, "timeout": 30},
        )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        in_memory = db in (":memory:", "")
        cursor.execute("PRAGMA journal_mode=MEMORY" if in_memory else "PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return engine


def is_empty(engine: Engine) -> bool:
    """Whether the database has no sandbox in it yet."""
    with engine.connect() as conn:
        return not engine.dialect.has_table(conn, "company")


def create_schema(engine: Engine) -> bool:
    """Create missing tables; True if the database was empty (needs seeding)."""
    with engine.begin() as conn:
        fresh = not engine.dialect.has_table(conn, "company")
        tables.metadata.create_all(conn)
        if fresh:
            for name, floor in tables.ID_FLOORS.items():
                conn.exec_driver_sql(
                    "INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (name, floor - 1)
                )
    return fresh


def meta_get(conn: Connection, key: str) -> str | None:
    return conn.execute(
        select(tables.sandbox_meta.c.value).where(tables.sandbox_meta.c.key == key)
    ).scalar_one_or_none()


def meta_set(conn: Connection, key: str, value: str) -> None:
    conn.execute(delete(tables.sandbox_meta).where(tables.sandbox_meta.c.key == key))
    conn.execute(insert(tables.sandbox_meta).values(key=key, value=value))


def add(conn: Connection, table: Table, values: dict[str, Any]) -> int:
    """Insert a row and return its new id."""
    result = conn.execute(insert(table).values(**values))
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def find(conn: Connection, table: Table, row_id: int) -> Row[Any] | None:
    return conn.execute(select(table).where(table.c.id == row_id)).first()


def fetch(conn: Connection, table: Table, row_id: int | None) -> Row[Any]:
    """The row with this id, or Harvest's JSON 404."""
    if row_id is None:
        raise not_found()
    row = find(conn, table, row_id)
    if row is None:
        raise not_found()
    return row


def fetch_under(
    conn: Connection, table: Table, row_id: int | None, parent: str, parent_id: int
) -> Row[Any]:
    """The row with this id if its `parent` column is `parent_id` (a message of this
    invoice, a rate of this user), or Harvest's JSON 404."""
    row = fetch(conn, table, row_id)
    if getattr(row, parent) != parent_id:
        raise not_found()
    return row


def change(conn: Connection, table: Table, row_id: int, values: dict[str, Any]) -> None:
    if values:
        conn.execute(update(table).where(table.c.id == row_id).values(**values))


def remove(conn: Connection, table: Table, row_id: int) -> None:
    conn.execute(delete(table).where(table.c.id == row_id))


def new_key(length: int = 40) -> str:
    """Hex keys like `statement_key` and `client_key`."""
    return secrets.token_hex(length // 2)
