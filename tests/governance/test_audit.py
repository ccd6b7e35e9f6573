"""The audit trail: chaining, redaction, capture modes, tamper detection, concurrent writers."""

from __future__ import annotations

import io
import itertools
import json
import multiprocessing
import threading
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import delete, select, update

from harvestkit.auth import REDACTED, Secret
from harvestkit.governance import (
    GENESIS_HASH,
    AuditEntry,
    AuditLog,
    HarvestRequest,
    export_records,
)
from harvestkit.store import Store, audit_records
from tests.store.fixtures import StoreSpec

T0 = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


def entry(n: int, **overrides: object) -> AuditEntry:
    fields: dict[str, object] = {
        "user": "alice",
        "env": "prod",
        "tool": "harvest_time_entries_create",
        "outcome": "ok",
        "arguments": {"project_id": n, "hours": Decimal("1.50")},
        "requests": [HarvestRequest("POST", "/v2/time_entries", 201, f"req-{n}")],
        "account_id": 4477001,
        "harvest_user_id": 42,
        "duration": 0.010 * n,
        "at": T0 + timedelta(minutes=n),
    }
    fields.update(overrides)
    return AuditEntry(**fields)  # type: ignore[arg-type]


@pytest.fixture
def audit(store: Store) -> AuditLog:
    log = AuditLog(store)
    for n in range(1, 6):
        log.append(entry(n))
    return log


def test_records_chain_from_genesis(audit: AuditLog) -> None:
    records = audit.records()
    assert [r.seq for r in records] == [1, 2, 3, 4, 5]
    assert records[0].prev_hash == GENESIS_HASH
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(records))
    first = records[0]
    assert first.arguments == {"project_id": 1, "hours": "1.50"}
    assert first.requests == [
        {"method": "POST", "path": "/v2/time_entries", "status": 201, "request_id": "req-1"}
    ]
    assert (first.at, first.duration_ms) == ("2026-11-21T09:01:00.000000Z", 10.0)
    assert audit.verify().ok and audit.verify().checked == 5


def test_edited_record_is_caught(audit: AuditLog, store: Store) -> None:
    t = audit_records
    with store.transaction() as conn:
        conn.execute(update(t).where(t.c.seq == 3).values(outcome="error"))
    result = audit.verify()
    assert (result.ok, result.broken_at, result.checked) == (False, 3, 2)
    assert result.problem == "record 3 was changed after it was written"


def test_deleted_record_is_caught(audit: AuditLog, store: Store) -> None:
    with store.transaction() as conn:
        conn.execute(delete(audit_records).where(audit_records.c.seq == 2))
    result = audit.verify()
    assert (result.ok, result.broken_at) == (False, 2)
    assert "record 2 is missing" in (result.problem or "")


def test_swapped_pair_is_caught(audit: AuditLog, store: Store) -> None:
    t = audit_records
    columns = [c for c in t.c if c.name != "seq"]
    with store.transaction() as conn:
        three = conn.execute(select(*columns).where(t.c.seq == 3)).one()._mapping
        four = conn.execute(select(*columns).where(t.c.seq == 4)).one()._mapping
        conn.execute(update(t).where(t.c.seq == 3).values(**four))
        conn.execute(update(t).where(t.c.seq == 4).values(**three))
    result = audit.verify()
    assert (result.ok, result.broken_at) == (False, 3)
    assert "does not follow record 2" in (result.problem or "")


def test_removed_tail_is_caught(audit: AuditLog, store: Store) -> None:
    with store.transaction() as conn:
        conn.execute(delete(audit_records).where(audit_records.c.seq >= 4))
    result = audit.verify()
    assert (result.ok, result.broken_at) == (False, 4)
    assert result.problem == "records 4 to 5 were removed from the end"


def test_secrets_are_redacted(store: Store) -> None:
    log = AuditLog(store, capture="full")
    record = log.append(
        entry(
            1,
            arguments={
                "notes": "call with Bearer abc.def-123 now",
                "access_token": "tok-123",
                "nested": {"client_secret": "s3cr3t", "list": [Secret("inside")]},
                "key": "hk_0123abcd_" + "x" * 43,
            },
            result={"Authorization": "Bearer tok-123", "id": 7},
            error="GET https://id.example/?refresh_token=rt-999 failed",
        )
    )
    text = json.dumps(record.as_dict())
    for secret in ("abc.def-123", "tok-123", "s3cr3t", "inside", "x" * 43, "rt-999"):
        assert secret not in text
    assert record.arguments["access_token"] == REDACTED
    assert record.result == {"Authorization": REDACTED, "id": 7}


@pytest.mark.parametrize(
    ("capture", "has_arguments", "has_result"),
    [("none", False, False), ("arguments", True, False), ("full", True, True)],
)
def test_capture_modes(store: Store, capture: str, has_arguments: bool, has_result: bool) -> None:
    record = AuditLog(store, capture=capture).append(entry(1, result={"id": 9}))  # type: ignore[arg-type]
    assert (record.arguments is not None, record.result is not None) == (has_arguments, has_result)
    assert record.requests  # the Harvest calls are always kept


def test_filters(audit: AuditLog) -> None:
    audit.append(entry(6, user="bob", tool="harvest_projects_list", outcome="refused"))
    assert [r.seq for r in audit.records(user="bob")] == [6]
    assert [r.seq for r in audit.records(outcome="refused")] == [6]
    assert [r.seq for r in audit.records(since=T0 + timedelta(minutes=4))] == [4, 5, 6]
    assert [r.seq for r in audit.records(until=T0 + timedelta(minutes=2))] == [1]
    assert [r.seq for r in audit.records(limit=2, newest_first=True)] == [6, 5]
    assert audit.get(3) is not None and audit.get(99) is None


def test_concurrent_threads_extend_one_chain(store: Store) -> None:
    log = AuditLog(store)

    def write(n: int) -> None:
        for i in range(5):
            log.append(entry(n * 10 + i))

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result = log.verify()
    assert result.ok and result.checked == 40


def _append_many(spec: StoreSpec, count: int) -> None:
    store = spec.open(migrate=False)
    log = AuditLog(store)
    for n in range(count):
        log.append(entry(n))
    store.close()


def test_concurrent_processes_extend_one_chain(spec: StoreSpec, store: Store) -> None:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    children = [context.Process(target=_append_many, args=(spec, 15)) for _ in range(3)]
    for child in children:
        child.start()
    for child in children:
        child.join(60)
        assert child.exitcode == 0
    result = AuditLog(store).verify()
    assert result.ok and result.checked == 45


def test_export_jsonl_and_csv(audit: AuditLog) -> None:
    out = io.StringIO()
    assert export_records(audit.records(), "jsonl", out) == 5
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["seq"] for line in lines] == [1, 2, 3, 4, 5]
    assert lines[0]["requests"][0]["request_id"] == "req-1"
    out = io.StringIO()
    assert export_records(audit.records(), "csv", out) == 5
    rows = out.getvalue().splitlines()
    assert rows[0].startswith("seq,at,user,env")
    assert '"{""hours"":""1.50"",""project_id"":1}"' in rows[1]
