"""`harvestkit audit`: read, verify and export the audit trail."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from harvestkit.governance import (
    AuditLog,
    AuditRecord,
    ExportFormat,
    Head,
    Verification,
    export_records,
)

from ._people import console, fail, parse_since, store

app = typer.Typer(help="The audit trail of tool calls: list, show, verify, export.")

SinceOption = Annotated[
    str | None, typer.Option("--since", help="From this time: 24h, 7d or an ISO date.")
]
UserFilter = Annotated[str | None, typer.Option("--user", help="Only this harvestkit user.")]
ToolFilter = Annotated[str | None, typer.Option("--tool", help="Only this tool.")]
OutcomeFilter = Annotated[
    str | None, typer.Option("--outcome", help="ok, error, refused or needs_confirmation.")
]


def _requests(record: AuditRecord) -> str:
    return "; ".join(f"{r['method']} {r['path']} → {r['status']}" for r in record.requests)


@app.command("list")
def list_(
    since: SinceOption = None,
    user: UserFilter = None,
    tool: ToolFilter = None,
    outcome: OutcomeFilter = None,
    limit: Annotated[int, typer.Option(help="At most this many, newest first.", min=1)] = 50,
) -> None:
    """The most recent tool calls."""
    log = AuditLog(store())
    records = log.records(
        since=parse_since(since),
        user=user,
        tool=tool,
        outcome=outcome,
        limit=limit,
        newest_first=True,
    )
    if not records:
        console.print("No audit records match.")
        return
    table = Table("seq", "time (UTC)", "user", "env")
    table.add_column("tool", overflow="fold")  # long tool names wrap, never cut
    for heading in ("outcome", "ms", "Harvest requests"):
        table.add_column(heading, overflow="fold")
    for r in records:
        table.add_row(
            str(r.seq),
            r.at[:19].replace("T", " "),
            r.user,
            r.env,
            r.tool,
            r.outcome,
            f"{r.duration_ms:.0f}",
            _requests(r),
        )
    console.print(table)


@app.command()
def show(seq: Annotated[int, typer.Argument(help="Sequence number of the record.")]) -> None:
    """One record in full (arguments are stored with secrets redacted)."""
    record = AuditLog(store()).get(seq)
    if record is None:
        fail(f"there is no audit record {seq}")
    console.print_json(json.dumps(record.as_dict(), ensure_ascii=False))


ExpectOption = Annotated[
    str | None,
    typer.Option(
        "--expect",
        help="SEQ:HASH, a head printed earlier and kept elsewhere: it must still be in the "
        "trail, which catches records cut from the end and a trail wiped whole.",
    ),
]


def _expected(expect: str | None) -> Head | None:
    try:
        return None if expect is None else Head.parse(expect)
    except ValueError as exc:
        fail(f"--expect: {exc}")


def _report(result: Verification) -> Head:
    """Exit 1 naming the first bad record, or return the verified head."""
    if not result.ok:
        fail(f"audit trail broken at record {result.broken_at}: {result.problem}")
    return result.head


@app.command()
def verify(expect: ExpectOption = None) -> None:
    """Recompute the hash chain; exit 1 and name the first bad record if it was tampered with.

    Prints the head as SEQ:HASH: keep it apart from the database and pass it back with
    --expect next time, so a cut at the end cannot pass unnoticed.
    """
    log = AuditLog(store())
    head = _report(log.verify(_expected(expect)))
    keyed = " (signed with the audit key)" if log.key is not None else ""
    console.print(f"Audit trail intact{keyed}: {head.seq} records, head {head}", soft_wrap=True)


@app.command()
def export(
    format: Annotated[str, typer.Option("--format", help="jsonl or csv.")] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write [default: stdout].")
    ] = None,
    since: SinceOption = None,
    user: UserFilter = None,
    tool: ToolFilter = None,
    expect: ExpectOption = None,
) -> None:
    """Write records as JSON Lines or CSV, oldest first, then verify the trail: the head
    goes to standard error as SEQ:HASH (keep it for the next --expect); a broken trail is
    still exported, and the command exits 1 naming the break."""
    if format not in ("jsonl", "csv"):
        fail(f"unknown format {format!r}; use jsonl or csv")
    fmt: ExportFormat = "jsonl" if format == "jsonl" else "csv"
    log = AuditLog(store())
    checked = log.verify(_expected(expect))
    records = log.records(since=parse_since(since), user=user, tool=tool)
    if output is None:
        export_records(records, fmt, sys.stdout)
        typer.echo(f"Audit trail head {_report(checked)}", err=True)
        return
    with output.open("w", encoding="utf-8", newline="") as handle:
        count = export_records(records, fmt, handle)
    head = _report(checked)
    console.print(f"Wrote {count} records to {output}. Audit trail head {head}", soft_wrap=True)
