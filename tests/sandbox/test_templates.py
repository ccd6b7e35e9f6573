"""Kept demo databases: a second sandbox of the day is a copy, with its own credentials."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from harvestkit.sandbox import SandboxConfig, create_app, tables, templates
from tests.conftest import USER_AGENT


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HARVESTKIT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _entries(app: object) -> int:
    with app.state.sandbox.engine.connect() as conn:  # type: ignore[attr-defined]
        return int(conn.execute(select(func.count()).select_from(tables.time_entries)).scalar_one())


def test_second_sandbox_is_a_copy_with_fresh_credentials(cache: Path) -> None:
    first = create_app(SandboxConfig(db=":memory:", seed="demo", account_id=77))
    assert len(list(cache.glob("demo-*.sqlite3"))) == 1
    second = create_app(SandboxConfig(db=":memory:", seed="demo", account_id=78))
    one, two = first.state.sandbox, second.state.sandbox
    assert _entries(first) == _entries(second) >= 20000
    assert one.admin_token != two.admin_token
    assert two.account_id == 78

    client = TestClient(second, base_url="http://sandbox.test")
    headers = {"Harvest-Account-Id": "78", "User-Agent": USER_AGENT}
    stale = client.get(
        "/v2/users/me", headers={**headers, "Authorization": f"Bearer {one.admin_token}"}
    )
    assert stale.status_code == 401
    fresh = client.get(
        "/v2/users/me", headers={**headers, "Authorization": f"Bearer {two.admin_token}"}
    )
    assert fresh.status_code == 200


def test_templates_can_be_turned_off(cache: Path) -> None:
    create_app(SandboxConfig(db=":memory:", seed="demo", use_templates=False))
    assert not cache.exists() or not list(cache.glob("*.sqlite3"))


def test_empty_sandboxes_are_never_kept(cache: Path) -> None:
    create_app(SandboxConfig(db=":memory:", seed="empty"))
    assert not cache.exists() or not list(cache.glob("*.sqlite3"))


def test_key_follows_the_day_and_the_random_seed() -> None:
    day = datetime(2026, 3, 8, 12, tzinfo=UTC)
    next_day = datetime(2026, 3, 9, 12, tzinfo=UTC)
    assert templates.template_path("demo", 1, day) == templates.template_path("demo", 1, day)
    assert templates.template_path("demo", 1, day) != templates.template_path("demo", 1, next_day)
    assert templates.template_path("demo", 1, day) != templates.template_path("demo", 2, day)
    assert templates.template_path("demo", 1, day) != templates.template_path("demo", 1, day, 10)


def test_the_kept_copy_holds_no_credentials(cache: Path) -> None:
    first = create_app(SandboxConfig(db=":memory:", seed="demo", token="hks_pat_first-admin"))
    [kept] = cache.glob("demo-*.sqlite3")
    content = kept.read_bytes()
    assert b"hks_pat_first-admin" not in content
    assert first.state.sandbox.admin_token.encode() not in content
    raw = sqlite3.connect(kept)
    try:
        for table in ("access_tokens", "refresh_tokens", "authorization_codes"):
            assert raw.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)
        admin = raw.execute("SELECT value FROM sandbox_meta WHERE key = 'admin_token'")
        assert admin.fetchone() is None
    finally:
        raw.close()
    second = create_app(SandboxConfig(db=":memory:", seed="demo"))
    assert second.state.sandbox.admin_token != first.state.sandbox.admin_token
