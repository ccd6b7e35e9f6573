"""Connector sign-in in process: harvestkit's authorization server and the MCP endpoint as
`harvestkit serve --sandbox --transport http --require-keys --env dev` builds them, driven
by the official Python MCP client's OAuth provider and by raw requests, the person's side
by form posts (tests/mcp/oauth_flow.py).

Each refusal is checked for the error the specifications name: the SDK's handlers and our
provider together answer `invalid_request`, `invalid_grant`, `invalid_scope`,
`invalid_target`, `access_denied`, 401 `invalid_token` and 403 `insufficient_scope`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import httpx2
import pytest
from mcp import Client
from mcp.client.auth import OAuthClientProvider
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.auth import OAuthClientMetadata
from pydantic import AnyUrl
from sqlalchemy import select
from starlette.applications import Starlette

from harvestkit.cli.serve import ServeConfig, assemble, web_console
from harvestkit.clock import Clock
from harvestkit.console._people import ConsolePeople
from harvestkit.governance import ApiKeyStore, AuditLog, Grant
from harvestkit.mcp import Governance, http_app, transport_security
from harvestkit.mcp.oauth import ConnectorAuthorization, Lifetimes
from harvestkit.store import Store, oauth_clients, oauth_tokens

from .oauth_flow import (
    PASSWORD,
    REDIRECT_URI,
    FormBrowser,
    MemoryTokens,
    PersonAtBrowser,
    csrf_of,
)

pytestmark = pytest.mark.anyio

NOW = datetime(2026, 11, 20, 23, 0, tzinfo=UTC)
ORIGIN = "http://127.0.0.1:8766"
MCP_URL = ORIGIN + "/mcp"
ENV = "dev"
ENTRY = {"entries": [{"project": "Internal Training", "duration": "1h", "notes": "connector"}]}
DOCUMENT_URL = "https://client.example/harvest-connector.json"


@dataclass
class Site:
    app: Starlette
    store: Store
    oauth: ConnectorAuthorization
    governance: Governance

    def http(self, **options: Any) -> httpx2.AsyncClient:
        transport = httpx2.ASGITransport(app=self.app)
        return httpx2.AsyncClient(transport=transport, base_url=ORIGIN, **options)


def client_document() -> dict[str, Any]:
    return {
        "client_id": DOCUMENT_URL,
        "client_name": "Example Desktop",
        "redirect_uris": [REDIRECT_URI],
        "token_endpoint_auth_method": "none",
    }


def documents_transport() -> httpx.MockTransport:
    def answer(request: httpx.Request) -> httpx.Response:
        if str(request.url) == DOCUMENT_URL:
            return httpx.Response(200, json=client_document())
        return httpx.Response(404)

    return httpx.MockTransport(answer)


async def make_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lifetimes: Lifetimes = Lifetimes()
) -> tuple[Site, Any]:
    monkeypatch.setenv("HARVESTKIT_DATABASE_URL", f"sqlite:///{tmp_path / 'harvestkit.sqlite3'}")
    monkeypatch.setenv("HARVESTKIT_POLICY_FILE", str(tmp_path / "policy.toml"))
    config = ServeConfig(
        user="owner", env=ENV, sandbox=True, http=True, clock=Clock(NOW), require_keys=True
    )
    served = assemble(config)
    server, backend, governance = served.server, served.backend, served.governance
    store = governance.policy.store
    assert store is not None
    people = ConsolePeople(store)
    people.add("olivia", PASSWORD, "owner")
    people.add("bob", PASSWORD, "member")
    governance.policy.grant(Grant("olivia", ENV, toolset="time"))
    oauth = ConnectorAuthorization.build(
        store,
        issuer=ORIGIN,
        resource=MCP_URL,
        env=ENV,
        documents_transport=documents_transport(),
        lifetimes=lifetimes,
        # The document's host is made up; as far as this test knows it is public.
    )
    oauth.provider.documents.resolve = lambda host: ["93.184.215.14"]
    security = transport_security()
    web = web_console(
        governance, backend, security, env=ENV, mcp_url=MCP_URL, connectors=oauth.provider
    )
    app = http_app(server, security, keys=governance.keys, console=web, oauth=oauth)
    return Site(app, store, oauth, governance), server


@pytest.fixture(scope="module")
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="module")
async def site(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Site]:
    """One deployment for the module (each test makes its own clients and connections)."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        made, server = await make_site(tmp_path_factory.mktemp("oauth"), monkeypatch)
        async with server.session_manager.run():
            yield made


def metadata(scope: str | None = None) -> OAuthClientMetadata:
    return OAuthClientMetadata(
        client_name="Test Connector",
        redirect_uris=[AnyUrl(REDIRECT_URI)],
        grant_types=["authorization_code", "refresh_token"],
        response_types=["code"],
        token_endpoint_auth_method="client_secret_post",
        scope=scope,
    )


def text(result: Any) -> str:
    return "\n".join(getattr(block, "text", "") for block in result.content)


async def test_the_python_client_signs_in_acts_as_the_person_refreshes_and_is_revoked(
    site: Site,
) -> None:
    async with site.http() as browser_http:
        # The person allows reading only at first; writing then steps up, asking again.
        person = PersonAtBrowser(FormBrowser(browser_http), "olivia", ["approve_read", "approve"])
        tokens = MemoryTokens()
        provider = OAuthClientProvider(
            MCP_URL, metadata(), tokens, person.redirect, person.callback
        )
        async with (
            site.http(auth=provider) as http,
            Client(streamable_http_client(MCP_URL, http_client=http)) as mcp,
        ):
            listed = {t.name for t in (await mcp.list_tools()).tools}
            assert "harvest_users_me" in listed and "log_time" not in listed  # reading only
            me = await mcp.call_tool("harvest_users_me", {})
            assert not me.is_error, text(me)
            # Writing steps up: 403 insufficient_scope, the client asks again for writing.
            logged = await mcp.call_tool("log_time", ENTRY)
            assert not logged.is_error, text(logged)
            assert len(person.returned) == 2
            assert tokens.tokens is not None and "harvest:write" in (tokens.tokens.scope or "")
            consent = person.browser.pages[-1]
            assert "olivia" in consent and "the time toolset" in consent

            # Refresh: the access token is rotated, and the refresh token too.
            first = tokens.tokens
            provider.context.token_expiry_time = 1.0  # as if the hour had passed
            again = await mcp.call_tool("harvest_users_me", {})
            assert not again.is_error
            assert tokens.tokens.access_token != first.access_token
            assert tokens.tokens.refresh_token != first.refresh_token

        # Revoked in the console: the next call is refused, and so is a refresh.
        await revoke_in_console(person.browser)
        assert tokens.tokens is not None and tokens.client is not None
        refused = await call(browser_http, tokens.tokens.access_token, "harvest_users_me", {})
        assert refused.status_code == 401
        assert 'error="invalid_token"' in refused.headers["www-authenticate"]
        client = tokens.client.model_dump()
        refresh = await token(
            browser_http,
            client,
            grant_type="refresh_token",
            refresh_token=tokens.tokens.refresh_token or "",
        )
        assert refresh.status_code == 400 and refresh.json()["error"] == "invalid_grant"

    assert site.governance.audit is not None
    site.governance.audit.flush()
    records = AuditLog(site.store).records()
    mine = [r for r in records if r.user == "olivia"]
    assert [r.tool for r in mine] == ["harvest_users_me", "log_time", "harvest_users_me"]
    assert {r.env for r in mine} == {ENV} and all(r.outcome == "ok" for r in mine)
    assert_stored_hashed(site, tokens)


async def revoke_in_console(browser: FormBrowser, origin: str = ORIGIN) -> None:
    """Revoke every connection listed on the Connectors page, as its person would."""
    listing = await browser.request("GET", f"{origin}/connectors")
    assert listing.status_code == 200
    ids = connection_ids(listing.text)
    assert ids
    for connection in ids:
        form = {"csrf": csrf_of(listing.text), "connection": connection}
        done = await browser.request("POST", f"{origin}/connectors/revoke", form)
        assert done.status_code == 303, done.text


def connection_ids(html: str) -> list[str]:
    return re.findall(r'name="connection" value="(\d+)"', html)


def assert_stored_hashed(site: Site, tokens: MemoryTokens) -> None:
    """No token or client secret is in the database in clear."""
    assert tokens.tokens is not None and tokens.client is not None
    clear = [tokens.tokens.access_token, tokens.tokens.refresh_token, tokens.client.client_secret]
    with site.store.read() as conn:
        rows = [json.dumps([*r]) for r in conn.execute(select(oauth_tokens))]
        rows += [json.dumps([*r]) for r in conn.execute(select(oauth_clients))]
    assert rows
    for value in clear:
        assert value and not any(value in row for row in rows)


# Raw requests: the refusals, each with the spec's error.


def pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    return verifier, challenge.decode().rstrip("=")


async def register(http: httpx2.AsyncClient, **extra: Any) -> dict[str, Any]:
    body = {"client_name": "Raw Client", "redirect_uris": [REDIRECT_URI], **extra}
    response = await http.post("/register", json=body)
    assert response.status_code == 201, response.text
    registered: dict[str, Any] = response.json()
    return registered


def authorization_url(client_id: str, challenge: str, **extra: str) -> str:
    params = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": REDIRECT_URI,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        "state": "s1",
        "resource": MCP_URL,
        **extra,
    }
    return f"{ORIGIN}/authorize?{urlencode(params)}"


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


async def code_for(
    http: httpx2.AsyncClient,
    client: dict[str, Any],
    challenge: str,
    user: str = "olivia",
    **extra: str,
) -> dict[str, str]:
    back = await FormBrowser(http).authorize(
        authorization_url(client["client_id"], challenge, **extra), user
    )
    return query_of(back)


async def token(http: httpx2.AsyncClient, client: dict[str, Any], **form: str) -> httpx2.Response:
    data = {"client_id": client["client_id"], **form}
    if client.get("client_secret"):
        data["client_secret"] = client["client_secret"]
    return await http.post("/token", data=data)


async def exchange(
    http: httpx2.AsyncClient, client: dict[str, Any], code: str, verifier: str
) -> httpx2.Response:
    return await token(
        http,
        client,
        grant_type="authorization_code",
        code=code,
        redirect_uri=REDIRECT_URI,
        code_verifier=verifier,
    )


async def call(
    http: httpx2.AsyncClient, bearer: str, tool: str, arguments: dict[str, Any]
) -> httpx2.Response:
    """One stateless (2026-07-28) `tools/call` with ``bearer``."""
    meta = {
        "io.modelcontextprotocol/protocolVersion": "2026-07-28",
        "io.modelcontextprotocol/clientCapabilities": {},
    }
    message = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "tools/call",
        "params": {"name": tool, "arguments": arguments, "_meta": meta},
    }
    headers = {
        "authorization": f"Bearer {bearer}",
        "accept": "application/json, text/event-stream",
        "mcp-protocol-version": "2026-07-28",
        "mcp-method": "tools/call",
        "mcp-name": tool,
    }
    return await http.post("/mcp", json=message, headers=headers)


async def test_discovery_starts_from_a_401(site: Site) -> None:
    async with site.http() as http:
        refused = await http.post("/mcp", json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"})
        assert refused.status_code == 401
        challenge = refused.headers["www-authenticate"]
        prm_url = f"{ORIGIN}/.well-known/oauth-protected-resource/mcp"
        assert f'resource_metadata="{prm_url}"' in challenge
        assert 'scope="harvest:read harvest:write"' in challenge
        prm = (await http.get(prm_url)).json()
        assert prm["resource"] == MCP_URL and prm["authorization_servers"] == [ORIGIN]
        assert prm["scopes_supported"] == ["harvest:read", "harvest:write"]
        server = (await http.get("/.well-known/oauth-authorization-server")).json()
    assert server["issuer"] == ORIGIN
    assert server["code_challenge_methods_supported"] == ["S256"]
    assert server["client_id_metadata_document_supported"] is True
    assert server["authorization_response_iss_parameter_supported"] is True
    assert {"authorization_code", "refresh_token"} <= set(server["grant_types_supported"])
    assert server["registration_endpoint"] == ORIGIN + "/register"


async def test_api_keys_keep_working(site: Site) -> None:
    key = ApiKeyStore(site.store).create("olivia", ENV)[0].reveal()
    async with site.http() as http:
        answered = await call(http, key, "harvest_users_me", {})
    assert answered.status_code == 200, answered.text


async def test_a_wrong_redirect_uri_is_refused(site: Site) -> None:
    async with site.http() as http:
        client = await register(http)
        _, challenge = pkce()
        url = authorization_url(
            client["client_id"], challenge, redirect_uri="http://evil.example/cb"
        )
        refused = await http.get(url)
    # Not sent to the unregistered URI: answered here.
    assert refused.status_code == 400
    assert refused.json()["error"] == "invalid_request"


async def test_the_token_endpoint_wants_the_redirect_uri_of_the_request(site: Site) -> None:
    async with site.http() as http:
        client = await register(http)
        verifier, challenge = pkce()
        code = (await code_for(http, client, challenge))["code"]
        other = await token(
            http,
            client,
            grant_type="authorization_code",
            code=code,
            redirect_uri="http://127.0.0.1:33418/other",
            code_verifier=verifier,
        )
    assert other.status_code == 400 and other.json()["error"] == "invalid_request"


async def test_a_missing_or_wrong_pkce_verifier_is_refused(site: Site) -> None:
    async with site.http() as http:
        client = await register(http)
        _, challenge = pkce()
        code = (await code_for(http, client, challenge))["code"]
        missing = await token(
            http, client, grant_type="authorization_code", code=code, redirect_uri=REDIRECT_URI
        )
        wrong = await exchange(http, client, code, pkce()[0])
        # Without a challenge there is no authorization at all.
        no_challenge = await http.get(
            authorization_url(client["client_id"], "").replace("code_challenge=&", "")
        )
    assert missing.status_code == 400 and missing.json()["error"] == "invalid_request"
    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant"
    assert no_challenge.status_code == 302
    assert query_of(no_challenge.headers["location"])["error"] == "invalid_request"


async def test_a_reused_code_is_refused_and_ends_what_it_gave(site: Site) -> None:
    async with site.http() as http:
        client = await register(http)
        verifier, challenge = pkce()
        back = await code_for(http, client, challenge)
        assert back["iss"] == ORIGIN and back["state"] == "s1"
        first = await exchange(http, client, back["code"], verifier)
        assert first.status_code == 200, first.text
        again = await exchange(http, client, back["code"], verifier)
        assert again.status_code == 400 and again.json()["error"] == "invalid_grant"
        after = await call(http, first.json()["access_token"], "harvest_users_me", {})
    assert after.status_code == 401
    assert 'error="invalid_token"' in after.headers["www-authenticate"]


async def test_a_reused_refresh_token_ends_the_connection(site: Site) -> None:
    async with site.http() as http:
        client = await register(http)
        verifier, challenge = pkce()
        first = (
            await exchange(
                http, client, (await code_for(http, client, challenge))["code"], verifier
            )
        ).json()
        rotated = await token(
            http, client, grant_type="refresh_token", refresh_token=first["refresh_token"]
        )
        assert rotated.status_code == 200
        replayed = await token(
            http, client, grant_type="refresh_token", refresh_token=first["refresh_token"]
        )
        assert replayed.status_code == 400 and replayed.json()["error"] == "invalid_grant"
        newest = await call(http, rotated.json()["access_token"], "harvest_users_me", {})
    assert newest.status_code == 401


async def test_a_token_for_another_resource_is_refused(site: Site) -> None:
    async with site.http() as http:
        client = await register(http)
        _, challenge = pkce()
        url = authorization_url(
            client["client_id"], challenge, resource="https://other.example/mcp"
        )
        asked = await http.get(url)
        assert asked.status_code == 302
        assert query_of(asked.headers["location"])["error"] == "invalid_target"
    # A token this store issued for another server (same database, another public URL).
    other = ConnectorAuthorization.build(
        site.store, issuer="https://other.example", resource="https://other.example/mcp", env=ENV
    )
    store = other.provider.store
    connection = store.connect(
        user="olivia",
        env=ENV,
        client_id="x",
        client_name="x",
        scopes=["harvest:read"],
        resource="https://other.example/mcp",
    )
    foreign, _ = store.issue("access", connection, ["harvest:read"], 3600)
    async with site.http() as http:
        refused = await call(http, foreign, "harvest_users_me", {})
    assert refused.status_code == 401
    assert 'error="invalid_token"' in refused.headers["www-authenticate"]
    assert "resource_metadata=" in refused.headers["www-authenticate"]


async def test_an_expired_token_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made, server = await make_site(tmp_path, monkeypatch, Lifetimes(access=-1))
    async with server.session_manager.run(), made.http() as http:
        client = await register(http)
        verifier, challenge = pkce()
        issued = await exchange(
            http, client, (await code_for(http, client, challenge))["code"], verifier
        )
        refused = await call(http, issued.json()["access_token"], "harvest_users_me", {})
    assert refused.status_code == 401
    assert 'error="invalid_token"' in refused.headers["www-authenticate"]


async def test_writing_is_withheld_from_a_person_without_a_grant(site: Site) -> None:
    async with site.http() as http:
        client = await register(http)
        verifier, challenge = pkce()
        browser = FormBrowser(http)
        url = authorization_url(client["client_id"], challenge, scope="harvest:read harvest:write")
        back = query_of(await browser.authorize(url, "bob"))
        assert "bob holds no write grant in dev: it may only read" in browser.pages[-1]
        issued = (await exchange(http, client, back["code"], verifier)).json()
        assert issued["scope"] == "harvest:read"
        refused = await call(http, issued["access_token"], "log_time", ENTRY)
        reads = await call(http, issued["access_token"], "harvest_users_me", {})
    assert refused.status_code == 403
    assert 'error="insufficient_scope"' in refused.headers["www-authenticate"]
    assert reads.status_code == 200


async def test_an_unknown_scope_is_refused(site: Site) -> None:
    async with site.http() as http:
        client = await register(http)
        _, challenge = pkce()
        asked = await http.get(
            authorization_url(client["client_id"], challenge, scope="harvest:admin")
        )
    assert asked.status_code == 302
    assert query_of(asked.headers["location"])["error"] == "invalid_scope"


async def test_a_read_only_connection_steps_up_to_write(site: Site) -> None:
    async with site.http() as http:
        client = await register(http)
        verifier, challenge = pkce()
        code = (await code_for(http, client, challenge, scope="harvest:read"))["code"]
        issued = (await exchange(http, client, code, verifier)).json()
        assert issued["scope"] == "harvest:read"
        refused = await call(http, issued["access_token"], "log_time", ENTRY)
        via_discovery = await call(
            http,
            issued["access_token"],
            "harvest_call_tool",
            {"name": "log_time", "arguments": ENTRY},
        )
        reads = await call(http, issued["access_token"], "harvest_users_me", {})
    assert refused.status_code == 403
    challenge_header = refused.headers["www-authenticate"]
    assert 'error="insufficient_scope"' in challenge_header
    assert 'scope="harvest:read harvest:write"' in challenge_header
    assert via_discovery.status_code == 403
    assert reads.status_code == 200


async def test_a_write_connection_still_has_only_the_persons_grants(site: Site) -> None:
    async with site.http() as http:
        client = await register(http)
        verifier, challenge = pkce()
        code = (await code_for(http, client, challenge))["code"]
        issued = (await exchange(http, client, code, verifier)).json()
        assert issued["scope"] == "harvest:read harvest:write"
        expense = {"project": "Internal Training", "category": "Meals", "amount": "12.50"}
        answered = await call(http, issued["access_token"], "add_expense", expense)
    assert answered.status_code == 200
    assert "needs a write grant on toolset 'expenses' for user olivia in dev" in answered.text


async def test_a_declined_consent_returns_access_denied(site: Site) -> None:
    async with site.http() as http:
        client = await register(http)
        _, challenge = pkce()
        url = authorization_url(client["client_id"], challenge)
        back = query_of(await FormBrowser(http).authorize(url, "olivia", answer="decline"))
    assert back["error"] == "access_denied" and back["state"] == "s1"


async def test_a_client_metadata_document_stands_for_registration(site: Site) -> None:
    async with site.http() as browser_http:
        person = PersonAtBrowser(FormBrowser(browser_http), "olivia")
        tokens = MemoryTokens()
        provider = OAuthClientProvider(
            MCP_URL,
            metadata(),
            tokens,
            person.redirect,
            person.callback,
            client_metadata_url=DOCUMENT_URL,
        )
        async with (
            site.http(auth=provider) as http,
            Client(streamable_http_client(MCP_URL, http_client=http)) as mcp,
        ):
            me = await mcp.call_tool("harvest_users_me", {})
    assert not me.is_error
    assert tokens.client is not None and tokens.client.client_id == DOCUMENT_URL
    assert "Example Desktop" in person.browser.pages[-1]
    with site.store.read() as conn:
        registered = {row.client_id for row in conn.execute(select(oauth_clients))}
    assert DOCUMENT_URL not in registered  # nothing registered: the document stands for it
    connected = {c.client_id for c in site.oauth.provider.store.connections("olivia")}
    assert DOCUMENT_URL in connected


async def test_the_console_lists_and_revokes_connections(site: Site) -> None:
    async with site.http() as http:
        client = await register(http)
        verifier, challenge = pkce()
        browser = FormBrowser(http)
        back = query_of(
            await browser.authorize(authorization_url(client["client_id"], challenge), "olivia")
        )
        issued = (await exchange(http, client, back["code"], verifier)).json()
        listing = await browser.request("GET", f"{ORIGIN}/connectors")
        assert "Raw Client" in listing.text and "read and write" in listing.text
        await revoke_in_console(browser)
        listing = await browser.request("GET", f"{ORIGIN}/connectors")
        assert connection_ids(listing.text) == [] and "revoked" in listing.text
        after = await call(http, issued["access_token"], "harvest_users_me", {})
    assert after.status_code == 401
