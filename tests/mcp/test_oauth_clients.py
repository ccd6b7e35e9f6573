"""Adding `harvestkit serve --sandbox --transport http` to the official MCP clients by its
URL, as a hosted connector does, against the real command on a socket: the Python SDK's
OAuth provider and the TypeScript SDK's (tests/mcp/typescript/oauth.mjs), the person's
login and consent pages answered by form posts.

Each: discovery from the 401, dynamic registration, authorization with PKCE, a read and a
write as the person (under their grant on the time toolset), refresh with rotation, then
revocation on the console's Connectors page, after which the old token gets 401 and the
client cannot sign in again without the person. (Stepping up from a read-only connection
is in tests/mcp/test_oauth.py.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx2
import pytest
from mcp import Client
from mcp.client.auth import OAuthClientProvider
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.auth import OAuthClientMetadata
from pydantic import AnyUrl

from harvestkit.console._people import ConsolePeople
from harvestkit.governance import AuditLog, Grant, Policy, PolicyDocument
from harvestkit.store import Store
from tests.conftest import endpoint_of, private_env

from .oauth_flow import PASSWORD, REDIRECT_URI, FormBrowser, MemoryTokens, PersonAtBrowser
from .test_oauth import ENTRY, call, revoke_in_console, text, token
from .test_typescript_client import CLIENT_DIR, node_client

HARVESTKIT = str(Path(sys.executable).with_name("harvestkit"))
ENV = "dev"
READ = {"name": "harvest_users_me", "arguments": {}}
WRITE = {"name": "log_time", "arguments": ENTRY}


@dataclass
class Served:
    url: str
    database: str
    process: subprocess.Popen[str]

    def stop(self) -> None:
        """Stop the server (its audit writer writes what it still holds)."""
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    """The command, on a free port, over a database with two people: olivia holds a write
    grant on the time toolset in dev, bob none."""
    database = f"sqlite:///{tmp_path / 'harvestkit.sqlite3'}"
    store = Store(database)
    people = ConsolePeople(store)
    people.add("olivia", PASSWORD, "owner")
    people.add("bob", PASSWORD, "member")
    Policy(store, PolicyDocument()).grant(Grant("olivia", ENV, toolset="time"))
    store.close()
    command = [HARVESTKIT, "serve", "--sandbox", "--transport", "http", "--port", "0"]
    process = subprocess.Popen(
        [*command, "--require-keys", "--env", ENV],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={
            **os.environ,
            **private_env(
                HARVESTKIT_DATABASE_URL=database,
                HARVESTKIT_POLICY_FILE=str(tmp_path / "policy.toml"),
            ),
        },
    )
    url = ""
    try:
        url = endpoint_of(process)
        served = Served(url, database, process)
        yield served
    finally:
        served.stop() if url else process.kill()
        process.wait(timeout=10)


def audited(database: str) -> list[tuple[str, str, str, str]]:
    store = Store(database)
    try:
        return [(r.user, r.env, r.tool, r.outcome) for r in AuditLog(store).records()]
    finally:
        store.close()


@pytest.mark.anyio
async def test_the_python_client_adds_the_server_by_its_url(served: Served) -> None:
    origin = served.url.removesuffix("/mcp")
    metadata = OAuthClientMetadata(
        client_name="harvestkit Python connector test",
        redirect_uris=[AnyUrl(REDIRECT_URI)],
        token_endpoint_auth_method="client_secret_post",
    )
    async with httpx2.AsyncClient(base_url=origin) as browser_http:
        person = PersonAtBrowser(FormBrowser(browser_http), "olivia")
        tokens = MemoryTokens()
        oauth = OAuthClientProvider(served.url, metadata, tokens, person.redirect, person.callback)
        async with (
            httpx2.AsyncClient(auth=oauth) as http,
            Client(streamable_http_client(served.url, http_client=http)) as mcp,
        ):
            me = await mcp.call_tool(READ["name"], READ["arguments"])
            assert not me.is_error, text(me)
            assert tokens.tokens is not None
            assert tokens.tokens.scope == "harvest:read harvest:write"
            logged = await mcp.call_tool(WRITE["name"], WRITE["arguments"])
            assert not logged.is_error, text(logged)
            assert len(person.returned) == 1
            first = tokens.tokens
            oauth.context.token_expiry_time = 1.0  # as if the hour had passed: refresh
            again = await mcp.call_tool(READ["name"], READ["arguments"])
            assert not again.is_error
            assert tokens.tokens.access_token != first.access_token
            assert tokens.tokens.refresh_token != first.refresh_token

        await revoke_in_console(person.browser, origin)
        refused = await call(browser_http, tokens.tokens.access_token, READ["name"], {})
        assert refused.status_code == 401
        assert 'error="invalid_token"' in refused.headers["www-authenticate"]
        assert tokens.client is not None
        refresh = await token(browser_http, tokens.client.model_dump(),
                              grant_type="refresh_token",
                              refresh_token=tokens.tokens.refresh_token or "")  # fmt: skip
        assert refresh.status_code == 400 and refresh.json()["error"] == "invalid_grant"

    consent = person.browser.pages[-1]
    assert "olivia" in consent and "the time toolset" in consent
    served.stop()
    mine = [
        record for record in audited(served.database) if record[2] in (READ["name"], WRITE["name"])
    ]
    assert mine == [
        ("olivia", ENV, READ["name"], "ok"),
        ("olivia", ENV, WRITE["name"], "ok"),
        ("olivia", ENV, READ["name"], "ok"),
    ]


def test_the_typescript_client_adds_the_server_by_its_url(served: Served, tmp_path: Path) -> None:
    node = node_client()
    plan = {
        "url": served.url,
        "user": "olivia",
        "password": PASSWORD,
        "redirect_uri": REDIRECT_URI,
        "read": READ,
        "write": WRITE,
    }
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    done = subprocess.run(
        [node, str(CLIENT_DIR / "oauth.mjs"), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert "exception" not in report, report["exception"]
    steps = report["steps"]
    both = "harvest:read harvest:write"
    assert steps["connected"] == {"authorizations": 1, "scope": both}
    assert {"harvest_users_me", "log_time"} <= set(steps["listed"])
    assert not steps["read"]["is_error"], steps["read"]
    assert not steps["write"]["is_error"], steps["write"]
    assert steps["after_write"] == {"authorizations": 1, "scope": both}
    assert steps["refresh"] == "AUTHORIZED"
    assert steps["rotated"] == {"access": True, "refresh": True}
    assert not steps["after_refresh"]["is_error"]
    assert steps["revoked"] == 1
    assert steps["raw_after_revoke"]["status"] == 401
    assert 'error="invalid_token"' in steps["raw_after_revoke"]["www_authenticate"]
    # The client's refresh is refused (invalid_grant) and it gives up.
    assert steps["after_revoke"] == "InvalidGrantError: refresh token does not exist"
    assert any("the time toolset" in page and "olivia" in page for page in report["pages"])
