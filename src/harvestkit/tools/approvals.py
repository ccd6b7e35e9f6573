"""Plans that wait for a person: propose a confirmation tool's exact plan, run it on approval.

A tool that asks before acting (``needs_confirmation``) has one plan: the exact Harvest
requests it would send, worked out from Harvest as it is now. ``propose`` stores that
plan's preview as the approval request. ``approve`` works the plan out again and
compares: equal, it runs that very plan and so sends exactly the requests shown;
different, Harvest changed under it and it refuses, changing nothing, with both previews
in the result. Every approval, refusal and decline is written to the audit trail.

Tools with a planner of their own (``PLANNERS``: the plan value their question, dry run
and execution share) are run through it; any other confirmation tool through its dry run
and a confirmed call.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from harvestkit.api import HarvestError
from harvestkit.governance import (
    Approval,
    ApprovalStore,
    AuditEntry,
    AuditLog,
    Decision,
    Policy,
    ToolFacts,
    decide,
)

from ._catalog import execute, parse_arguments
from ._errors import from_harvest_error
from ._tool import Detail, Tool, ToolContext, ToolError
from .outcomes import OUTCOME_TOOLS
from .outcomes.estimate_to_project import plan_estimate_to_project

Planner = Callable[[ToolContext, Any], Awaitable[Any]]
PLANNERS: dict[str, Planner] = {"estimate_to_project": plan_estimate_to_project}
"""Tool name → its planner: (context, parsed arguments) → a value with ``preview`` (the
dry run's output), ``plan`` (a ``Plan``) and ``finish(results)`` (the run's output)."""

__all__ = [
    "ApprovalResult",
    "approve",
    "decision",
    "decline",
    "dry_run",
    "proposable",
    "propose",
]

_IGNORED = frozenset({"dry_run"})
"""Fields of a dry run that differ from the run's own output by design."""


def proposable(kind: str) -> Tool:
    """The confirmation tool called ``kind``: one that always asks first, or one that asks
    when it proposes (a ``confirm`` argument of its own, as ``add_expense`` from a receipt)."""
    for tool in OUTCOME_TOOLS:
        if tool.name == kind and (
            tool.needs_confirmation or "confirm" in tool.input_model.model_fields
        ):
            return tool
    raise ToolError(f"no tool {kind!r} takes approvals", hint="use a tool that asks first")


def _shown(preview: Any) -> dict[str, Any]:
    data: dict[str, Any] = preview.model_dump(mode="json")
    return {k: v for k, v in data.items() if k not in _IGNORED}


async def _planned(tool: Tool, ctx: ToolContext, arguments: dict[str, Any]) -> Any:
    args = parse_arguments(tool, {**arguments, "dry_run": True, "confirm": False})
    try:
        return await PLANNERS[tool.name](ctx, args)
    except HarvestError as exc:
        raise await from_harvest_error(ctx.harvest, exc) from None


def decision(policy: Policy, user: str, env: str, kind: str, arguments: dict[str, Any]) -> Decision:
    """Whether ``user`` in ``env`` may run the plan of ``kind`` (and must confirm first)."""
    tool = proposable(kind)
    facts = ToolFacts(
        name=tool.name,
        toolset=tool.toolset,
        read_only=tool.read_only,
        destructive=tool.annotations.destructive,
        moves_money=tool.moves_money,
    )
    return decide(policy.principal(user, env), facts, arguments)


async def dry_run(tool: Tool, ctx: ToolContext, arguments: dict[str, Any]) -> dict[str, Any]:
    """The tool's plan for ``arguments``, as JSON-ready data, without changing anything."""
    if tool.name in PLANNERS:
        return _shown((await _planned(tool, ctx, arguments)).preview)
    return _shown(await execute(tool, ctx, {**arguments, "dry_run": True, "confirm": False}))


async def _run_if_unchanged(
    tool: Tool, ctx: ToolContext, arguments: dict[str, Any], shown: Any
) -> tuple[str, Any]:
    """Work the plan out again; run it only if it is still what was shown."""
    if tool.name in PLANNERS:
        planned = await _planned(tool, ctx, arguments)
        now = _shown(planned.preview)
    else:
        planned, now = None, await dry_run(tool, ctx, arguments)
    if now != shown:
        reason = "Harvest changed since this plan was shown; nothing was done"
        return "refused", {"reason": reason, "shown": shown, "now": now}
    if planned is None:
        out = await execute(tool, ctx, {**arguments, "confirm": True})
        return "approved", out.model_dump(mode="json")
    try:
        results = await planned.plan.run(ctx.harvest)
    except HarvestError as exc:
        error = await from_harvest_error(ctx.harvest, exc)
        return "failed", {"reason": error.message, "hint": error.hint}
    return "approved", planned.finish(results).model_dump(mode="json")


async def propose(
    approvals: ApprovalStore,
    ctx: ToolContext,
    kind: str,
    arguments: dict[str, Any],
    *,
    title: str,
    details: Sequence[Detail] = (),
    account_id: int | None = None,
    source: str | None = None,
) -> tuple[Approval, bool]:
    """Store the plan ``kind`` has for ``arguments`` as a pending approval request."""
    plan = await dry_run(proposable(kind), ctx, arguments)
    return approvals.propose(
        kind,
        title=title,
        arguments=arguments,
        plan=plan,
        details=[{"label": d.label, "value": d.value} for d in details],
        account_id=account_id,
        source=source,
        at=ctx.now().timestamp(),
    )


@dataclass(frozen=True)
class ApprovalResult:
    """How an approval ended: ``state`` approved, refused or failed, and what it returned."""

    approval: Approval
    state: str
    result: Any


def _audit(
    audit: AuditLog | None, approval: Approval, by: str, env: str, outcome: Any, result: Any
) -> None:
    if audit is None:
        return
    error = result.get("reason") if isinstance(result, dict) else None
    audit.append(
        AuditEntry(
            user=by,
            env=env,
            tool=f"approvals.{'decline' if outcome == 'declined' else 'approve'}",
            outcome="ok" if outcome in ("approved", "declined") else "refused",
            arguments={"approval": approval.id, "kind": approval.kind, **approval.arguments},
            result=result,
            account_id=approval.account_id,
            error=error if outcome != "approved" else None,
        )
    )


def _pending(approvals: ApprovalStore, approval_id: int) -> Approval:
    found = approvals.get(approval_id)
    if found is None:
        raise ToolError(f"no approval request {approval_id}", hint="list them with approvals list")
    if found.state != "pending":
        raise ToolError(
            f"approval request {approval_id} is {found.state}, not pending",
            hint="only pending requests can be approved or declined",
        )
    return found


async def approve(
    approvals: ApprovalStore,
    approval_id: int,
    ctx: ToolContext,
    *,
    by: str,
    env: str = "default",
    audit: AuditLog | None = None,
) -> ApprovalResult:
    """Run exactly the plan that was shown, or refuse if Harvest changed under it."""
    approval = _pending(approvals, approval_id)
    if not approvals.claim(approval_id, by=by):
        raise ToolError(f"approval request {approval_id} was decided meanwhile")
    tool = proposable(approval.kind)
    try:
        state, result = await _run_if_unchanged(tool, ctx, approval.arguments, approval.plan)
    except ToolError as exc:
        state, result = "failed", {"reason": exc.message, "hint": exc.hint}
    except Exception as exc:  # record the failure, then let it surface
        approvals.finish(approval_id, "failed", by=by, result={"reason": type(exc).__name__})
        _audit(audit, approval, by, env, "failed", {"reason": type(exc).__name__})
        raise
    approvals.finish(approval_id, state, by=by, result=result)  # type: ignore[arg-type]
    _audit(audit, approval, by, env, state, result)
    final = approvals.get(approval_id)
    assert final is not None
    return ApprovalResult(final, state, result)


def decline(
    approvals: ApprovalStore,
    approval_id: int,
    *,
    by: str,
    env: str = "default",
    reason: str | None = None,
    audit: AuditLog | None = None,
) -> Approval:
    """Decline a pending request: nothing of its plan is ever run."""
    approval = _pending(approvals, approval_id)
    if not approvals.decline(approval_id, by=by, reason=reason):
        raise ToolError(f"approval request {approval_id} was decided meanwhile")
    _audit(audit, approval, by, env, "declined", {"reason": reason} if reason else None)
    final = approvals.get(approval_id)
    assert final is not None
    return final
