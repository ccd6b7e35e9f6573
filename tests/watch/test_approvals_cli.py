"""`harvestkit approvals`: list, show the exact requests, decline; nothing runs twice."""

from __future__ import annotations

import pytest

from harvestkit.governance import ApprovalStore, AuditLog
from tests.cli.helpers import cli_env, run
from tests.store.fixtures import StoreSpec
from tests.watch.conftest import Bed
from tests.watch.test_accepted_estimate import _proposed

pytestmark = pytest.mark.anyio

__all__ = ["cli_env"]


async def test_list_show_and_decline(bed: Bed, cli_env: StoreSpec) -> None:
    _, pending = await _proposed(bed)
    listed = run("approvals", "list")
    assert listed.exit_code == 0 and str(pending.id) in listed.output
    shown = run("approvals", "show", str(pending.id))
    assert shown.exit_code == 0, shown.output
    assert "POST /v2/projects" in shown.output and "POST /v2/invoices" in shown.output
    ungranted = run("approvals", "approve", str(pending.id))
    assert ungranted.exit_code != 0 and "needs a write grant" in ungranted.output
    declined = run("approvals", "decline", str(pending.id), "--reason", "not yet")
    assert declined.exit_code == 0 and "nothing was run" in declined.output
    again = run("approvals", "approve", str(pending.id))
    assert again.exit_code != 0 and "declined, not pending" in again.output
    final = ApprovalStore(bed.store).get(pending.id)
    assert final is not None and final.state == "declined" and final.decided_by == "alice"
    [record] = AuditLog(bed.store).records(tool="approvals.decline")
    assert record.user == "alice" and record.arguments["approval"] == pending.id
