"""A cut audit trail is caught: records removed from the end with the head row moved back,
a trail wiped whole, and (with the audit key) a chain rewritten from scratch."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import delete, update

from harvestkit.governance import GENESIS_HASH, ApiKeyStore, AuditEntry, AuditLog, Head
from harvestkit.governance._audit_chain import link_hash
from harvestkit.store import audit_head, audit_records
from tests.cli.helpers import run
from tests.store.fixtures import StoreSpec

HEAD = re.compile(r"head (\d+:[0-9a-f]{64})")


def _append(spec: StoreSpec, count: int, key: bytes | None = None) -> None:
    store = spec.open()
    log = AuditLog(store, key=key)
    for n in range(count):
        log.append(AuditEntry("alice", "dev", "log_time", "ok", arguments={"n": n}))
    store.close()


def _noted_head() -> str:
    verified = run("audit", "verify")
    assert verified.exit_code == 0, verified.output
    found = HEAD.search(verified.output)
    assert found is not None, verified.output
    return found.group(1)


def _cut_tail_and_move_head(spec: StoreSpec, keep: int) -> None:
    store = spec.open()
    with store.transaction() as conn:
        kept = conn.execute(audit_records.select().where(audit_records.c.seq == keep)).one()
        conn.execute(delete(audit_records).where(audit_records.c.seq > keep))
        conn.execute(update(audit_head).values(seq=keep, hash=kept.hash))
    store.close()


def test_a_cut_tail_with_its_head_moved_back_passes_alone_and_fails_with_expect(
    cli_env: StoreSpec,
) -> None:
    _append(cli_env, 6)
    noted = _noted_head()
    assert noted.startswith("6:")
    _cut_tail_and_move_head(cli_env, keep=4)
    assert run("audit", "verify").exit_code == 0  # what the chain alone cannot see
    caught = run("audit", "verify", "--expect", noted)
    assert caught.exit_code == 1
    assert "the trail ends at record 4, but record 6 was noted as its head" in caught.output
    exported = run("audit", "export", "--expect", noted)
    assert exported.exit_code == 1 and "removed from the end" in exported.stderr
    assert len(exported.stdout.splitlines()) == 4  # the evidence still comes out


def test_a_wiped_trail_is_caught_with_expect_and_by_the_store_s_other_contents(
    cli_env: StoreSpec,
) -> None:
    _append(cli_env, 3)
    noted = _noted_head()
    store = cli_env.open()
    with store.transaction() as conn:
        conn.execute(delete(audit_records))
        conn.execute(delete(audit_head))
    store.close()
    caught = run("audit", "verify", "--expect", noted)
    assert caught.exit_code == 1 and "record 3 was noted as its head" in caught.output


def test_an_empty_trail_in_a_used_store_is_not_called_intact(cli_env: StoreSpec) -> None:
    store = cli_env.open()
    ApiKeyStore(store).create("alice", "dev")
    store.close()
    result = run("audit", "verify")
    assert result.exit_code == 1
    assert "the trail is empty, but this store holds 1 API keys" in result.output


def test_a_rewritten_tail_is_caught_by_expect(cli_env: StoreSpec) -> None:
    _append(cli_env, 3)
    noted = _noted_head()
    store = cli_env.open()
    log = AuditLog(store)
    with store.transaction() as conn:  # rewrite record 3 and re-chain it: SHA-256 needs no key
        row = dict(
            conn.execute(audit_records.select().where(audit_records.c.seq == 3)).one()._mapping
        )
        row["arguments"] = '{"n":99}'
        row["hash"] = link_hash(row["prev_hash"], row)
        conn.execute(update(audit_records).where(audit_records.c.seq == 3).values(**row))
        conn.execute(update(audit_head).values(hash=row["hash"]))
    log.close()
    store.close()
    assert run("audit", "verify").exit_code == 0
    caught = run("audit", "verify", "--expect", noted)
    assert caught.exit_code == 1 and "record 3 is not the one noted" in caught.output


def test_with_the_audit_key_a_rewritten_chain_fails_without_any_noted_head(
    cli_env: StoreSpec, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = b"kept-in-a-secret-manager-not-the-database"
    monkeypatch.setenv("HARVESTKIT_AUDIT_KEY", key.decode())
    _append(cli_env, 3, key=key)
    assert "signed with the audit key" in run("audit", "verify").output
    store = cli_env.open()
    with store.transaction() as conn:  # a forger without the key re-chains with SHA-256
        prev = GENESIS_HASH
        rows = [
            dict(r._mapping)
            for r in conn.execute(audit_records.select().order_by(audit_records.c.seq))
        ]
        for row in rows:
            row["prev_hash"] = prev
            row["hash"] = prev = link_hash(prev, row)
            conn.execute(
                update(audit_records).where(audit_records.c.seq == row["seq"]).values(**row)
            )
        conn.execute(update(audit_head).values(hash=prev))
    store.close()
    caught = run("audit", "verify")
    assert caught.exit_code == 1 and "audit key" in caught.output


def test_expect_must_be_seq_colon_hash(cli_env: StoreSpec) -> None:
    result = run("audit", "verify", "--expect", "12")
    assert result.exit_code == 1 and "SEQ:HASH" in result.output
    assert str(Head.parse("3:" + "a" * 64)) == "3:" + "a" * 64
