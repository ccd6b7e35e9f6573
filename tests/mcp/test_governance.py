"""Policy and the audit trail in the MCP server, through an in-memory client on the sandbox.

Every Harvest request goes through a counting transport, so "refused before any Harvest
request" is checked on the wire, and every test ends with the audit chain verified.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from mcp import Client
from mcp.server.mcpserver import MCPServer
from mcp_types import CallToolResult, ElicitRequestParams, ElicitResult, TextContent

from harvestkit.api import AsyncHarvest, NotFoundError, RateLimits
from harvestkit.cli.serve import ServeConfig, assemble
from harvestkit.governance import (
    AsyncRequestRecorder,
    AuditLog,
    AuditRecord,
    Policy,
    PolicyDocument,
)
from harvestkit.mcp import CALL, SEARCH, Acting, Governance, create_server
from harvestkit.store import Store
from harvestkit.tools import Tool, catalog
from tests.conftest import ACCOUNT_ID, TOKEN

from .conftest import RATE_LIMIT_SCALE

pytestmark = pytest.mark.anyio

USER, ENV = "alice", "test"
AVERY = 1782884  # the demo administrator, whom TOKEN belongs to
WEBSITE_REDESIGN = 14307913
DEVELOPMENT = 8083366
WRITE_TOOLS = [t for t in catalog() if not t.read_only or t.annotations.destructive]


class Counting(httpx.AsyncBaseTransport):
    """Passes requests on and keeps them, so tests can say none was made."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.requests: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return await self.inner.handle_async_request(request)


def no_shared_client() -> AsyncHarvest:
    raise AssertionError("a governed server makes one client per principal")


def sandbox_clients(wire: Counting) -> Any:
    def clients(user: str, env: str) -> Acting:
        harvest = AsyncHarvest(
            TOKEN,
            ACCOUNT_ID,
            base_url="http://sandbox.test/v2",
            identity_url="http://sandbox.test",
            transport=AsyncRequestRecorder(wire),
            rate_limits=RateLimits().scaled(RATE_LIMIT_SCALE),
        )
        return Acting(harvest, ACCOUNT_ID, AVERY)

    return clients


@dataclass
class Bed:
    store: Store
    audit: AuditLog
    wire: Counting

    def server(self, policy: str = "", tools: tuple[Tool, ...] | None = None, **kw: Any) -> Any:
        governance = Governance(
            Policy(self.store, PolicyDocument.parse(policy)),
            self.audit,
            sandbox_clients(self.wire),
            user=USER,
            env=ENV,
        )
        chosen = catalog() if tools is None else tools
        return create_server(chosen, no_shared_client, governance=governance, **kw)

    def records(self) -> list[AuditRecord]:
        verification = self.audit.verify()
        assert verification.ok, verification.problem
        return self.audit.records()


@pytest.fixture
def bed(tmp_path: Path, sandbox_app: Any) -> Iterator[Bed]:
    store = Store(f"sqlite:///{tmp_path / 'harvestkit.sqlite3'}")
    yield Bed(store, AuditLog(store), Counting(httpx.ASGITransport(app=sandbox_app)))
    store.close()


def text(result: CallToolResult) -> str:
    return "\n".join(c.text for c in result.content if isinstance(c, TextContent))


async def listed(server: MCPServer[Any]) -> set[str]:
    async with Client(server) as client:
        return {t.name for t in (await client.list_tools()).tools}


async def test_read_only_by_default_refuses_every_write_tool(bed: Bed) -> None:
    server = bed.server()
    assert WRITE_TOOLS
    async with Client(server) as client:
        shown = {t.name for t in (await client.list_tools()).tools}
        results = {t.name: await client.call_tool(t.name, {}) for t in WRITE_TOOLS}
    assert shown == {t.name for t in catalog() if t.read_only and not t.annotations.destructive}
    for tool in WRITE_TOOLS:
        result = results[tool.name]
        assert result.is_error, tool.name
        assert f"needs a write grant on toolset '{tool.toolset}'" in text(result)
        assert f"harvestkit policy grant --user {USER} --env {ENV}" in text(result)
    assert bed.wire.requests == []
    records = bed.records()
    assert [r.tool for r in records] == [t.name for t in WRITE_TOOLS]
    assert {r.outcome for r in records} == {"refused"}
    assert all(r.user == USER and r.env == ENV and r.requests == [] for r in records)


async def test_a_read_is_audited_with_its_harvest_requests(bed: Bed) -> None:
    async with Client(bed.server()) as client:
        result = await client.call_tool("harvest_projects_list", {"is_active": True})
    assert not result.is_error
    [record] = bed.records()
    assert (record.tool, record.outcome, record.user, record.env) == (
        "harvest_projects_list",
        "ok",
        USER,
        ENV,
    )
    assert (record.account_id, record.harvest_user_id) == (ACCOUNT_ID, AVERY)
    assert record.arguments == {"is_active": True}
    assert record.duration_ms > 0
    assert len(record.requests) == len(bed.wire.requests) >= 1
    first = record.requests[0]
    assert (first["method"], first["path"], first["status"]) == ("GET", "/v2/projects", 200)
    assert first["request_id"]


async def test_a_tool_grant_allows_exactly_that_tool(bed: Bed) -> None:
    policy = f"""
    [[grant]]
    user = "{USER}"
    env = "{ENV}"
    tools = ["harvest_time_entries_create"]
    """
    server = bed.server(policy)
    writes = {t.name for t in WRITE_TOOLS}
    assert (await listed(server)) & writes == {"harvest_time_entries_create"}
    async with Client(server) as client:
        refused = await client.call_tool("harvest_time_entries_update", {"time_entry_id": 1})
        assert bed.wire.requests == []
        created = await client.call_tool(
            "harvest_time_entries_create",
            {
                "project_id": WEBSITE_REDESIGN,
                "task_id": DEVELOPMENT,
                "spent_date": "2026-11-20",
                "hours": 1.5,
            },
        )
    assert refused.is_error and "harvest_time_entries_update needs a write grant" in text(refused)
    assert not created.is_error, text(created)
    refusal, creation = bed.records()
    assert refusal.outcome == "refused" and refusal.requests == []
    assert creation.outcome == "ok"
    assert ("POST", "/v2/time_entries", 201) in [
        (r["method"], r["path"], r["status"]) for r in creation.requests
    ]


async def test_grants_are_per_environment(bed: Bed) -> None:
    policy = f"""
    [[grant]]
    user = "{USER}"
    env = "prod"
    toolsets = ["time"]
    """
    async with Client(bed.server(policy)) as client:
        result = await client.call_tool("harvest_time_entries_create", {})
    assert result.is_error and "needs a write grant on toolset 'time'" in text(result)
    assert bed.wire.requests == []


async def test_an_allowlist_shows_and_runs_only_its_tools(bed: Bed) -> None:
    policy = f"""
    [[allowlist]]
    user = "{USER}"
    env = "{ENV}"
    tools = ["harvest_projects_list", "harvest_users_me"]
    """
    server = bed.server(policy)
    assert await listed(server) == {"harvest_projects_list", "harvest_users_me"}
    async with Client(server) as client:
        refused = await client.call_tool("harvest_clients_list", {})
        assert bed.wire.requests == []
        allowed = await client.call_tool("harvest_users_me", {})
    assert refused.is_error and "not on the tool allowlist" in text(refused)
    assert not allowed.is_error
    assert [r.outcome for r in bed.records()] == ["refused", "ok"]


async def new_entry(wire: Counting) -> int:
    async with sandbox_clients(wire)(USER, ENV).harvest as harvest:
        entry = await harvest.call(
            "time_entries.create",
            project_id=WEBSITE_REDESIGN,
            task_id=DEVELOPMENT,
            spent_date=date(2026, 11, 20),
            hours=Decimal("1.25"),
        )
    wire.requests.clear()
    return int(entry.id)


async def exists(wire: Counting, entry_id: int) -> bool:
    async with sandbox_clients(wire)(USER, ENV).harvest as harvest:
        try:
            await harvest.call("time_entries.retrieve", time_entry_id=entry_id)
        except NotFoundError:
            return False
    return True


GRANT_TIME = f"""
[[grant]]
user = "{USER}"
env = "{ENV}"
toolsets = ["time"]
"""


async def test_policy_asks_before_a_destructive_tool_by_default(bed: Bed) -> None:
    entry = await new_entry(bed.wire)
    async with Client(bed.server(GRANT_TIME)) as client:
        pending = await client.call_tool("harvest_time_entries_delete", {"time_entry_id": entry})
        assert not any(r.method == "DELETE" for r in bed.wire.requests)
        done = await client.call_tool(
            "harvest_time_entries_delete", {"time_entry_id": entry, "confirm": True}
        )
    assert pending.structured_content is not None
    assert pending.structured_content["status"] == "needs_confirmation"
    assert not done.is_error
    assert not await exists(bed.wire, entry)
    asked, deleted = bed.records()
    assert asked.outcome == "needs_confirmation"
    assert not any(r["method"] == "DELETE" for r in asked.requests)
    assert deleted.outcome == "ok"
    assert ("DELETE", f"/v2/time_entries/{entry}", 200) in [
        (r["method"], r["path"], r["status"]) for r in deleted.requests
    ]


@pytest.mark.parametrize("mode", ["auto", "legacy"])
async def test_confirmation_through_elicitation_is_audited(bed: Bed, mode: str) -> None:
    entry = await new_entry(bed.wire)
    asked: list[str] = []

    async def accept(context: Any, params: ElicitRequestParams) -> ElicitResult:
        asked.append(params.message)
        return ElicitResult(action="accept", content={"confirm": True})

    server = bed.server(GRANT_TIME)
    async with Client(server, mode=mode, elicitation_callback=accept) as client:
        result = await client.call_tool("harvest_time_entries_delete", {"time_entry_id": entry})
    assert not result.is_error and asked
    assert not await exists(bed.wire, entry)
    # 2026-07-28: the question ends one round trip (audited as asking), the answer the next.
    expected = ["needs_confirmation", "ok"] if mode == "auto" else ["ok"]
    assert [r.outcome for r in bed.records()] == expected


async def test_a_never_rule_switches_confirmation_off(bed: Bed) -> None:
    entry = await new_entry(bed.wire)
    policy = (
        GRANT_TIME
        + """
    [[confirm]]
    applies_to = "harvest_time_entries_delete"
    mode = "never"
    """
    )
    async with Client(bed.server(policy)) as client:
        result = await client.call_tool("harvest_time_entries_delete", {"time_entry_id": entry})
    assert not result.is_error, text(result)
    assert result.structured_content is not None and result.structured_content["deleted"]
    assert not await exists(bed.wire, entry)


async def open_invoice(wire: Counting) -> int:
    async with sandbox_clients(wire)(USER, ENV).harvest as harvest:
        invoices = [i async for i in harvest.paginate("invoices.list", state="open")]
    wire.requests.clear()
    return int(invoices[0].id)


async def test_an_above_rule_asks_only_above_its_amount(bed: Bed) -> None:
    invoice = await open_invoice(bed.wire)
    policy = f"""
    [[grant]]
    user = "{USER}"
    env = "{ENV}"
    toolsets = ["invoicing"]

    [[confirm]]
    applies_to = "moves_money"
    mode = "above"
    amount = "50"
    """
    payment = {"invoice_id": invoice, "paid_date": "2026-11-20"}
    async with Client(bed.server(policy)) as client:
        large = await client.call_tool(
            "harvest_invoices_payments_create", {**payment, "amount": 60}
        )
        assert not any(r.method == "POST" for r in bed.wire.requests)
        small = await client.call_tool(
            "harvest_invoices_payments_create", {**payment, "amount": 10}
        )
    assert large.structured_content is not None
    assert large.structured_content["status"] == "needs_confirmation"
    assert not small.is_error, text(small)
    assert [r.outcome for r in bed.records()] == ["needs_confirmation", "ok"]


async def test_discovery_reaches_only_what_the_policy_allows(bed: Bed) -> None:
    async with Client(bed.server(discovery=True)) as client:
        assert {t.name for t in (await client.list_tools()).tools} == {SEARCH, CALL}
        found = await client.call_tool(SEARCH, {"query": "delete time entry", "limit": 20})
        refused = await client.call_tool(
            CALL, {"name": "harvest_time_entries_delete", "arguments": {"time_entry_id": 1}}
        )
    assert found.structured_content is not None
    names = [m["name"] for m in found.structured_content["matches"]]
    assert names and "harvest_time_entries_delete" not in names
    assert refused.is_error and "needs a write grant" in text(refused)
    assert bed.wire.requests == []
    assert [(r.tool, r.outcome) for r in bed.records()] == [
        ("harvest_time_entries_delete", "refused")
    ]


async def test_failures_are_audited_too(bed: Bed) -> None:
    async with Client(bed.server()) as client:
        result = await client.call_tool("harvest_projects_get", {"project_id": 1})
    assert result.is_error
    [record] = bed.records()
    assert record.outcome == "error" and record.error
    assert [r["status"] for r in record.requests][:1] == [404]


async def test_payload_capture_is_configurable(bed: Bed) -> None:
    bed.audit = AuditLog(bed.store, capture="none")
    async with Client(bed.server()) as client:
        await client.call_tool("harvest_projects_list", {"is_active": True})
    [record] = bed.records()
    assert record.arguments is None and record.requests


def test_a_server_needs_a_client_or_governance() -> None:
    with pytest.raises(ValueError, match="harvest_factory or governance"):
        create_server(catalog(), None)


@pytest.mark.parametrize(("env", "writes"), [("sandbox", True), ("prod", False)])
async def test_serve_sandbox_is_governed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, env: str, writes: bool
) -> None:
    monkeypatch.setenv("HARVESTKIT_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    monkeypatch.setenv("HARVESTKIT_POLICY_FILE", str(tmp_path / "policy.toml"))
    server = assemble(ServeConfig(user="dana", env=env, sandbox=True, http=True)).server
    async with Client(server) as client:
        shown = {t.name for t in (await client.list_tools()).tools}
        result = await client.call_tool("harvest_users_me", {})
    assert not result.is_error
    assert ("log_time" in shown) is writes
    store = Store(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    [record] = AuditLog(store).records()
    store.close()
    assert (record.user, record.env, record.tool) == ("dana", env, "harvest_users_me")


async def test_star_in_the_policy_file_grants_every_toolset(bed: Bed) -> None:
    policy = f'[[grant]]\nuser = "{USER}"\nenv = "{ENV}"\ntoolsets = ["*"]\n'
    everything = await listed(bed.server(policy))
    assert {tool.name for tool in WRITE_TOOLS} <= everything
    async with Client(bed.server(policy)) as client:
        created = await client.call_tool(
            "harvest_time_entries_create",
            {
                "project_id": WEBSITE_REDESIGN,
                "task_id": DEVELOPMENT,
                "spent_date": "2026-11-19",
                "hours": 1,
            },
        )
    assert not created.is_error, text(created)
    assert bed.records()[-1].outcome == "ok"
