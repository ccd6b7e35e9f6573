"""The audit trail's chain: how a record's hash is made, and how a trail is checked.

Each record's hash is ``SHA-256(prev_hash + canonical JSON of the record)``, or, when an
audit key is configured (``HARVESTKIT_AUDIT_KEY``, kept apart from the database),
``HMAC-SHA-256(key, …)`` of the same bytes: without the key nobody can write a record that
verifies, so a rewritten chain shows even where the head row was rewritten with it.

What the chain alone cannot show is a cut at the end together with a rewritten head row,
or a trail wiped whole: both look like a shorter, intact trail. Two checks close that:

* ``--expect SEQ:HASH``: a head printed earlier (by ``audit verify`` or ``export``) and
  kept elsewhere must still be in the chain, with that hash;
* an empty trail in a store that holds credentials, API keys or approvals is reported, not
  called intact.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ._redact import canonical_json

__all__ = [
    "AUDIT_KEY_ENV",
    "GENESIS_HASH",
    "Head",
    "Verification",
    "audit_key_from_env",
    "link_hash",
    "verify_chain",
]

GENESIS_HASH = "0" * 64
AUDIT_KEY_ENV = "HARVESTKIT_AUDIT_KEY"


def audit_key_from_env() -> bytes | None:
    """The audit key from the environment, if one is set."""
    value = os.environ.get(AUDIT_KEY_ENV, "")
    return value.encode() if value else None


@dataclass(frozen=True)
class Head:
    """A chain head as printed: the last sequence number and its hash."""

    seq: int
    hash: str

    @classmethod
    def parse(cls, text: str) -> Head:
        """``SEQ:HASH`` → Head; raises ValueError on anything else."""
        seq, sep, digest = text.strip().partition(":")
        if not sep or not seq.isdigit() or len(digest) != 64:
            raise ValueError(f"expected SEQ:HASH (a number, a colon, 64 hex digits), not {text!r}")
        int(digest, 16)
        return cls(int(seq), digest.lower())

    def __str__(self) -> str:
        return f"{self.seq}:{self.hash}"


@dataclass(frozen=True)
class Verification:
    """The result of a check: ``broken_at`` is the first bad sequence number."""

    ok: bool
    checked: int
    head_seq: int
    head_hash: str
    broken_at: int | None = None
    problem: str | None = None
    keyed: int = 0
    """How many records carry the audit key's HMAC (0 without a key)."""

    @property
    def head(self) -> Head:
        """The head of the chain as checked."""
        return Head(self.head_seq, self.head_hash)


def link_hash(prev_hash: str, columns: Mapping[str, Any], key: bytes | None = None) -> str:
    """A record's hash: SHA-256, or HMAC-SHA-256 under ``key``."""
    body = {k: v for k, v in columns.items() if k != "hash"}
    data = (prev_hash + canonical_json(body)).encode()
    if key is None:
        return hashlib.sha256(data).hexdigest()
    return hmac.new(key, data, hashlib.sha256).hexdigest()


@dataclass
class _Walk:
    prev_hash: str = GENESIS_HASH
    expected: int = 1
    checked: int = 0
    keyed: int = 0
    hashes: dict[int, str] | None = None

    def fail(self, at: int, problem: str) -> Verification:
        last = self.expected - 1
        return Verification(False, self.checked, last, self.prev_hash, at, problem, self.keyed)


def verify_chain(
    rows: Iterator[Mapping[str, Any]],
    head: Mapping[str, Any] | None,
    *,
    key: bytes | None = None,
    expect: Head | None = None,
    activity: Mapping[str, int] | None = None,
) -> Verification:
    """Recompute the chain; report the first record edited, removed, moved or forged, a
    cut behind ``expect``, and an empty trail where ``activity`` shows the store was used."""
    walk = _Walk()
    for columns in rows:
        problem = _link_problem(walk, columns, key)
        if problem:
            return walk.fail(walk.expected, problem)
        if expect is not None and columns["seq"] == expect.seq and columns["hash"] != expect.hash:
            return walk.fail(expect.seq, f"record {expect.seq} is not the one noted: rewritten")
        walk.prev_hash, walk.expected = columns["hash"], walk.expected + 1
        walk.checked += 1
    return _ending(walk, head, key, expect, activity or {})


def _link_problem(walk: _Walk, columns: Mapping[str, Any], key: bytes | None) -> str | None:
    n = walk.expected
    if columns["seq"] != n:
        return f"record {n} is missing (the next one is {columns['seq']})"
    if columns["prev_hash"] != walk.prev_hash:
        return f"record {n} does not follow record {n - 1} (removed or moved)"
    if key is not None and link_hash(walk.prev_hash, columns, key) == columns["hash"]:
        walk.keyed += 1
        return None
    if link_hash(walk.prev_hash, columns) != columns["hash"]:
        return f"record {n} was changed after it was written"
    if key is not None and walk.keyed:
        return f"record {n} lacks the audit key's signature though earlier records carry it"
    return None


def _ending(
    walk: _Walk,
    head: Mapping[str, Any] | None,
    key: bytes | None,
    expect: Head | None,
    activity: Mapping[str, int],
) -> Verification:
    last = walk.expected - 1
    if head is not None and head["seq"] > last:
        return walk.fail(last + 1, f"records {last + 1} to {head['seq']} were removed from the end")
    if head is not None and (head["seq"] != last or head["hash"] != walk.prev_hash):
        return walk.fail(last, f"record {last} does not match the chain head")
    if head is None and last:
        return walk.fail(1, "the chain head is missing")
    if expect is not None and expect.seq > last:
        return walk.fail(
            last + 1,
            f"the trail ends at record {last}, but record {expect.seq} was noted as its head: "
            "records were removed from the end",
        )
    if key is not None and last and not walk.keyed:
        return walk.fail(1, "no record carries the audit key's signature: the key differs")
    if not last and any(activity.values()):
        used = ", ".join(f"{count} {what}" for what, count in activity.items() if count)
        return walk.fail(
            1,
            f"the trail is empty, but this store holds {used}: if tool calls were ever made "
            "through it, the trail was wiped",
        )
    return Verification(True, walk.checked, last, walk.prev_hash, keyed=walk.keyed)
