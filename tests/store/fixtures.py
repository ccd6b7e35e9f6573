"""Store fixtures shared by the store, auth, governance and CLI tests.

Every test gets its own database namespace: a fresh SQLite file, or a fresh PostgreSQL
schema, so parallel workers never collide. PostgreSQL and Redis tests skip when the server
is unreachable, except on CI (``CI=true``), where they fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from harvestkit.store import Store

ON_CI = os.environ.get("CI") == "true"
POSTGRES_URL = os.environ.get(
    "HARVESTKIT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("HARVESTKIT_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
BACKENDS = ["sqlite", "postgresql"]


@cache
def _postgres_problem() -> str | None:
    try:
        engine = create_engine(POSTGRES_URL, connect_args={"connect_timeout": 2})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:
        return f"PostgreSQL at {POSTGRES_URL} is unreachable: {type(exc).__name__}"
    return None


@cache
def _redis_problem() -> str | None:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception as exc:
        return f"Redis at {REDIS_URL} is unreachable: {type(exc).__name__}"
    return None


def _require(problem: str | None) -> None:
    if problem is None:
        return
    if ON_CI:
        pytest.fail(f"{problem} (CI=true: the service must be available)")
    pytest.skip(problem)


def require_postgres() -> None:
    """Skip (or on CI, fail) unless PostgreSQL is reachable."""
    _require(_postgres_problem())


def require_redis() -> None:
    """Skip (or on CI, fail) unless Redis is reachable."""
    _require(_redis_problem())


@dataclass(frozen=True)
class StoreSpec:
    """How to open one test's store, in this process or in a child process."""

    url: str
    schema: str | None = None
    redis_url: str | None = None

    def open(self, *, migrate: bool = True) -> Store:
        return Store(self.url, schema=self.schema, redis_url=self.redis_url, migrate=migrate)


@contextmanager
def store_spec(backend: str, tmp_path: Path, *, redis: bool = False) -> Iterator[StoreSpec]:
    """A private namespace on ``backend``, dropped afterwards."""
    redis_url = None
    if redis:
        require_redis()
        redis_url = REDIS_URL
    if backend == "sqlite":
        yield StoreSpec(f"sqlite:///{tmp_path / 'harvestkit.sqlite3'}", None, redis_url)
        return
    require_postgres()
    schema = f"hk_test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield StoreSpec(POSTGRES_URL, schema, redis_url)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Each store test runs once on SQLite and once on PostgreSQL."""
    return str(request.param)


@pytest.fixture
def spec(backend: str, tmp_path: Path) -> Iterator[StoreSpec]:
    """This test's store namespace."""
    with store_spec(backend, tmp_path) as made:
        yield made


@pytest.fixture
def store(spec: StoreSpec) -> Iterator[Store]:
    """A migrated store in this test's own namespace."""
    opened = spec.open()
    yield opened
    opened.close()
