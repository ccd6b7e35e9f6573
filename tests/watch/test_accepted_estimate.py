"""An accepted estimate becomes one approval request holding estimate_to_project's plan;
approving creates exactly what it listed, declining nothing, and a plan Harvest changed
under is refused."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from harvestkit.api import AsyncHarvest
from harvestkit.governance import ApprovalStore, AuditLog
from harvestkit.tools import ToolContext
from harvestkit.tools.approvals import approve, decline
from tests.tools.outcomes.conftest import NY_EVENING
from tests.watch.conftest import Bed, harvest_on

pytestmark = pytest.mark.anyio

RULES = {"estimates": {"deposit_percent": 30}}


class Writes(httpx.AsyncBaseTransport):
    """Passes requests to the sandbox and keeps (method, path, body) of every write."""

    def __init__(self, app: Any) -> None:
        self.inner = httpx.ASGITransport(app=app)
        self.writes: list[tuple[str, str]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method != "GET":
            self.writes.append((request.method, request.url.path))
        return await self.inner.handle_async_request(request)


async def _accept_one(bed: Bed) -> int:
    """Mark a sent estimate (with line items) accepted; its id."""
    async with bed.admin() as h:
        sent = [e async for e in h.paginate("estimates.list", state="sent") if e.line_items]
        assert sent, "the demo company has no sent estimate"
        estimate = sent[0]
        await h.call("estimates.messages.mark_accepted", estimate_id=estimate.id)
    return int(estimate.id)


async def _proposed(bed: Bed) -> tuple[int, Any]:
    bed.clock.set(NY_EVENING)
    worker = bed.worker(bed.config(**RULES))
    assert (await worker.poll()).noticed == []
    estimate_id = await _accept_one(bed)
    bed.clock.advance(60)
    result = await worker.poll()
    assert result.error is None
    assert result.noticed == [f"estimate:{estimate_id}:accepted"]
    bed.clock.advance(60)
    assert (await worker.poll()).noticed == []
    [pending] = ApprovalStore(bed.store).list(state="pending")
    return estimate_id, pending


def _as_planned(path: str, project_id: int) -> str:
    """A request path with the new project's id put back as the plan names it."""
    return path.replace(f"/projects/{project_id}/", "/projects/{the new project's id}/")


async def test_approving_creates_exactly_the_plan(bed: Bed) -> None:
    estimate_id, pending = await _proposed(bed)
    assert pending.kind == "estimate_to_project"
    assert pending.arguments == {"estimate": str(estimate_id), "deposit_percent": 30}
    planned = [(r["method"], r["path"]) for r in pending.plan["planned_requests"]]
    assert planned[0] == ("POST", "/v2/projects") and planned[-1] == ("POST", "/v2/invoices")
    [mail] = bed.mail
    assert f"approval request {pending.id}" in mail["Subject"]
    assert f"harvestkit approvals approve {pending.id}" in mail.get_payload()

    writes = Writes(bed.app)
    h = harvest_on(bed.app, transport=writes)
    audit = AuditLog(bed.store)
    async with h:
        ctx = ToolContext(harvest=h, clock=bed.clock.now)
        done = await approve(ApprovalStore(bed.store), pending.id, ctx, by="owner", audit=audit)
    assert done.state == "approved" and done.approval.state == "approved"
    project_id = done.result["project"]["id"]
    assert [(m, _as_planned(p, project_id)) for m, p in writes.writes] == planned
    async with bed.admin() as admin:
        project = await admin.call("projects.retrieve", project_id=project_id)
        assigned = [
            a async for a in admin.paginate("projects.task_assignments.list", project_id=project_id)
        ]
    assert project.name == pending.plan["planned_requests"][0]["body"]["name"]
    # Harvest also assigns the account's default tasks to a new project by itself.
    assert {t["name"] for t in pending.plan["tasks"]} <= {a.task.name for a in assigned}
    [record] = audit.records(tool="approvals.approve")
    assert record.outcome == "ok" and record.arguments["approval"] == pending.id


async def test_declining_creates_nothing(bed: Bed) -> None:
    _, pending = await _proposed(bed)
    writes = Writes(bed.app)
    h = harvest_on(bed.app, transport=writes)
    async with h:
        declined = decline(ApprovalStore(bed.store), pending.id, by="owner", reason="not yet")
    assert declined.state == "declined" and writes.writes == []
    async with bed.admin() as admin:
        names = {p.name async for p in admin.paginate("projects.list")}
    assert pending.plan["planned_requests"][0]["body"]["name"] not in names


async def test_a_plan_harvest_changed_under_is_refused(bed: Bed) -> None:
    _, pending = await _proposed(bed)
    missing = next(t for t in pending.plan["tasks"] if t["task"] is None)
    async with bed.admin() as admin:
        await admin.call("tasks.create", name=missing["name"])  # the plan would now differ
    writes = Writes(bed.app)
    h: AsyncHarvest = harvest_on(bed.app, transport=writes)
    async with h:
        ctx = ToolContext(harvest=h, clock=bed.clock.now)
        done = await approve(ApprovalStore(bed.store), pending.id, ctx, by="owner")
    assert done.state == "refused" and writes.writes == []
    assert "changed" in done.result["reason"]
