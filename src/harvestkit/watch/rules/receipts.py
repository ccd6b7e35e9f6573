"""A folder of receipts: each new file becomes an approval request for ``add_expense``'s
exact plan (or a recorded question, or a recorded refusal), and one notification."""

from __future__ import annotations

from pathlib import Path

from .._config import ReceiptsRule
from ..receipt_folder import FileOutcome, ReceiptFolder
from ._check import Check

__all__ = ["check_receipts"]

_SUBJECTS = {
    "proposed": "A receipt is ready to expense: approval request {approval_id}",
    "needs_answer": "A receipt needs an answer before it can be expensed",
    "refused": "A receipt could not be expensed",
}


def _act(outcome: FileOutcome) -> dict[str, object] | None:
    if outcome.approval_id is None:
        return None
    return {
        "approve": f"harvestkit approvals approve {outcome.approval_id}",
        "decline": f"harvestkit approvals decline {outcome.approval_id}",
        "tool": "approvals",
        "arguments": {"action": "approve", "id": outcome.approval_id},
    }


async def check_receipts(check: Check, rule: ReceiptsRule) -> None:
    assert rule.folder is not None  # the configuration refuses an enabled rule without one
    folder = ReceiptFolder(
        Path(rule.folder).expanduser().resolve(),
        check.ctx,
        check.approvals,
        check.state,
        owner=rule.owner or check.user,
        settle=rule.settle_seconds,
    )
    for outcome in await folder.scan():
        check.notify(
            f"receipt:{outcome.sha256}",
            rule="receipts",
            subject=_SUBJECTS[outcome.outcome].format(approval_id=outcome.approval_id),
            payload={"figures": outcome.as_dict(), "act": _act(outcome)},
            channels=rule.channels,
        )
