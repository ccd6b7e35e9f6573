"""Names prepared once for matching, and a cache that finds them again.

Scoring a query against every candidate one call at a time in Python costs a third of a
second over 10 000 projects. A `NameIndex` holds every name already normalized, so a query
that names a candidate exactly is one dict look-up, and fuzzy scoring is one rapidfuzz call
per scorer over de-duplicated strings.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from rapidfuzz import fuzz, process, utils

__all__ = ["COMBINED", "IdentityCache", "NameIndex", "normalize"]

COMBINED = 3
"""Position in a candidate's names of the combined "client project" name, where present."""

_FILLER = re.compile(r"\b(the|account|project|client|on|for|task)\b", re.IGNORECASE)

T = TypeVar("T")


def normalize(query: str) -> str:
    """`query` as names are compared: filler words ("the … project") dropped, then
    rapidfuzz's default processing (lower case, punctuation as spaces, trimmed)."""
    cleaned = _FILLER.sub(" ", query).strip() or query
    return utils.default_process(cleaned)


class _Group:
    """Distinct normalized names scored by one scorer, each with the candidates it names.

    1 000 clients' names are scored once, not once per project; rapidfuzz scores them all
    in one C loop that stops early on strings that cannot reach the cutoff.
    """

    def __init__(self, scorer: Any) -> None:
        self.scorer = scorer
        self.strings: list[str] = []
        self.owners: list[list[int]] = []
        self._where: dict[str, int] = {}

    def add(self, name: str, position: int) -> None:
        at = self._where.get(name)
        if at is None:
            at = self._where[name] = len(self.strings)
            self.strings.append(name)
            self.owners.append([])
        if not self.owners[at] or self.owners[at][-1] != position:
            self.owners[at].append(position)

    def scores(self, query: str, cutoff: float, best: dict[int, float]) -> None:
        """Raise `best[position]` to each candidate's score here, where at least `cutoff`."""
        found = process.extract(
            query, self.strings, scorer=self.scorer, processor=None, limit=None, score_cutoff=cutoff
        )
        for _, score, at in found:
            for position in self.owners[at]:
                if score > best.get(position, -1.0):
                    best[position] = score


class NameIndex:
    """Every name of every candidate in a pool, normalized; candidates are positions.

    Single names (a project's name or code, a client's name, a person's name or email) are
    scored with WRatio, which forgives typos and partial words. The combined "client
    project" name uses the token set ratio only, since WRatio's partial matching would let
    "Website Redesign" match "… Website Maintenance".
    """

    def __init__(self, pool: Sequence[tuple[str, ...]]) -> None:
        """Index a pool given as each candidate's names, in pool order."""
        self._exact: dict[str, list[int]] = {}
        self._single = _Group(fuzz.WRatio)
        self._combined = _Group(fuzz.token_set_ratio)
        for position, names in enumerate(pool):
            for slot, name in enumerate(names):
                normalized = utils.default_process(name) if name else ""
                if not normalized:
                    continue
                owners = self._exact.setdefault(normalized, [])
                if not owners or owners[-1] != position:
                    owners.append(position)
                (self._combined if slot == COMBINED else self._single).add(normalized, position)

    def named(self, query: str) -> tuple[int, ...]:
        """Positions of the candidates one of whose names is `query` (normalized), in pool
        order."""
        return tuple(self._exact.get(query, ())) if query else ()

    def scores(self, query: str, cutoff: float) -> dict[int, float]:
        """Each candidate's best score for `query` (normalized), for those scoring at least
        `cutoff`."""
        best: dict[int, float] = {}
        if query:
            self._single.scores(query, cutoff, best)
            self._combined.scores(query, cutoff, best)
        return best


class IdentityCache(Generic[T]):
    """Values derived from long-lived tuples, found again by the tuple's identity.

    The reference tuples are cached per user for minutes and reused by every call meanwhile;
    hashing or comparing 10 000 records to find their index would cost as much as
    building it, so the key is the object itself. Each entry holds its tuple, so an id is
    never reused while its entry lives; the least recently used entry goes first.
    """

    def __init__(self, slots: int) -> None:
        self._slots = slots
        self._entries: OrderedDict[int, tuple[object, T]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, source: tuple[Any, ...], build: Callable[[], T]) -> T:
        """The value built for this very tuple, building it on first use."""
        key = id(source)
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry[0] is source:
                self._entries.move_to_end(key)
                return entry[1]
        value = build()  # outside the lock: two threads may build once each, harmlessly
        with self._lock:
            self._entries[key] = (source, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self._slots:
                self._entries.popitem(last=False)
        return value
