"""Finding the record a create would have made, when its response was lost.

A POST is never retried blindly. After a 5xx or a lost connection the client asks Harvest
for the record the POST would have made, and claims a record only when it is provably
this request's own:

* **keyed** time entries carry a key in ``external_reference`` with group ``harvestkit``:
  a fresh marker the client stamps, or an idempotency key the caller chose
  (``idempotency_reference``). Keys are unique by contract, so the record carrying the
  key is the one this request made, looked up with ``external_reference_id``.
* every other create with a natural key (its row's ``natural_key``) is checked **before
  and after**: the client lists the records matching the natural key before it first
  sends the POST and again after the failure. Only a match that was not there before
  counts; two identical expenses on one day are two records, never one found twice.

A single new match is the record made; none (after a recheck when no answer came back)
proves the create did not happen, so it is retried; several, or a create with neither a
key nor a natural key, leave the outcome unknown: ``UncertainWriteError`` with what was
found. The limit: another writer creating an identical record in the same seconds makes
two new matches, reported as uncertain rather than guessed.

This module only plans lookups and judges items; the clients do the I/O.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from .operations import Operation

__all__ = [
    "MARKER_GROUP",
    "Lookup",
    "idempotency_reference",
    "matches",
    "plan_lookup",
    "stamp_marker",
]

MARKER_GROUP = "harvestkit"
MARKER_PERMALINK = "https://github.com/harvestkit/harvestkit"
_TIME_ENTRY_CREATES = ("time_entries.create", "time_entries.create_by_times")
# Server and client clocks differ; list records updated this far before the request.
_SKEW = timedelta(minutes=10)


@dataclass(frozen=True)
class Lookup:
    """A list call whose items are checked against ``expected``."""

    list_op: Operation[Any]
    args: dict[str, Any]
    expected: dict[str, Any]
    keyed: bool
    """True when the request carried a unique key: any match is its record. Otherwise a
    match counts only if it was not among the matches listed before the request."""

    def claimable(
        self, items: list[dict[str, Any]], before: frozenset[Any]
    ) -> list[dict[str, Any]]:
        """The items this request can have made: matching, and new unless keyed."""
        found = [item for item in items if matches(item, self.expected)]
        return found if self.keyed else [item for item in found if item.get("id") not in before]


def idempotency_reference(key: str) -> dict[str, str]:
    """An ``external_reference`` that makes a time entry create idempotent by ``key``.

    Harvest stores the reference with the entry, so the entry can be found by its key
    from any process: a resumed script asks ``time_entries.list(external_reference_id=key)``
    before creating again, and the client's own recovery after a lost response trusts the
    key. Use each key for one entry only; the entry shows no link in Harvest's interface.
    """
    if not key or len(key) > 255:
        raise ValueError("an idempotency key is 1 to 255 characters")
    return {"id": key, "group_id": MARKER_GROUP, "permalink": MARKER_PERMALINK}


def stamp_marker(op: Operation[Any], body: Any) -> Any:
    """Add a unique ``external_reference`` to a time entry create that has none."""
    if op.name not in _TIME_ENTRY_CREATES or not isinstance(body, dict):
        return body
    if body.get("external_reference") is not None:
        return body
    return {**body, "external_reference": idempotency_reference(f"hk-{uuid.uuid4()}")}


def plan_lookup(
    op: Operation[Any], sent: Any, path_values: dict[str, Any], sent_at: datetime
) -> Lookup | None:
    """How to find what ``op`` would have created from ``sent``; ``None`` if there is no way."""
    if op.natural_key is None or not isinstance(sent, dict):
        return None
    list_op, fields = op.natural_key.list_op, op.natural_key.fields
    reference = sent.get("external_reference") or {}
    if op.name in _TIME_ENTRY_CREATES and reference.get("id"):
        key = reference["id"]
        args = {"external_reference_id": key}
        if reference.get("group_id") == MARKER_GROUP:
            return Lookup(list_op, args, {"external_reference.id": key}, keyed=True)
        # The caller's own link (an issue, a card) is shared by many entries: not a key,
        # but a cheap filter for the before/after check.
        expected = {name: sent[name] for name in fields if name in sent}
        return Lookup(list_op, args, expected | {"external_reference.id": key}, keyed=False)
    expected = {name: sent[name] for name in fields if name in sent}
    args = dict(path_values) | _filters(list_op, expected, sent_at)
    return Lookup(list_op, args, expected, keyed=False)


def _filters(
    list_op: Operation[Any], expected: dict[str, Any], sent_at: datetime
) -> dict[str, Any]:
    accepted = set(list_op.params.model_fields) if list_op.params else set()
    filters = {k: v for k, v in expected.items() if k in accepted and k.endswith("_id")}
    if "updated_since" in accepted:
        filters["updated_since"] = sent_at - _SKEW
    if "spent_date" in expected and {"from_", "to"} <= accepted:
        filters["from_"] = filters["to"] = expected["spent_date"]
    return filters


def matches(item: dict[str, Any], expected: dict[str, Any]) -> bool:
    """Whether a raw list item carries every expected value."""
    return all(_same(_read(item, name), value) for name, value in expected.items())


def _read(item: dict[str, Any], name: str) -> Any:
    if "." in name:
        head, rest = name.split(".", 1)
        inner = item.get(head)
        return _read(inner, rest) if isinstance(inner, dict) else None
    if name in item:
        return item[name]
    if name.endswith("_id") and isinstance(item.get(name[:-3]), dict):
        return item[name[:-3]].get("id")
    return None


def _same(actual: Any, wanted: Any) -> bool:
    if wanted is None or isinstance(wanted, bool) or isinstance(actual, bool):
        return bool(actual == wanted)
    try:
        return Decimal(str(actual)) == Decimal(str(wanted))
    except (InvalidOperation, ValueError):
        return str(actual) == str(wanted)
