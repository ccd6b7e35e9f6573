"""Execution statistics over the audit trail."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from harvestkit.governance import AuditEntry, AuditLog, Outcome, execution_stats, percentile
from harvestkit.store import Store

T0 = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [
        ([], 50, None),
        ([7.0], 99, 7.0),
        ([1.0, 2.0, 3.0, 4.0], 50, 2.0),
        ([1.0, 2.0, 3.0, 4.0], 95, 4.0),
    ],
)
def test_percentile_nearest_rank(values: list[float], q: float, expected: float | None) -> None:
    assert percentile(values, q) == expected


def test_per_tool_rates_and_percentiles(store: Store) -> None:
    log = AuditLog(store)
    for ms in range(1, 101):  # 100 calls of 1..100 ms, every tenth one failing
        outcome: Outcome = "error" if ms % 10 == 0 else "ok"
        log.append(AuditEntry("alice", "prod", "log_time", outcome, duration=ms / 1000, at=T0))
    log.append(AuditEntry("alice", "prod", "log_time", "refused", at=T0))
    log.append(AuditEntry("bob", "prod", "budget_status", "ok", duration=0.5, at=T0))
    log.append(
        AuditEntry("bob", "prod", "budget_status", "ok", duration=9, at=T0 - timedelta(days=2))
    )
    stats = execution_stats(store, since=T0 - timedelta(hours=1))
    assert [s.tool for s in stats] == ["budget_status", "log_time"]
    budget, log_time = stats
    assert (budget.calls, budget.p99_ms) == (1, 500.0)
    assert (log_time.calls, log_time.ok, log_time.errors, log_time.refused) == (101, 90, 10, 1)
    assert log_time.error_rate == pytest.approx(0.1)
    assert log_time.success_rate == pytest.approx(0.9)
    assert (log_time.p50_ms, log_time.p95_ms, log_time.p99_ms) == (50.0, 95.0, 99.0)


def test_only_refusals_have_no_rates(store: Store) -> None:
    AuditLog(store).append(AuditEntry("alice", "prod", "send_invoice", "refused", at=T0))
    (stats,) = execution_stats(store)
    assert stats.error_rate is None and stats.p50_ms is None
    assert execution_stats(store, until=T0) == []
