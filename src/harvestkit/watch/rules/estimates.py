"""Accepted estimates: each becomes one approval request holding estimate_to_project's
exact plan (project, tasks, assignments, deposit invoice). Nothing is created until a
person approves, unless the rule says ``without_approval`` and the policy lets the watch
run the tool without confirmation."""

from __future__ import annotations

from typing import Any

from harvestkit.api.operations import (
    ESTIMATES_LIST,
)
from harvestkit.tools import Detail, ToolError
from harvestkit.tools.approvals import approve, decision, propose
from harvestkit.tools.outcomes._common import sent

from .._config import EstimateRule
from ._check import Check
from ._poll import changed, save_cursor

__all__ = ["check_estimates"]

_CURSOR = "estimates:cursor"
_BEFORE = "estimates:accepted_before_watch"
KIND = "estimate_to_project"


def _runs_unasked(check: Check, arguments: dict[str, Any]) -> bool:
    if check.policy is None:
        return False
    allowed = decision(check.policy, check.user, check.env, KIND, arguments)
    return allowed.allowed and not allowed.needs_confirmation


async def check_estimates(check: Check, rule: EstimateRule) -> None:
    first_poll = check.state.get(_CURSOR) is None
    found = await changed(check, ESTIMATES_LIST, _CURSOR, state="accepted")
    if first_poll:  # accepted before the watch started: not news
        check.state.set(_BEFORE, sorted(e.id for e in found))
        save_cursor(check, _CURSOR, found)
        if check.state.get(_CURSOR) is None:
            check.state.set(_CURSOR, check.now().replace(microsecond=0).isoformat())
        return
    before = set(check.state.get(_BEFORE, []))
    for estimate in sorted(found, key=lambda e: e.id):
        if estimate.state != "accepted" or estimate.id in before:
            continue
        source = f"estimate:{estimate.id}:accepted"
        if check.seen(source):
            continue
        arguments: dict[str, Any] = {"estimate": str(estimate.id)}
        if rule.deposit_percent is not None:
            arguments["deposit_percent"] = rule.deposit_percent
        details = [
            Detail("estimate number", estimate.number or ""),
            Detail("client", sent(estimate.client).name or ""),
            Detail("subject", estimate.subject or ""),
        ]
        try:
            approval, _ = await propose(
                check.approvals,
                check.ctx,
                KIND,
                arguments,
                title=f"Create the project and deposit invoice of accepted estimate id "
                f"{estimate.id}",
                details=details,
                account_id=check.account_id,
                source=source,
            )
        except ToolError:
            continue  # e.g. no longer accepted by the time we looked
        if not approval.plan.get("planned_requests"):
            continue  # made already: nothing to approve
        ran = None
        if rule.without_approval and _runs_unasked(check, arguments):
            ran = await approve(
                check.approvals,
                approval.id,
                check.ctx,
                by=check.user,
                env=check.env,
                audit=check.audit,
            )
        act = {
            "approve": f"harvestkit approvals approve {approval.id}",
            "decline": f"harvestkit approvals decline {approval.id}",
            "tool": "approvals",
            "arguments": {"action": "approve", "id": approval.id},
        }
        check.notify(
            source,
            rule="estimates",
            subject=f"Estimate id {estimate.id} was accepted: approval request {approval.id}"
            + (f" ({ran.state} without approval)" if ran else ""),
            payload={
                "figures": {
                    "estimate_id": estimate.id,
                    "estimate_number": estimate.number,
                    "client": sent(estimate.client).name,
                    "amount": str(estimate.amount),
                    "currency": estimate.currency,
                    "approval_id": approval.id,
                    "planned_requests": len(approval.plan.get("planned_requests", [])),
                },
                "link": f"{check.link_base}/estimates/{estimate.id}",
                "act": None if ran else act,
            },
            channels=rule.channels,
        )
    save_cursor(check, _CURSOR, found)
