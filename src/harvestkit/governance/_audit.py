"""The audit trail: one append-only, hash-chained record per tool call.

Each record stores ``hash = SHA-256(prev_hash + canonical JSON of the record)`` (an HMAC
under the audit key when one is configured, see ``_audit_chain``); the first record's
``prev_hash`` is 64 zeros. Appends happen under the store's ``audit`` lock, so
concurrent writers in several processes extend one chain instead of forking it. A head row
keeps the last sequence number and hash, so removing records from the end shows too.
``verify()`` recomputes the chain and names the first sequence number that breaks; given a
head noted earlier (``expect``) it also catches a cut end with a rewritten head row.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import RowMapping, func, insert, select, update

from ..store import Store, api_keys, audit_head, audit_records, credentials
from ._audit_chain import (
    GENESIS_HASH,
    Head,
    Verification,
    audit_key_from_env,
    link_hash,
    verify_chain,
)
from ._audit_queue import QUEUE_LIMIT, AuditQueue, AuditWriteError
from ._redact import canonical_json, redact, redact_text

__all__ = [
    "GENESIS_HASH",
    "QUEUE_LIMIT",
    "AuditEntry",
    "AuditLog",
    "AuditRecord",
    "AuditWriteError",
    "Capture",
    "HarvestRequest",
    "Head",
    "Outcome",
    "Verification",
    "format_time",
]

Outcome = Literal["ok", "error", "refused", "needs_confirmation"]
Capture = Literal["none", "arguments", "full"]
"""What of a call's payload is kept: nothing, the (redacted) arguments, or those and the result."""


def format_time(moment: datetime) -> str:
    """The audit trail's timestamp form: UTC, microseconds, ``Z``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True)
class HarvestRequest:
    """One request a tool call made to Harvest."""

    method: str
    path: str
    status: int | None
    request_id: str | None = None


@dataclass(frozen=True)
class AuditEntry:
    """A tool call to record. ``duration`` is in seconds."""

    user: str
    env: str
    tool: str
    outcome: Outcome
    arguments: Mapping[str, Any] | None = None
    result: Any = None
    requests: Sequence[HarvestRequest] = ()
    account_id: int | None = None
    harvest_user_id: int | None = None
    error: str | None = None
    duration: float = 0.0
    at: datetime | None = None


@dataclass(frozen=True)
class AuditRecord:
    """A stored record. ``arguments``, ``result`` and ``requests`` are parsed JSON."""

    seq: int
    at: str
    user: str
    env: str
    account_id: int | None
    harvest_user_id: int | None
    tool: str
    arguments: Any
    result: Any
    requests: list[dict[str, Any]]
    outcome: str
    error: str | None
    duration_ms: float
    prev_hash: str
    hash: str

    def as_dict(self) -> dict[str, Any]:
        """The record as plain JSON-ready data (for export)."""
        return dict(self.__dict__)


def _record(m: Mapping[str, Any] | RowMapping) -> AuditRecord:
    return AuditRecord(
        seq=m["seq"],
        at=m["at"],
        user=m["user"],
        env=m["env"],
        account_id=m["account_id"],
        harvest_user_id=m["harvest_user_id"],
        tool=m["tool"],
        arguments=None if m["arguments"] is None else json.loads(m["arguments"]),
        result=None if m["result"] is None else json.loads(m["result"]),
        requests=json.loads(m["requests"]),
        outcome=m["outcome"],
        error=m["error"],
        duration_ms=m["duration_us"] / 1000,
        prev_hash=m["prev_hash"],
        hash=m["hash"],
    )


class AuditLog:
    """Writes, reads and verifies the audit trail."""

    def __init__(
        self, store: Store, *, capture: Capture = "arguments", key: bytes | None = None
    ) -> None:
        self.store = store
        self.capture = capture
        self.key = key if key is not None else audit_key_from_env()
        """The audit key (kept apart from the database): records are HMAC-chained."""
        self._queue: AuditQueue[AuditEntry] | None = None
        self._queue_lock = threading.Lock()

    def append(self, entry: AuditEntry) -> AuditRecord:
        """Record one tool call (redacting secrets) and return the stored record, on disk."""
        return self.append_many([entry], durable=True)[0]

    def append_many(
        self, entries: Sequence[AuditEntry], *, durable: bool = True
    ) -> list[AuditRecord]:
        """Record several calls in one transaction (one lock, one commit), in order.

        ``durable=False`` returns before the commit reaches the disk (see
        ``Store.transaction``): what a machine crash can lose is the newest commits, whole.
        """
        rows = [self._columns(entry) for entry in entries]  # redaction outside the lock
        if not rows:
            return []
        with self.store.locked("audit", durable=durable) as conn:
            head = conn.execute(select(audit_head).where(audit_head.c.id == 1)).first()
            seq, prev_hash = (0, GENESIS_HASH) if head is None else (head.seq, head.hash)
            for columns in rows:
                seq += 1
                columns["seq"], columns["prev_hash"] = seq, prev_hash
                columns["hash"] = prev_hash = link_hash(prev_hash, columns, self.key)
            conn.execute(insert(audit_records), rows)
            new_head = {"seq": seq, "hash": prev_hash}
            if head is None:
                conn.execute(insert(audit_head).values(id=1, **new_head))
            else:
                conn.execute(update(audit_head).where(audit_head.c.id == 1).values(**new_head))
        return [_record(columns) for columns in rows]

    def submit(self, entry: AuditEntry) -> None:
        """Queue one call's record and return at once; a writer thread appends the queue in
        batches, one commit each, off the disk sync. ``flush()`` (and every read of this
        log, and ``close()``) waits until it is written. What a crash can lose is said in
        docs/security.md: the records still queued, at most ``QUEUE_LIMIT``, never a link
        of the chain."""
        self._writer().submit(entry)

    def flush(self) -> None:
        """Wait until every submitted record is written; raise what stopped the writer."""
        if self._queue is not None:
            self._queue.flush()

    def close(self) -> None:
        """Write what is queued and stop the writer thread."""
        if self._queue is not None:
            self._queue.close()
            self._queue = None

    def _writer(self) -> AuditQueue[AuditEntry]:
        if self._queue is None:
            with self._queue_lock:
                if self._queue is None:
                    self._queue = AuditQueue(lambda batch: self.append_many(batch, durable=False))
        return self._queue

    def _columns(self, entry: AuditEntry) -> dict[str, Any]:
        keep_args = self.capture != "none" and entry.arguments is not None
        keep_result = self.capture == "full" and entry.result is not None
        return {
            "at": format_time(entry.at or datetime.now(UTC)),
            "user": entry.user,
            "env": entry.env,
            "account_id": entry.account_id,
            "harvest_user_id": entry.harvest_user_id,
            "tool": entry.tool,
            "arguments": canonical_json(redact(entry.arguments)) if keep_args else None,
            "result": canonical_json(redact(entry.result)) if keep_result else None,
            "requests": canonical_json(redact([r.__dict__ for r in entry.requests])),
            "outcome": entry.outcome,
            "error": None if entry.error is None else redact_text(entry.error),
            "duration_us": round(entry.duration * 1_000_000),
        }

    def records(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        user: str | None = None,
        tool: str | None = None,
        outcome: str | None = None,
        limit: int | None = None,
        newest_first: bool = False,
    ) -> list[AuditRecord]:
        """Records matching every given filter, in sequence order (or newest first)."""
        self.flush()
        t = audit_records
        query = select(t).order_by(t.c.seq.desc() if newest_first else t.c.seq)
        if since is not None:
            query = query.where(t.c.at >= format_time(since))
        if until is not None:
            query = query.where(t.c.at < format_time(until))
        for column, value in (("user", user), ("tool", tool), ("outcome", outcome)):
            if value is not None:
                query = query.where(t.c[column] == value)
        if limit is not None:
            query = query.limit(limit)
        with self.store.read() as conn:
            return [_record(row._mapping) for row in conn.execute(query)]

    def get(self, seq: int) -> AuditRecord | None:
        """The record with sequence number ``seq``."""
        self.flush()
        with self.store.read() as conn:
            row = conn.execute(select(audit_records).where(audit_records.c.seq == seq)).first()
        return None if row is None else _record(row._mapping)

    def verify(self, expect: Head | None = None) -> Verification:
        """Recompute the chain; report the first record that was edited, removed or moved,
        a cut behind the head ``expect`` noted earlier, and a wiped trail."""
        self.flush()
        with self.store.read() as conn:
            head = conn.execute(select(audit_head).where(audit_head.c.id == 1)).first()
            rows = conn.execute(select(audit_records).order_by(audit_records.c.seq))
            return verify_chain(
                (dict(row._mapping) for row in rows),
                None if head is None else dict(head._mapping),
                key=self.key,
                expect=expect,
                activity=_activity(conn),
            )


def _activity(conn: Any) -> dict[str, int]:
    """What else the store holds: a store in use with an empty trail was wiped."""
    return {
        what: conn.execute(select(func.count()).select_from(table)).scalar_one()
        for what, table in (("credentials", credentials), ("API keys", api_keys))
    }
