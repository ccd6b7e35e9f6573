"""After real work (login, refresh, failures, API keys, audited calls), neither the
database nor the captured logs hold any token or secret in clear."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy import MetaData, select

from harvestkit.auth import NeedsLoginError, RefreshFailedError, Secret, TokenSet
from harvestkit.governance import ApiKeyStore, AuditEntry, AuditLog, HarvestRequest
from harvestkit.store import Store
from tests.auth.helpers import Clock, CountingRefresher, invalid_grant, make_vault

PAT = "pat-5f1c9e0a-clear-text-must-never-appear"
REFRESH = "refresh-0"


def _every_value(store: Store) -> str:
    """Every stored value of every table, as text (bytes decoded leniently)."""
    meta = MetaData()
    meta.reflect(store.engine)
    parts: list[str] = []
    with store.transaction() as conn:
        for table in meta.sorted_tables:
            for row in conn.execute(select(table)):
                for value in row:
                    raw = bytes(value) if isinstance(value, (bytes, memoryview)) else None
                    parts.append(raw.decode("latin-1") if raw is not None else str(value))
    return "\n".join(parts)


def test_no_secret_in_database_or_logs(
    store: Store, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    caplog.set_level(logging.DEBUG)
    # SQL statements and their parameters, as an operator turning on debugging would see.
    logging.getLogger("sqlalchemy.engine").setLevel(logging.INFO)
    clock = Clock()
    refresher = CountingRefresher(clock=clock)
    vault = make_vault(store, refresher, clock)

    vault.save("alice", "dev", "pat", TokenSet(Secret(PAT)), account_ids=[1], default_account_id=1)
    vault.save(
        "alice", "prod", "oauth", TokenSet(Secret("access-0"), Secret(REFRESH), clock.now - 1)
    )
    fresh = vault.access_token("alice", "prod")  # refreshes: access-1 / refresh-1
    refresher.fail_with = RuntimeError(f"echo {fresh.reveal()}")
    clock.now += 30 * 24 * 3600
    with pytest.raises(RefreshFailedError):
        vault.access_token("alice", "prod")
    clock.now += 3600
    refresher.fail_with = invalid_grant()
    with pytest.raises(NeedsLoginError):
        vault.access_token("alice", "prod")
    key, _ = ApiKeyStore(store).create("alice", "dev")
    AuditLog(store, capture="full").append(
        AuditEntry(
            "alice",
            "dev",
            "harvest_users_me",
            "error",
            arguments={"token": PAT, "api_key": key.reveal(), "note": f"Bearer {fresh.reveal()}"},
            result={"authorization": f"Bearer {PAT}"},
            requests=[HarvestRequest("GET", "/v2/users/me", 401, "req-1")],
            error=f"401 with Authorization: Bearer {PAT}",
        )
    )
    logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)

    secrets = [PAT, "access-0", REFRESH, fresh.reveal(), "refresh-1", key.reveal()]
    stored = _every_value(store)
    logged = caplog.text + "\n".join(repr(r.args) for r in caplog.records)
    assert "hk_credentials" in logged  # the SQL log really was captured
    for secret in secrets:
        assert secret not in stored, f"{secret[:8]}… stored in clear"
        assert secret not in logged, f"{secret[:8]}… logged in clear"
    if store.dialect == "sqlite":
        database = Path(store.url.removeprefix("sqlite:///"))
        raw = b"".join(p.read_bytes() for p in database.parent.glob(database.name + "*"))
        for secret in secrets:
            assert secret.encode() not in raw
