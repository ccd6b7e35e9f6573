"""`harvestkit approvals`: plans waiting for a person (list, show, approve, decline).

Approving runs exactly the plan shown, with the approver's own Harvest credential and
grants, or refuses when Harvest changed under it; every decision goes to the audit trail.
"""

from __future__ import annotations

import asyncio
import json
from typing import Annotated

import typer
from rich.table import Table

from harvestkit.governance import (
    Approval,
    ApprovalStore,
    AuditLog,
    Policy,
    PolicyDocument,
    default_policy_path,
)

from ._people import EnvOption, UserOption, console, default_env, default_user, fail, store, when

app = typer.Typer(help="Plans waiting for approval: list, show, approve, decline.")

IdArgument = Annotated[int, typer.Argument(help="The approval request's id.")]


@app.command("list")
def list_(
    state: Annotated[
        str | None, typer.Option(help="pending, approved, declined, refused or failed.")
    ] = "pending",
    limit: Annotated[int, typer.Option(min=1, help="At most this many, newest first.")] = 50,
) -> None:
    """Approval requests (pending ones by default)."""
    found = ApprovalStore(store()).list(state=None if state == "all" else state, limit=limit)
    if not found:
        console.print(f"No {state} approval requests.")
        return
    table = Table("id", "created", "kind", "state")
    table.add_column("what", overflow="fold")
    for a in found:
        table.add_row(str(a.id), when(a.created_at), a.kind, a.state, a.title)
    console.print(table)


def _show(a: Approval) -> None:
    console.print(f"Approval request {a.id}: {a.title}", soft_wrap=True)
    console.print(f"state: {a.state}; created {when(a.created_at)}; kind {a.kind}")
    for d in a.details:  # Harvest text, quoted as data
        console.print(f"  {d['label']}: {json.dumps(d['value'], ensure_ascii=False)}")
    console.print("The exact Harvest requests approving it sends:")
    for r in a.plan.get("planned_requests", []):
        body = json.dumps(r.get("body"), ensure_ascii=False, sort_keys=True)
        console.print(f"  {r['method']} {r['path']} {body}", soft_wrap=True, markup=False)
    if a.result is not None:
        console.print("result: " + json.dumps(a.result, ensure_ascii=False)[:2000], markup=False)


@app.command()
def show(approval_id: IdArgument) -> None:
    """One request, with the exact Harvest requests approving it would send."""
    found = ApprovalStore(store()).get(approval_id)
    if found is None:
        fail(f"no approval request {approval_id}; see harvestkit approvals list")
    _show(found)


def _allowed(kind: str, user: str, env: str, policy: Policy, arguments: dict[str, object]) -> None:
    from harvestkit.tools.approvals import decision

    allowed = decision(policy, user, env, kind, dict(arguments))
    if not allowed.allowed:
        fail(allowed.reason)


@app.command()
def approve(approval_id: IdArgument, user: UserOption = None, env: EnvOption = None) -> None:
    """Run exactly the plan shown (refused if Harvest changed under it since)."""
    from harvestkit.api import RetryPolicy
    from harvestkit.tools import ToolContext, ToolError
    from harvestkit.tools import approvals as plans

    from .watch import harvest_client

    who, where = user or default_user(), env or default_env()
    db = store()
    approvals = ApprovalStore(db)
    found = approvals.get(approval_id)
    if found is None:
        fail(f"no approval request {approval_id}; see harvestkit approvals list")
    if found.state != "pending":
        fail(f"approval request {approval_id} is {found.state}, not pending")
    _allowed(
        found.kind,
        who,
        where,
        Policy(db, PolicyDocument.load(default_policy_path())),
        found.arguments,
    )

    async def run() -> plans.ApprovalResult:
        harvest, _, clock = harvest_client(
            db, sandbox=False, user=who, env=where, retry=RetryPolicy.interactive()
        )
        async with harvest:
            ctx = ToolContext(harvest=harvest, clock=clock)
            return await plans.approve(
                approvals, approval_id, ctx, by=who, env=where, audit=AuditLog(db)
            )

    try:
        done = asyncio.run(run())
    except ToolError as exc:
        fail(exc.message + (f" ({exc.hint})" if exc.hint else ""))
    _show(done.approval)
    if done.state != "approved":
        raise typer.Exit(1)


@app.command()
def decline(
    approval_id: IdArgument,
    reason: Annotated[str | None, typer.Option(help="Why, for the record.")] = None,
    user: UserOption = None,
    env: EnvOption = None,
) -> None:
    """Decline a request: nothing of its plan is ever run."""
    from harvestkit.tools import ToolError
    from harvestkit.tools import approvals as plans

    db = store()
    try:
        done = plans.decline(
            ApprovalStore(db),
            approval_id,
            by=user or default_user(),
            env=env or default_env(),
            reason=reason,
            audit=AuditLog(db),
        )
    except ToolError as exc:
        fail(exc.message)
    console.print(f"Approval request {done.id} declined; nothing was run.")
