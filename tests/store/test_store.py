"""The store: migrations, named locks on every backend, and the Redis lock."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import redis
from sqlalchemy import inspect, select, update

from harvestkit.store import RedisLock, Store, audit_head
from harvestkit.store._locks import LockTimeoutError
from tests.store.fixtures import REDIS_URL, StoreSpec, require_redis, store_spec

TABLES = {
    "hk_credentials",
    "hk_policy_grants",
    "hk_policy_version",
    "hk_api_keys",
    "hk_audit_records",
    "hk_audit_head",
}


def test_first_use_creates_every_table(store: Store) -> None:
    names = set(inspect(store.engine).get_table_names())
    assert names >= TABLES | {"alembic_version"}


def test_migrating_again_is_a_no_op(spec: StoreSpec) -> None:
    first, second = spec.open(), spec.open()
    with second.transaction() as conn:
        version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    assert version == _head()
    first.close()
    second.close()


def test_a_store_at_the_newest_revision_starts_without_alembic(store: Store) -> None:
    from harvestkit.store._store import _newest_revision

    assert _newest_revision() == _head()  # read from the scripts' text, as Alembic reads them
    if store.dialect != "sqlite":
        return  # the same path; one child interpreter is enough
    code = (
        "import sys; from harvestkit.store import Store; "
        f"Store({store.url!r}); print('alembic' in sys.modules)"
    )
    child = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert child.stdout.strip() == "False", child.stderr


def _head() -> str:
    """The newest revision among the migrations (one head: a second would be a fork)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    import harvestkit.store as store_package

    config = Config()
    config.set_main_option("script_location", str(Path(store_package.__file__).parent / "alembic"))
    heads = ScriptDirectory.from_config(config).get_heads()
    assert len(heads) == 1, f"migrations have {len(heads)} heads: {heads}"
    return heads[0]


def _count_under_lock(store: Store, threads: int, rounds: int) -> int:
    """Read-modify-write one row from many threads; lost updates show as a short count."""
    t = audit_head
    with store.transaction() as conn:
        conn.execute(t.insert().values(id=1, seq=0, hash=""))

    def work() -> None:
        for _ in range(rounds):
            with store.locked("counter") as conn:
                seen = conn.execute(select(t.c.seq).where(t.c.id == 1)).scalar_one()
                time.sleep(0.001)  # widen the window a lost update would need
                conn.execute(update(t).where(t.c.id == 1).values(seq=seen + 1))

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    with store.transaction() as conn:
        return int(conn.execute(select(t.c.seq)).scalar_one())


def test_locked_serialises_read_modify_write(store: Store) -> None:
    assert _count_under_lock(store, threads=8, rounds=5) == 40


def test_mutex_excludes_its_name_and_no_other_writer(store: Store) -> None:
    """What a token refresh holds while it waits on the network: `locked` on the same name
    waits for it, a write under another name does not (on SQLite a transaction would be
    the whole file's write lock)."""
    held, release, same_name = threading.Event(), threading.Event(), threading.Event()

    def hold() -> None:
        with store.mutex("credential"):
            held.set()
            release.wait(10)

    def other_writer() -> None:
        with store.locked("audit") as conn:
            conn.execute(audit_head.insert().values(id=1, seq=0, hash=""))

    def same_lock() -> None:
        with store.locked("credential"):
            same_name.set()

    holder = threading.Thread(target=hold)
    holder.start()
    assert held.wait(10)
    writer = threading.Thread(target=other_writer)
    writer.start()
    writer.join(10)
    assert not writer.is_alive(), "a write under another name waited for the mutex"
    waiter = threading.Thread(target=same_lock)
    waiter.start()
    assert not same_name.wait(0.2)
    release.set()
    waiter.join(10)
    holder.join(10)
    assert same_name.is_set()


def test_redis_locked_serialises_read_modify_write(backend: str, tmp_path: Path) -> None:
    with store_spec(backend, tmp_path, redis=True) as spec:
        store = spec.open()
        assert _count_under_lock(store, threads=8, rounds=5) == 40
        store.close()


@pytest.fixture
def redis_client() -> redis.Redis:
    require_redis()
    return redis.Redis.from_url(REDIS_URL)


def test_redis_lock_release_leaves_another_holders_lock(redis_client: redis.Redis) -> None:
    key = f"harvestkit:test:{time.time_ns()}"
    lock = RedisLock(redis_client)
    redis_client.set(key, "someone-else", px=5000)
    assert lock.release(key, "my-token") is False
    assert redis_client.get(key) == b"someone-else"
    redis_client.delete(key)


def test_redis_lock_expires_and_times_out(redis_client: redis.Redis) -> None:
    name = f"test:{time.time_ns()}"
    short = RedisLock(redis_client, ttl=0.2)
    holder = threading.Event()
    done = threading.Event()

    def hold() -> None:
        with short.hold(name):
            holder.set()
            done.wait(2)

    thread = threading.Thread(target=hold)
    thread.start()
    holder.wait(2)
    with pytest.raises(LockTimeoutError), short.hold(name, timeout=0.05):
        pass
    # The crashed-holder case: after the TTL the lock is free again.
    started = time.monotonic()
    with short.hold(name, timeout=2):
        assert time.monotonic() - started >= 0.1
    done.set()
    thread.join()


def test_schema_is_postgresql_only(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="PostgreSQL"):
        Store(f"sqlite:///{tmp_path / 'x.sqlite3'}", schema="nope")


def test_default_url_is_a_sqlite_file_in_the_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    from harvestkit.store import default_database_url

    monkeypatch.delenv("HARVESTKIT_DATABASE_URL", raising=False)
    assert default_database_url().startswith("sqlite:///")
    assert default_database_url().endswith("harvestkit.sqlite3")
    monkeypatch.setenv("HARVESTKIT_DATABASE_URL", "postgresql+psycopg://db/x")
    assert default_database_url() == "postgresql+psycopg://db/x"


def test_the_access_version_moves_for_every_store_on_the_database(store: Store) -> None:
    from harvestkit.store import bump_access_version

    other = Store(store.url, schema=store.schema)
    before = store.access_version()
    assert other.access_version() == before
    with other.transaction() as conn:
        bump_access_version(conn)
    assert store.access_version() == before + 1
    with pytest.raises(RuntimeError), other.transaction() as conn:
        bump_access_version(conn)
        raise RuntimeError("rolled back")
    assert store.access_version() == before + 1
    store.close()
    assert store.access_version() == before + 1  # a closed store opens again on use
    other.close()
