"""MCP clients read the notification log (a tool and a resource) and the owner approves
through the `approvals` tool, under the policy and the audit trail."""

from __future__ import annotations

import json
from typing import Any

import pytest
from mcp import Client

from harvestkit.api import AsyncHarvest
from harvestkit.governance import AuditLog, Policy, PolicyDocument
from harvestkit.mcp import Acting, Governance, create_server
from harvestkit.tools import catalog
from harvestkit.tools.owner import NOTIFICATIONS_URI
from tests.conftest import ACCOUNT_ID
from tests.watch.conftest import Bed, harvest_on
from tests.watch.test_accepted_estimate import _proposed

pytestmark = pytest.mark.anyio

OWNER, ENV = "olivia", "prod"
GRANT = f"""
[[grant]]
user = "{OWNER}"
env = "{ENV}"
toolsets = ["estimates"]
"""


def _server(bed: Bed, policy: str) -> Any:
    def clients(user: str, env: str) -> Acting:
        return Acting(harvest_on(bed.app), ACCOUNT_ID)

    def no_shared_client() -> AsyncHarvest:
        raise AssertionError("governed")

    governance = Governance(
        Policy(bed.store, PolicyDocument.parse(policy)),
        AuditLog(bed.store),
        clients,
        user=OWNER,
        env=ENV,
    )
    return create_server(
        catalog(), no_shared_client, governance=governance, clock=bed.clock.now, watch_tools=True
    )


async def test_an_agent_reads_what_happened_and_the_owner_approves(bed: Bed) -> None:
    estimate_id, pending = await _proposed(bed)
    async with Client(_server(bed, GRANT)) as client:
        resource = await client.read_resource(NOTIFICATIONS_URI)
        listed = await client.call_tool("watch_notifications", {"rule": "estimates"})
        waiting = await client.call_tool("approvals", {"action": "list"})
        asked = await client.call_tool("approvals", {"action": "approve", "id": pending.id})
        approved = await client.call_tool(
            "approvals", {"action": "approve", "id": pending.id, "confirm": True}
        )
    shown = json.loads(resource.contents[0].text)  # type: ignore[union-attr]
    assert shown[0]["figures"]["estimate_id"] == estimate_id
    assert shown[0]["act"]["arguments"] == {"action": "approve", "id": pending.id}
    [item] = listed.structured_content["notifications"]  # type: ignore[index]
    assert item["figures"]["approval_id"] == pending.id
    assert [a["id"] for a in waiting.structured_content["approvals"]] == [pending.id]  # type: ignore[index]
    assert asked.structured_content["status"] == "needs_confirmation"  # type: ignore[index]
    assert not approved.is_error, approved.content
    assert approved.structured_content["outcome"] == "approved"  # type: ignore[index]
    async with bed.admin() as h:
        names = {p.name async for p in h.paginate("projects.list")}
    assert pending.plan["planned_requests"][0]["body"]["name"] in names
    tools = [r.tool for r in AuditLog(bed.store).records(user=OWNER)]
    assert tools.count("approvals") == 3 and "watch_notifications" in tools


async def test_without_a_grant_approving_is_refused(bed: Bed) -> None:
    _, pending = await _proposed(bed)
    async with Client(_server(bed, "")) as client:
        names = {t.name for t in (await client.list_tools()).tools}
        refused = await client.call_tool(
            "approvals", {"action": "approve", "id": pending.id, "confirm": True}
        )
    assert "watch_notifications" in names and "approvals" not in names
    assert refused.is_error
    async with bed.admin() as h:
        projects = {p.name async for p in h.paginate("projects.list")}
    assert pending.plan["planned_requests"][0]["body"]["name"] not in projects
