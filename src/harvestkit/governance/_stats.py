"""Execution statistics from the audit trail: per tool, over a period."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from ..store import Store, audit_records
from ._audit import format_time

__all__ = ["ToolStats", "execution_stats", "percentile"]


@dataclass(frozen=True)
class ToolStats:
    """How one tool fared. Rates and latencies count executed calls (ok or error) only;
    refused and unconfirmed calls never reached Harvest. Latencies are in milliseconds."""

    tool: str
    calls: int
    ok: int
    errors: int
    refused: int
    needs_confirmation: int
    success_rate: float | None
    error_rate: float | None
    p50_ms: float | None
    p95_ms: float | None
    p99_ms: float | None


def percentile(sorted_values: list[float], q: float) -> float | None:
    """The nearest-rank ``q``-th percentile (0 < q ≤ 100) of ascending values."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(q / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def execution_stats(
    store: Store, *, since: datetime | None = None, until: datetime | None = None
) -> list[ToolStats]:
    """Per-tool counts, success and error rates and p50/p95/p99 latency, by tool name."""
    t = audit_records
    query = select(t.c.tool, t.c.outcome, t.c.duration_us)
    if since is not None:
        query = query.where(t.c.at >= format_time(since))
    if until is not None:
        query = query.where(t.c.at < format_time(until))
    outcomes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    latencies: dict[str, list[float]] = defaultdict(list)
    with store.read() as conn:
        for tool, outcome, duration_us in conn.execute(query):
            outcomes[tool][outcome] += 1
            if outcome in ("ok", "error"):
                latencies[tool].append(duration_us / 1000)
    return [_stats(tool, outcomes[tool], sorted(latencies[tool])) for tool in sorted(outcomes)]


def _stats(tool: str, counts: dict[str, int], latency: list[float]) -> ToolStats:
    ok, errors = counts["ok"], counts["error"]
    executed = ok + errors
    return ToolStats(
        tool=tool,
        calls=sum(counts.values()),
        ok=ok,
        errors=errors,
        refused=counts["refused"],
        needs_confirmation=counts["needs_confirmation"],
        success_rate=ok / executed if executed else None,
        error_rate=errors / executed if executed else None,
        p50_ms=percentile(latency, 50),
        p95_ms=percentile(latency, 95),
        p99_ms=percentile(latency, 99),
    )
