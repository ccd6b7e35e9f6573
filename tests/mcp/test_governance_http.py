"""API keys on the HTTP transport: each key acts as its own user, with that user's grants
and Harvest credential from the vault; no secret reaches the audit database in clear."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import httpx2
import pytest
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from sqlalchemy import MetaData, select
from starlette.applications import Starlette

from harvestkit.auth import Cipher, Secret, TokenSet, Vault
from harvestkit.governance import ApiKeyStore, AuditLog, Policy, PolicyDocument
from harvestkit.mcp import (
    MCP_PATH,
    Governance,
    create_server,
    http_app,
    transport_security,
    vault_clients,
)
from harvestkit.store import Store
from harvestkit.tools import catalog
from tests.conftest import ACCOUNT_ID, TOKEN

from .test_governance import AVERY, Counting, no_shared_client, text

pytestmark = pytest.mark.anyio

BASE = "http://127.0.0.1:8766"
ENV = "test"
RAVI = 1782893  # a demo member
LIST_TOOLS = {"jsonrpc": "2.0", "id": 1, "method": "tools/list"}
ACCEPT = {"accept": "application/json, text/event-stream"}
POLICY = f"""
[[grant]]
user = "alice"
env = "{ENV}"
toolsets = ["time"]
"""


@dataclass
class Deployment:
    app: Starlette
    store: Store
    audit: AuditLog
    wire: Counting
    keys: dict[str, str]
    secrets: list[str]

    def client(self, key: str | None) -> httpx2.AsyncClient:
        headers = {} if key is None else {"authorization": f"Bearer {key}"}
        return httpx2.AsyncClient(
            transport=httpx2.ASGITransport(app=self.app), base_url=BASE, headers=headers
        )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(f"sqlite:///{tmp_path / 'harvestkit.sqlite3'}")
    yield opened
    opened.close()


@pytest.fixture
async def deployment(store: Store, sandbox_app: Any) -> AsyncIterator[Deployment]:
    vault = Vault(store, Cipher(os.urandom(32)))
    ravi_token = sandbox_app.state.sandbox.mint_token(RAVI)
    for user, token, harvest_user in (("alice", TOKEN, AVERY), ("bob", ravi_token, RAVI)):
        vault.save(
            user,
            ENV,
            "pat",
            TokenSet(Secret(token)),
            account_ids=[ACCOUNT_ID],
            default_account_id=ACCOUNT_ID,
            harvest_user_id=harvest_user,
        )
    api_keys = ApiKeyStore(store)
    keys = {user: api_keys.create(user, ENV)[0].reveal() for user in ("alice", "bob")}
    wire = Counting(httpx.ASGITransport(app=sandbox_app))
    clients = vault_clients(
        vault,
        base_url="http://sandbox.test/v2",
        identity_url="http://sandbox.test",
        transport=wire,
    )
    audit = AuditLog(store)
    governance = Governance(
        Policy(store, PolicyDocument.parse(POLICY)), audit, clients, keys=api_keys
    )
    server = create_server(catalog(), no_shared_client, governance=governance)
    app = http_app(server, transport_security(), keys=api_keys)
    async with server.session_manager.run():
        yield Deployment(app, store, audit, wire, keys, [TOKEN, ravi_token, *keys.values()])


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "Bearer hk_00000000_" + "x" * 43,  # well-formed, unknown
        f"Bearer {TOKEN}",  # a Harvest token is not a harvestkit key
        "Basic YWxpY2U6c2VjcmV0",
    ],
)
async def test_requests_without_a_valid_key_get_401(
    deployment: Deployment, authorization: str | None
) -> None:
    headers = {**ACCEPT, **({} if authorization is None else {"authorization": authorization})}
    async with deployment.client(None) as client:
        response = await client.post(MCP_PATH, json=LIST_TOOLS, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert "harvestkit keys create" in response.json()["error_description"]
    assert deployment.wire.requests == []
    assert deployment.audit.records() == []


async def test_a_revoked_key_gets_401(deployment: Deployment) -> None:
    prefix = deployment.keys["bob"].split("_")[1]
    assert ApiKeyStore(deployment.store).revoke(prefix)
    async with deployment.client(deployment.keys["bob"]) as client:
        response = await client.post(MCP_PATH, json=LIST_TOOLS, headers=ACCEPT)
    assert response.status_code == 401


async def session(deployment: Deployment, user: str) -> tuple[set[str], dict[str, Any]]:
    """As `user`: the tools listed, `harvest_users_me`, and an attempt to log time."""
    entry = {"project_id": 14307913, "task_id": 8083366, "spent_date": "2026-11-20", "hours": 1}
    async with (
        deployment.client(deployment.keys[user]) as http,
        Client(streamable_http_client(BASE + MCP_PATH, http_client=http)) as mcp,
    ):
        tools = {t.name for t in (await mcp.list_tools()).tools}
        me = await mcp.call_tool("harvest_users_me", {})
        created = await mcp.call_tool("harvest_time_entries_create", entry)
    assert not me.is_error, text(me)
    assert me.structured_content is not None
    return tools, {"me": me.structured_content["user"]["id"], "created": created}


async def test_each_key_acts_with_its_own_scope_and_credential(deployment: Deployment) -> None:
    alice_tools, alice = await session(deployment, "alice")
    harvest_calls = len(deployment.wire.requests)
    bob_tools, bob = await session(deployment, "bob")
    # Each user's own Harvest credential: the sandbox says who the token belongs to.
    assert alice["me"] == AVERY and bob["me"] == RAVI
    # Each user's own grants: alice may log time, bob (no grant) may not even see the tool.
    assert "harvest_time_entries_create" in alice_tools
    assert "harvest_time_entries_create" not in bob_tools
    assert all(t.read_only for t in catalog() if t.name in bob_tools)
    assert not alice["created"].is_error, text(alice["created"])
    assert bob["created"].is_error and "user bob in test" in text(bob["created"])
    # bob's refused write sent nothing: only his harvest_users_me reached Harvest.
    bob_requests = deployment.wire.requests[harvest_calls:]
    assert [r.method for r in bob_requests] == ["GET"]
    assert all(r.headers["authorization"] != f"Bearer {TOKEN}" for r in bob_requests)

    verification = deployment.audit.verify()
    assert verification.ok, verification.problem
    trail = [
        (r.user, r.env, r.tool, r.outcome, r.harvest_user_id) for r in deployment.audit.records()
    ]
    assert trail == [
        ("alice", ENV, "harvest_users_me", "ok", AVERY),
        ("alice", ENV, "harvest_time_entries_create", "ok", AVERY),
        ("bob", ENV, "harvest_users_me", "ok", RAVI),
        ("bob", ENV, "harvest_time_entries_create", "refused", None),
    ]
    for record in deployment.audit.records():
        for request in record.requests:
            assert request["request_id"] and request["status"] in (200, 201)


async def test_no_secret_reaches_the_audit_database_in_clear(
    deployment: Deployment, tmp_path: Path
) -> None:
    await session(deployment, "alice")
    await session(deployment, "bob")
    key = deployment.keys["alice"]
    async with (
        deployment.client(key) as http,
        Client(streamable_http_client(BASE + MCP_PATH, http_client=http)) as mcp,
    ):
        # Secrets pasted into arguments are redacted in the trail as well.
        await mcp.call_tool("harvest_projects_list", {"api_key": key, "note": f"Bearer {TOKEN}"})
        await mcp.call_tool("harvest_users_me", {"client_id": key})
    assert deployment.audit.verify().ok
    dumped: list[str] = []
    metadata = MetaData()
    metadata.reflect(deployment.store.engine)
    with deployment.store.engine.connect() as conn:
        for table in metadata.tables.values():
            dumped.extend(str(row) for row in conn.execute(select(table)))
    raw = b"".join(path.read_bytes() for path in tmp_path.glob("harvestkit.sqlite3*"))
    dump = "\n".join(dumped)
    assert "harvest_users_me" in dump
    for secret in deployment.secrets:
        assert secret not in dump
        assert secret.encode() not in raw


async def test_a_user_without_a_credential_is_told_how_to_log_in(
    deployment: Deployment,
) -> None:
    key = ApiKeyStore(deployment.store).create("carol", ENV)[0].reveal()
    async with (
        deployment.client(key) as http,
        Client(streamable_http_client(BASE + MCP_PATH, http_client=http)) as mcp,
    ):
        result = await mcp.call_tool("harvest_users_me", {})
    assert result.is_error and "harvestkit auth login" in text(result)
    assert deployment.wire.requests == []
    [record] = deployment.audit.records()
    assert (record.user, record.outcome) == ("carol", "error")
