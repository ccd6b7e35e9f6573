"""One client's Harvest trouble stays its own: while user A's Harvest calls are throttled or
failing, user B's tool calls on the same server complete, and right.

The server is the HTTP app with API keys, each user acting with their own Harvest token
from the vault, on one demo sandbox whose faults are scoped to A's token. "Promptly" is
shown by order, not by a stopwatch: A's call is held in flight by something only the test
ends (a storm that outlasts the test, A's requests held at the wire, or a token refresh
Harvest ID does not answer), B completes its calls meanwhile, and only then is A let go.
The audit trail, in the order calls finished, shows the same.
"""

from __future__ import annotations

import os
import threading
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anyio
import httpx
import httpx2
import pytest
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp_types import CallToolResult, TextContent
from starlette.applications import Starlette

from harvestkit.api import RateLimits
from harvestkit.auth import Cipher, Secret, TokenSet, Vault
from harvestkit.governance import (
    ApiKeyStore,
    AuditLog,
    AuditRecord,
    Policy,
    PolicyDocument,
)
from harvestkit.mcp import (
    MCP_PATH,
    Governance,
    RateBudget,
    create_server,
    error_facts,
    http_app,
    transport_security,
    vault_clients,
)
from harvestkit.sandbox.core import Sandbox
from harvestkit.sandbox.faults import FaultSpec
from harvestkit.store import Store
from harvestkit.tools import catalog
from tests.conftest import ACCOUNT_ID, open_copy

from .conftest import FAST_RETRY, SCALE, Recorder

pytestmark = pytest.mark.anyio

BASE = "http://127.0.0.1:8766"
ENV = "test"
AVERY = 1782884  # the demo administrator: user A's Harvest identity
RAVI = 1782893  # a demo member: user B's
CALLS_BY_B = 5
STORM_SECONDS = 100
"""Long enough to outlast any test run; its Retry-After (scaled) is at most 0.1 s."""
DEADLINE = 60
"""Seconds after which a stuck test fails instead of hanging the suite; never waited out."""
TOOLS = [tool for tool in catalog() if tool.name == "harvest_users_me"]
"""The one tool these tests call: the whole catalog would only slow every session down."""
ANSWERED = {200, 304}  # 304: the client revalidates what it read before (ETags)


class Wire(httpx.AsyncBaseTransport):
    """The sandbox as the server's Harvest clients see it: Retry-After scaled like the
    sandbox's windows (`Recorder`), each answer noted by token, and one token's requests
    held at the wire on demand, like a Harvest that hangs for that client only."""

    def __init__(self, app: Any) -> None:
        self.inner = Recorder(app)
        self.statuses: dict[str, list[int]] = defaultdict(list)
        self._progress = anyio.Event()
        self._held: tuple[str, int] | None = None
        self.holding = anyio.Event()
        self._released = anyio.Event()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        if self._holds(token):
            self.holding.set()
            await self._released.wait()
        response = await self.inner.handle_async_request(request)
        self.statuses[token].append(response.status_code)
        progress, self._progress = self._progress, anyio.Event()
        progress.set()
        return response

    def _holds(self, token: str) -> bool:
        return (
            self._held is not None
            and self._held[0] == token
            and len(self.statuses[token]) >= self._held[1]
        )

    def hold(self, token: str, *, after: int) -> None:
        """Hold `token`'s requests once `after` of them have been answered."""
        self._held = (token, after)

    def release(self) -> None:
        self._released.set()

    async def answered(self, token: str, count: int) -> None:
        """Wait until `count` requests with `token` have been answered."""
        while len(self.statuses[token]) < count:
            await self._progress.wait()


class SlowLogin:
    """Harvest ID for the vault, whose refresh hangs until released: it runs in one of the
    vault's worker threads, so it waits on a thread event."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.asked = threading.Event()
        self.answer = threading.Event()

    def __call__(self, refresh_token: str) -> TokenSet:
        self.asked.set()
        self.answer.wait(DEADLINE)
        return TokenSet(Secret(self.token), None, time.time() + 3600)


@dataclass
class Deployment:
    app: Starlette
    sandbox: Sandbox
    wire: Wire
    audit: AuditLog
    vault: Vault
    login: SlowLogin
    keys: dict[str, str]
    tokens: dict[str, str]
    """Each user's Harvest token, as the sandbox sees it."""

    @asynccontextmanager
    async def session(self, user: str) -> AsyncIterator[Client]:
        """An MCP client connected with `user`'s API key."""
        headers = {"authorization": f"Bearer {self.keys[user]}"}
        transport = httpx2.ASGITransport(app=self.app)
        async with (
            httpx2.AsyncClient(transport=transport, base_url=BASE, headers=headers) as http,
            Client(streamable_http_client(BASE + MCP_PATH, http_client=http)) as mcp,
        ):
            yield mcp

    def trail(self) -> list[AuditRecord]:
        verification = self.audit.verify()
        assert verification.ok, verification.problem
        return self.audit.records()


@pytest.fixture
def sandbox_app(demo_template: Path, tmp_path: Path) -> Iterator[Any]:
    app = open_copy(demo_template, tmp_path, rate_limit_scale=SCALE)
    yield app
    app.state.sandbox.close()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(f"sqlite:///{tmp_path / 'harvestkit.sqlite3'}")
    yield opened
    opened.close()


@pytest.fixture
async def deployment(store: Store, sandbox_app: Any) -> AsyncIterator[Deployment]:
    sandbox: Sandbox = sandbox_app.state.sandbox
    login = SlowLogin(sandbox.mint_token(AVERY))
    vault = Vault(store, Cipher(os.urandom(32)), refresher=login)
    tokens = {"alice": sandbox.mint_token(AVERY), "bob": sandbox.mint_token(RAVI)}
    for user, harvest_user in (("alice", AVERY), ("bob", RAVI)):
        vault.save(
            user,
            ENV,
            "pat",
            TokenSet(Secret(tokens[user])),
            account_ids=[ACCOUNT_ID],
            default_account_id=ACCOUNT_ID,
            harvest_user_id=harvest_user,
        )
    api_keys = ApiKeyStore(store)
    keys = {user: api_keys.create(user, ENV)[0].reveal() for user in tokens}
    wire = Wire(sandbox_app)
    audit = AuditLog(store)
    governance = Governance(
        Policy(store, PolicyDocument.parse("")),
        audit,
        # Each user's own credential and client, as served; one limiter for all users, as
        # in a server process; the retry policy and windows of these tests.
        vault_clients(
            vault,
            base_url="http://sandbox.test/v2",
            identity_url="http://sandbox.test",
            transport=wire,
            budget=RateBudget(RateLimits().scaled(SCALE)),
            retry=FAST_RETRY,
        ),
        keys=api_keys,
    )
    server = create_server(TOOLS, None, governance=governance)
    app = http_app(server, transport_security(), keys=api_keys)
    try:
        async with server.session_manager.run():
            yield Deployment(app, sandbox, wire, audit, vault, login, keys, tokens)
    finally:
        login.answer.set()


def text(result: CallToolResult) -> str:
    return "\n".join(c.text for c in result.content if isinstance(c, TextContent))


async def me(mcp: Client) -> int:
    """The Harvest user id the caller acts as, by `harvest_users_me`."""
    result = await mcp.call_tool("harvest_users_me", {})
    assert not result.is_error, text(result)
    assert result.structured_content is not None
    user_id: int = result.structured_content["user"]["id"]
    return user_id


def calls(trail: list[AuditRecord], user: str) -> list[tuple[str, list[int]]]:
    """`user`'s audited calls: outcome and the statuses of the Harvest requests made."""
    return [(r.outcome, [q["status"] for q in r.requests]) for r in trail if r.user == user]


def answered_at_once(trail: list[AuditRecord], user: str) -> bool:
    """Every call of `user` succeeded with one Harvest request, answered at once."""
    made = calls(trail, user)
    return bool(made) and all(
        outcome == "ok" and len(statuses) == 1 and statuses[0] in ANSWERED
        for outcome, statuses in made
    )


async def b_calls_while_a_is_stuck(
    deployment: Deployment,
    a_call: Callable[[Client], Awaitable[Any]],
    *,
    stuck: Callable[[], Awaitable[object]],
    release: Callable[[], object],
    a_calls: int = 1,
) -> tuple[list[int], list[Any]]:
    """Start A's calls; once `stuck()` returns (they are provably in flight), B makes its
    calls, none of A's may have returned, then `release()`. B's and A's results."""
    a_results: list[Any] = []
    with anyio.fail_after(DEADLINE):
        async with (
            deployment.session("alice") as alice,
            deployment.session("bob") as bob,
            anyio.create_task_group() as group,
        ):

            async def one_a_call() -> None:
                a_results.append(await a_call(alice))

            for _ in range(a_calls):
                group.start_soon(one_a_call)
            await stuck()
            b_results = [await me(bob) for _ in range(CALLS_BY_B)]
            assert a_results == []
            release()
    return b_results, a_results


async def test_b_is_served_while_a_waits_out_a_429_storm(deployment: Deployment) -> None:
    a_token = deployment.tokens["alice"]
    storm = FaultSpec(storm_seconds=STORM_SECONDS, tokens=frozenset({a_token}))
    deployment.sandbox.faults.replace(storm)

    def end_the_storm() -> None:
        assert set(deployment.wire.statuses[a_token]) == {429}  # A has had nothing else
        deployment.sandbox.faults.clear()

    b_results, a_results = await b_calls_while_a_is_stuck(
        deployment,
        me,
        a_calls=3,  # several of A's calls stuck at once
        stuck=lambda: deployment.wire.answered(a_token, 6),  # each told to wait, twice
        release=end_the_storm,
    )
    assert b_results == [RAVI] * CALLS_BY_B
    assert a_results == [AVERY] * 3
    trail = deployment.trail()
    # B's calls were recorded first, each one request answered straight away.
    assert [r.user for r in trail] == ["bob"] * CALLS_BY_B + ["alice"] * 3
    assert answered_at_once(trail, "bob")
    for outcome, statuses in calls(trail, "alice"):
        assert outcome == "ok"
        assert statuses[-1] in ANSWERED and len(statuses) >= 3
        assert set(statuses[:-1]) == {429}


async def test_b_is_served_while_a_fails_and_a_is_told_so(deployment: Deployment) -> None:
    a_token = deployment.tokens["alice"]
    failing = FaultSpec(error_rate=1, seed=7, tokens=frozenset({a_token}))
    deployment.sandbox.faults.replace(failing)
    # A has had two 5xx answers and is retrying; its next attempt hangs until released.
    deployment.wire.hold(a_token, after=2)

    async def a_call(alice: Client) -> CallToolResult:
        return await alice.call_tool("harvest_users_me", {})

    b_results, a_results = await b_calls_while_a_is_stuck(
        deployment, a_call, stuck=deployment.wire.holding.wait, release=deployment.wire.release
    )
    with anyio.fail_after(DEADLINE):
        after = await _me_again(deployment)
    assert b_results == [RAVI] * CALLS_BY_B
    assert after == RAVI  # the server still serves B after A's failure

    [a_result] = a_results
    # A tool error saying what failed and what to do, not a protocol error or a traceback.
    assert a_result.is_error and a_result.structured_content is None
    assert set(error_facts(a_result)) == {"error", "hint"}
    assert "Harvest" in text(a_result) and "Traceback" not in text(a_result)
    attempts = FAST_RETRY.max_retries + 1
    assert deployment.sandbox.faults.injected == {"error": attempts}
    trail = deployment.trail()
    assert [r.user for r in trail] == ["bob"] * CALLS_BY_B + ["alice", "bob"]
    [(outcome, statuses)] = calls(trail, "alice")
    assert outcome == "error"
    assert len(statuses) == attempts and all(s in (500, 502, 503) for s in statuses)
    [failed] = [r for r in trail if r.user == "alice"]
    assert failed.error and failed.harvest_user_id == AVERY
    assert answered_at_once(trail, "bob")


async def _me_again(deployment: Deployment) -> int:
    async with deployment.session("bob") as bob:
        return await me(bob)


async def test_b_is_served_while_a_token_refresh_hangs(deployment: Deployment) -> None:
    # A logged in with OAuth; the access token has expired, so A's next call refreshes it
    # first, and Harvest ID does not answer until the test says so.
    expired = TokenSet(Secret("expired"), Secret("refresh"), time.time() - 1)
    deployment.vault.save(
        "alice",
        ENV,
        "oauth",
        expired,
        account_ids=[ACCOUNT_ID],
        default_account_id=ACCOUNT_ID,
        harvest_user_id=AVERY,
    )
    login = deployment.login

    async def refresh_asked() -> None:
        assert await anyio.to_thread.run_sync(login.asked.wait, DEADLINE)

    b_results, a_results = await b_calls_while_a_is_stuck(
        deployment, me, stuck=refresh_asked, release=login.answer.set
    )
    assert b_results == [RAVI] * CALLS_BY_B
    assert a_results == [AVERY]
    assert deployment.wire.statuses["expired"] == []  # refreshed before, not after, a 401
    trail = deployment.trail()
    assert [r.user for r in trail] == ["bob"] * CALLS_BY_B + ["alice"]
    assert answered_at_once(trail, "bob") and answered_at_once(trail, "alice")
