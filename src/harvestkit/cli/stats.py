"""`harvestkit stats`: per-tool success, errors and latency from the audit trail."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from harvestkit.governance import execution_stats

from ._people import console, parse_since, store


def _percent(rate: float | None) -> str:
    return "-" if rate is None else f"{rate:.1%}"


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def stats(
    since: Annotated[
        str, typer.Option("--since", help="Period start: 24h, 7d or an ISO date.")
    ] = "7d",
    until: Annotated[str | None, typer.Option("--until", help="Period end [default: now].")] = None,
) -> None:
    """Per-tool calls, success and error rates, and p50/p95/p99 latency over a period."""
    rows = execution_stats(store(), since=parse_since(since), until=parse_since(until))
    if not rows:
        console.print("No tool calls in this period.")
        return
    table = Table(caption="error rate and latency count executed calls; latency in ms")
    table.add_column("tool", overflow="fold")  # long tool names wrap, never cut
    for heading in ("calls", "ok", "err", "refused", "asked", "err %", "p50", "p95", "p99"):
        table.add_column(heading, justify="right")
    for s in rows:
        table.add_row(
            s.tool,
            str(s.calls),
            str(s.ok),
            str(s.errors),
            str(s.refused),
            str(s.needs_confirmation),
            _percent(s.error_rate),
            _ms(s.p50_ms),
            _ms(s.p95_ms),
            _ms(s.p99_ms),
        )
    console.print(table)
