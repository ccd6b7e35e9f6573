"""A 2025-era HTTP session answers only the API key's principal that opened it: another
valid key can neither send requests into it nor delete it."""

from __future__ import annotations

import pytest

from harvestkit.mcp import MCP_PATH

from .test_governance_http import ACCEPT, LIST_TOOLS, Deployment, deployment, store

__all__ = ["deployment", "store"]

pytestmark = pytest.mark.anyio

INITIALIZE = {
    "jsonrpc": "2.0",
    "id": 0,
    "method": "initialize",
    "params": {
        "protocolVersion": "2025-06-18",
        "capabilities": {},
        "clientInfo": {"name": "probe", "version": "1"},
    },
}
INITIALIZED = {"jsonrpc": "2.0", "method": "notifications/initialized"}


async def _open_session(deployment: Deployment, user: str) -> str:
    async with deployment.client(deployment.keys[user]) as http:
        opened = await http.post(MCP_PATH, json=INITIALIZE, headers=ACCEPT)
        assert opened.status_code == 200, opened.text
        session = opened.headers["mcp-session-id"]
        headers = {**ACCEPT, "mcp-session-id": session, "mcp-protocol-version": "2025-06-18"}
        assert (await http.post(MCP_PATH, json=INITIALIZED, headers=headers)).status_code == 202
    return session


async def test_another_key_cannot_use_or_delete_a_session(deployment: Deployment) -> None:
    session = await _open_session(deployment, "alice")
    headers = {**ACCEPT, "mcp-session-id": session, "mcp-protocol-version": "2025-06-18"}
    async with deployment.client(deployment.keys["bob"]) as bob:
        used = await bob.post(MCP_PATH, json=LIST_TOOLS, headers=headers)
        deleted = await bob.delete(MCP_PATH, headers=headers)
    assert (used.status_code, deleted.status_code) == (404, 404)
    assert used.json()["error"]["message"] == "Session not found"
    async with deployment.client(deployment.keys["alice"]) as alice:
        listed = await alice.post(MCP_PATH, json=LIST_TOOLS, headers=headers)
        assert listed.status_code == 200, listed.text
        assert "harvest_users_me" in listed.text
        assert (await alice.delete(MCP_PATH, headers=headers)).status_code == 200
        gone = await alice.post(MCP_PATH, json=LIST_TOOLS, headers=headers)
    assert gone.status_code == 404
