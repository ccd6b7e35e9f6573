"""Fault injection, so clients can prove they lose nothing and double nothing.

Spec (CLI `--faults` as `key=value,…`; admin endpoint as JSON):
- `storm_seconds`: every API request answers 429 (Retry-After) for that long;
- `throttle_rate`: that fraction of requests answers 429 before acting;
- `error_rate`: that fraction answers 500/502/503 before acting;
- `error_after_commit_rate`: that fraction of writes commits, then answers 500;
- `drop_after_commit_rate`: that fraction of writes commits, then drops the connection
  without a response (observable over a real socket);
- `latency_ms`: every request waits that long first;
- `seed`: seeds the random draws, so a run can be repeated;
- `tokens`: only requests presenting one of these access tokens are faulted, the others
  pass untouched (`tokens=TOKEN_A|TOKEN_B` on the CLI, a list of strings as JSON). Without
  it every request is. Only those requests draw from the random sequence, so a seeded run
  faults them alike whatever else the sandbox serves.
"""

from __future__ import annotations

import math
import random
import threading
import time
from dataclasses import dataclass, fields
from typing import Any

_RATES = ("throttle_rate", "error_rate", "error_after_commit_rate", "drop_after_commit_rate")
_TOKEN_SEPARATOR = "|"


@dataclass
class FaultSpec:
    storm_seconds: float = 0.0
    throttle_rate: float = 0.0
    error_rate: float = 0.0
    error_after_commit_rate: float = 0.0
    drop_after_commit_rate: float = 0.0
    latency_ms: float = 0.0
    seed: int | None = None
    tokens: frozenset[str] | None = None

    @classmethod
    def parse(cls, text: str) -> FaultSpec:
        """`"error_rate=0.1,latency_ms=50"` → FaultSpec; raises ValueError on bad input."""
        values: dict[str, Any] = {}
        for item in filter(None, (part.strip() for part in text.split(","))):
            key, sep, raw = item.partition("=")
            if not sep:
                raise ValueError(f"fault {item!r} needs a value, like {item}=0.1")
            values[key.strip()] = raw.strip()
        return cls.from_mapping(values)

    @classmethod
    def from_mapping(cls, values: dict[str, Any]) -> FaultSpec:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(
                f"unknown fault {', '.join(unknown)}; known: {', '.join(sorted(known))}"
            )
        spec = cls()
        for key, raw in values.items():
            if key == "tokens":
                spec.tokens = _tokens(raw)
                continue
            try:
                if key == "seed":
                    spec.seed = None if raw is None else int(raw)
                    continue
                value = float(raw)
            except (TypeError, ValueError) as exc:
                raise ValueError(f"fault {key} must be a number, not {raw!r}") from exc
            if not math.isfinite(value) or value < 0:
                raise ValueError(f"fault {key} must be a non-negative number")
            if key in _RATES and value > 1:
                raise ValueError(f"fault {key} is a fraction between 0 and 1")
            setattr(spec, key, value)
        return spec

    def as_dict(self) -> dict[str, Any]:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values["tokens"] = None if self.tokens is None else sorted(self.tokens)
        return values

    def applies_to(self, token: str | None) -> bool:
        """Whether a request presenting `token` (None: no token) is subject to faults."""
        return self.tokens is None or token in self.tokens


def _tokens(raw: Any) -> frozenset[str] | None:
    """`tokens` as given: None (every request), "a|b" from the CLI, or a list from JSON."""
    if raw is None:
        return None
    if isinstance(raw, str):
        items: list[Any] = raw.split(_TOKEN_SEPARATOR) if raw.strip() else []
    elif isinstance(raw, list | tuple | set | frozenset):
        items = list(raw)
    else:
        raise ValueError(f"fault tokens must be a list of access tokens, not {raw!r}")
    if not items:
        raise ValueError(
            "fault tokens needs at least one token; leave it out to fault every request"
        )
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise ValueError(f"fault tokens must be non-empty strings, not {item!r}")
    return frozenset(item.strip() for item in items)


class Faults:
    """The live fault state of one sandbox."""

    def __init__(self, spec: FaultSpec | None = None) -> None:
        self._lock = threading.Lock()
        self._spec = FaultSpec()
        self._random = random.Random()
        self._storm_until = 0.0
        self.injected: dict[str, int] = {}
        self.replace(spec or FaultSpec())

    @property
    def spec(self) -> FaultSpec:
        return self._spec

    def replace(self, spec: FaultSpec) -> None:
        with self._lock:
            self._spec = spec
            self._random = random.Random(spec.seed)
            self._storm_until = time.monotonic() + spec.storm_seconds if spec.storm_seconds else 0
            self.injected = {}

    def update(self, **values: Any) -> None:
        merged = self._spec.as_dict() | values
        self.replace(FaultSpec.from_mapping(merged))

    def clear(self) -> None:
        self.replace(FaultSpec())

    def _draw(self, rate: float) -> bool:
        return rate > 0 and self._random.random() < rate

    def _count(self, name: str) -> None:
        self.injected[name] = self.injected.get(name, 0) + 1

    def before(self, token: str | None = None) -> tuple[str, int] | None:
        """A fault to answer a request presenting `token` with before acting:
        ("throttle", retry_after) or ("error", status)."""
        with self._lock:
            if not self._spec.applies_to(token):
                return None
            remaining = self._storm_until - time.monotonic()
            if remaining > 0:
                self._count("storm")
                return "throttle", max(1, math.ceil(remaining))
            if self._draw(self._spec.throttle_rate):
                self._count("throttle")
                return "throttle", 1
            if self._draw(self._spec.error_rate):
                self._count("error")
                return "error", self._random.choice((500, 502, 503))
            return None

    def after_commit(self, token: str | None = None) -> str | None:
        """For a write committed for `token`: "drop", "error" or None."""
        with self._lock:
            if not self._spec.applies_to(token):
                return None
            if self._draw(self._spec.drop_after_commit_rate):
                self._count("drop_after_commit")
                return "drop"
            if self._draw(self._spec.error_after_commit_rate):
                self._count("error_after_commit")
                return "error"
            return None

    def latency(self, token: str | None = None) -> float:
        """Seconds a request presenting `token` waits before anything else."""
        spec = self._spec
        return spec.latency_ms / 1000.0 if spec.applies_to(token) else 0.0
