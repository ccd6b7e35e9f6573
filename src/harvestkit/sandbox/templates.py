"""Seeded databases kept for reuse, so a new demo sandbox starts in milliseconds.

Seeding the demo company (about 22 000 time entries) takes most of a second or two. Its
result depends only on the seed code, the schema, the random seed and the day, so the
first sandbox of a day keeps a copy in the user cache directory and later ones of that day
copy it in with SQLite's backup API. Credentials are never reused: the kept copy holds no
token at all (the cache directory is readable by whoever reads the user's files), and a
restored copy gets fresh ones.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import cast
from zoneinfo import ZoneInfo

from platformdirs import user_cache_path
from sqlalchemy import Engine

_SOURCES = Path(__file__).parent
# Live credentials: removed from the kept copy (the demo OAuth app's fixed secret stays).
_CREDENTIALS = (
    "DELETE FROM access_tokens",
    "DELETE FROM refresh_tokens",
    "DELETE FROM authorization_codes",
    "DELETE FROM sandbox_meta WHERE key = 'admin_token'",
)
_NEW_YORK = ZoneInfo("America/New_York")


def cache_dir() -> Path:
    override = os.environ.get("HARVESTKIT_CACHE_DIR")
    return Path(override) if override else user_cache_path("harvestkit") / "sandbox-templates"


@cache
def _code_fingerprint() -> str:
    """Changes whenever the schema or any seed module changes."""
    digest = hashlib.sha256()
    for path in sorted([_SOURCES / "tables.py", *(_SOURCES / "seed").glob("*.py")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def template_path(seed: str, random_seed: int, now: datetime, scale: int = 1) -> Path:
    day = f"{now.astimezone(_NEW_YORK).date()}-{now.date()}"
    key = hashlib.sha256(f"{seed}|{scale}|{random_seed}|{day}|{_code_fingerprint()}".encode())
    return cache_dir() / f"{seed}-{key.hexdigest()[:24]}.sqlite3"


@contextlib.contextmanager
def _raw(engine: Engine) -> Iterator[sqlite3.Connection]:
    with engine.connect() as conn:
        yield cast(sqlite3.Connection, conn.connection.dbapi_connection)


def restore(path: Path, engine: Engine) -> bool:
    """Copy a kept database into `engine`'s; False if there is none (or it is unreadable)."""
    if not path.exists():
        return False
    try:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        with _raw(engine) as target:
            source.backup(target)
    except sqlite3.Error:
        return False
    finally:
        source.close()
    return True


def keep(path: Path, engine: Engine) -> None:
    """Save `engine`'s database at `path` atomically; a failure only costs the next start time."""
    with contextlib.suppress(OSError, sqlite3.Error):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        os.close(handle)
        try:
            target = sqlite3.connect(temporary)
            try:
                with _raw(engine) as source:
                    source.backup(target)
                with target:
                    for statement in _CREDENTIALS:
                        target.execute(statement)
                target.execute("VACUUM")  # the deleted tokens leave no trace in free pages
                # A standalone file: no write-ahead log beside it.
                target.execute("PRAGMA journal_mode=DELETE")
            finally:
                target.close()
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.remove(temporary)
