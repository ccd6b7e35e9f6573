"""Where the server gets Harvest from, and how it is served (stdio or streamable HTTP).

`sandbox_backend` runs the embedded sandbox with demo data inside this process: the
Harvest client reaches it through an ASGI transport, so no port and no account are needed.
`environment_backend` reads a personal access token from the environment.
"""

from __future__ import annotations

import asyncio
import gc
import ipaddress
import json
import os
import shutil
import socket
import sys
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import uvicorn
from mcp.server.mcpserver import MCPServer
from mcp.server.transport_security import TransportSecuritySettings
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.types import ASGIApp

from harvestkit.api import (
    DEFAULT_BASE_URL,
    DEFAULT_IDENTITY_URL,
    AsyncHarvest,
    RateLimits,
    RetryPolicy,
)
from harvestkit.api.types.identity import Accounts
from harvestkit.auth import Secret, Vault, VaultTokenProvider
from harvestkit.clock import Now, system_now
from harvestkit.governance import ApiKeyStore, AsyncRequestRecorder

from ._auth import ApiKeyAuth
from ._guard import Acting, ClientFactory
from ._pacing import RateBudget
from ._server import HarvestFactory
from ._sessions import SessionBinding
from ._state import ServerState

if TYPE_CHECKING:
    from .oauth import ConnectorAuthorization

SANDBOX_ORIGIN = "http://sandbox.test"
MCP_PATH = "/mcp"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")


WhoAmI = Callable[[Secret], Awaitable[Accounts]]
"""Asks Harvest ID who a token belongs to and which accounts it reaches."""


class ConfigurationError(Exception):
    """The server cannot start as configured; the message says what to set."""


@dataclass(frozen=True)
class Backend:
    """A way to make Harvest clients, and a line saying what it talks to.

    `clients` makes the same client for a governed server, its requests recorded for the
    audit trail; every principal then acts with this backend's one credential.
    """

    harvest_factory: HarvestFactory
    description: str
    clients: ClientFactory | None = None
    clock: Now = system_now
    """The tools' "now": the embedded sandbox's own clock, so both agree on today."""
    whoami: WhoAmI | None = None
    """Who a token is, asked of this backend's Harvest ID (the console's connection test)."""
    demo_token: Secret | None = None
    """The embedded sandbox's own token, for connecting to the demo."""


def identity_whoami(identity_url: str, transport: httpx.AsyncBaseTransport | None = None) -> WhoAmI:
    """A `WhoAmI` asking the Harvest ID at `identity_url` (`GET /api/v2/accounts`)."""

    async def whoami(token: Secret) -> Accounts:
        async with AsyncHarvest(
            token.reveal(), identity_url=identity_url, transport=transport
        ) as harvest:
            return await harvest.accounts.list()

    return whoami


def sandbox_backend(*, rate_limit_scale: float = 1.0, now: datetime | None = None) -> Backend:
    """An in-memory demo sandbox in this process ("Bright Harbor Studio"), its rate-limit
    windows and its clients' scaled by `rate_limit_scale`. Its clock starts at `now` (default
    HARVESTKIT_NOW, else real time), and the tools read that same clock."""
    from harvestkit.sandbox import SandboxConfig, create_app

    config = SandboxConfig(db=":memory:", seed="demo", rate_limit_scale=rate_limit_scale)
    if now is not None:
        config.now = now
    app = create_app(config)
    state = app.state.sandbox
    token, account_id = state.admin_token, state.account_id
    pacing = RateBudget(RateLimits().scaled(rate_limit_scale)).client_options()

    def factory(transport: httpx.AsyncBaseTransport | None = None) -> AsyncHarvest:
        return AsyncHarvest(
            token,
            account_id,
            base_url=f"{SANDBOX_ORIGIN}/v2",
            identity_url=SANDBOX_ORIGIN,
            transport=transport or httpx.ASGITransport(app=app),
            **pacing,
        )

    def clients(user: str, env: str) -> Acting:
        recorded = AsyncRequestRecorder(httpx.ASGITransport(app=app))
        return Acting(factory(recorded), int(account_id))

    description = f"embedded Harvest sandbox with demo data (account {account_id})"
    if config.now is not None:
        description += f", clock started at {config.now.isoformat().replace('+00:00', 'Z')}"
    return Backend(
        factory,
        description,
        clients,
        clock=state.clock.exact,
        whoami=identity_whoami(SANDBOX_ORIGIN, httpx.ASGITransport(app=app)),
        demo_token=Secret(token),
    )


def environment_backend(
    environ: Mapping[str, str] = os.environ, *, budget: RateBudget | None = None
) -> Backend:
    """Harvest itself, with HARVEST_ACCESS_TOKEN and HARVEST_ACCOUNT_ID."""
    token = environ.get("HARVEST_ACCESS_TOKEN", "").strip()
    account_id = environ.get("HARVEST_ACCOUNT_ID", "").strip()
    missing = [
        name
        for name, value in (("HARVEST_ACCESS_TOKEN", token), ("HARVEST_ACCOUNT_ID", account_id))
        if not value
    ]
    if missing:
        raise ConfigurationError(
            f"Set {' and '.join(missing)} (a Harvest personal access token and its account id, "
            "from https://id.getharvest.com/developers), or pass --sandbox to use demo data."
        )
    base_url = environ.get("HARVEST_BASE_URL", "").strip() or DEFAULT_BASE_URL
    identity_url = environ.get("HARVEST_IDENTITY_URL", "").strip() or DEFAULT_IDENTITY_URL

    pacing = (budget or RateBudget()).client_options()

    def factory(transport: httpx.AsyncBaseTransport | None = None) -> AsyncHarvest:
        return AsyncHarvest(
            token,
            account_id,
            base_url=base_url,
            identity_url=identity_url,
            transport=transport,
            **pacing,
        )

    def clients(user: str, env: str) -> Acting:
        recorded = AsyncRequestRecorder(httpx.AsyncHTTPTransport())
        return Acting(factory(recorded), int(account_id) if account_id.isdigit() else None)

    description = f"Harvest at {base_url} (account {account_id}){_paced(budget)}"
    return Backend(factory, description, clients, whoami=identity_whoami(identity_url))


def vault_backend(
    vault: Vault, environ: Mapping[str, str] = os.environ, *, budget: RateBudget | None = None
) -> Backend:
    """Harvest itself, each principal with its own credential from the vault (for a
    governed server: there is no shared client)."""
    base_url = environ.get("HARVEST_BASE_URL", "").strip() or DEFAULT_BASE_URL
    identity_url = environ.get("HARVEST_IDENTITY_URL", "").strip() or DEFAULT_IDENTITY_URL

    def no_shared_client() -> AsyncHarvest:
        raise ConfigurationError("credentials come from the vault: serve with governance")

    clients = vault_clients(vault, base_url=base_url, identity_url=identity_url, budget=budget)
    description = f"Harvest at {base_url}, each user's own credential from the vault"
    whoami = identity_whoami(identity_url)
    return Backend(no_shared_client, description + _paced(budget), clients, whoami=whoami)


def _paced(budget: RateBudget | None) -> str:
    return "" if budget is None else f"; {budget.describe()}"


def is_loopback(host: str) -> bool:
    """Whether ``host`` names only this machine (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def transport_security(
    allowed_hosts: list[str] | None = None, allowed_origins: list[str] | None = None
) -> TransportSecuritySettings:
    """The Host/Origin allowlist (against DNS rebinding): localhost unless told otherwise."""
    hosts = allowed_hosts or [form for host in LOCAL_HOSTS for form in (host, f"{host}:*")]
    origins = allowed_origins or [
        form for host in LOCAL_HOSTS for form in (f"http://{host}", f"http://{host}:*")
    ]
    return TransportSecuritySettings(allowed_hosts=hosts, allowed_origins=origins)


def http_app(
    server: MCPServer[ServerState],
    security: TransportSecuritySettings,
    *,
    keys: ApiKeyStore | None = None,
    console: ASGIApp | None = None,
    oauth: ConnectorAuthorization | None = None,
) -> Starlette:
    """The streamable HTTP app (endpoint `/mcp`), serving both protocol eras. With `keys`,
    every request to `/mcp` needs a harvestkit API key (`Authorization: Bearer …`), else
    401. With `oauth` too, an access token from harvestkit's authorization server does as
    well, and the 401 says where to get one (`harvestkit.mcp.oauth`). `console` (the web
    console, with its own sign-in) answers every other path."""
    app = server.streamable_http_app(streamable_http_path=MCP_PATH, transport_security=security)
    if oauth is not None:
        app.router.routes.extend(oauth.routes)
    if console is not None:
        app.router.routes.append(Mount("/", app=console))
    if keys is not None:
        # Starlette runs the last added outermost: the token, the key, then the session.
        app.add_middleware(SessionBinding)
        challenge = None if oauth is None else oauth.challenge
        app.add_middleware(
            ApiKeyAuth, keys=keys, path=MCP_PATH if console else None, challenge=challenge
        )
        if oauth is not None:
            oauth.protect(app, server, MCP_PATH)
    return app


def vault_clients(
    vault: Vault,
    *,
    base_url: str = DEFAULT_BASE_URL,
    identity_url: str = DEFAULT_IDENTITY_URL,
    transport: httpx.AsyncBaseTransport | None = None,
    budget: RateBudget | None = None,
    retry: RetryPolicy | None = None,
) -> ClientFactory:
    """Harvest clients from the credential vault: each principal acts with its own
    credential (refreshed by `VaultTokenProvider`), its requests recorded for the audit,
    paced by `budget` (default: Harvest's windows, counted in this process) and retried by
    `retry` (default: the budget's, which waits for the rate limits at most 60 s)."""
    pacing = (budget or RateBudget()).client_options()
    if retry is not None:
        pacing["retry"] = retry

    def clients(user: str, env: str) -> Acting:
        credential = vault.get(user, env)
        provider = VaultTokenProvider(vault, user, env)
        inner = transport or httpx.AsyncHTTPTransport()
        harvest = AsyncHarvest(
            token_provider=provider,
            account_id=credential.default_account_id,
            base_url=base_url,
            identity_url=identity_url,
            transport=AsyncRequestRecorder(inner),
            **pacing,
        )
        return Acting(harvest, credential.default_account_id, credential.harvest_user_id)

    return clients


def endpoint_url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}{MCP_PATH}"


def command_path() -> str:
    """The absolute path of the `harvestkit` command of this installation. Desktop clients
    start servers without the shell's PATH (or a virtual environment's), so a bare name
    pasted into their configuration is not found."""
    beside = Path(sys.executable).parent / "harvestkit"
    if beside.exists():
        return str(beside.absolute())
    found = shutil.which("harvestkit")
    return str(Path(found).absolute()) if found else str(beside.absolute())


def client_config(url: str | None = None, *, api_key: str | None = None) -> str:
    """A ready-to-paste `mcpServers` block (Claude Desktop, Cursor): over stdio (the
    command by its absolute path), or the HTTP URL form when `url` is given, with an
    `Authorization` header when `api_key` is (pass a placeholder to show where it goes)."""
    entry: dict[str, object]
    if url is None:
        entry = {"command": command_path(), "args": ["serve", "--sandbox"]}
    else:
        entry = {"type": "http", "url": url}
        if api_key is not None:
            entry["headers"] = {"Authorization": f"Bearer {api_key}"}
    return json.dumps({"mcpServers": {"harvest": entry}}, indent=2)


def bind(host: str, port: int) -> socket.socket:
    """Bind first, so a busy port fails fast and port 0 gets a real number to print."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio only turns on TCP_NODELAY for sockets that say so,
    # and without it every response body waits ~40 ms for the peer's delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock


def freeze_startup_heap() -> None:
    """Put everything the server built to start (modules, the tool catalog, its schemas:
    some 170,000 objects) out of the garbage collector's sight for good.

    A full collection walks every object it sees, holding the interpreter's lock: no
    client is answered meanwhile. Reading pages of 2,000 time entries sets one off every
    page or two, and with the startup objects in sight each took 80 to 150 ms; without
    them, 5 to 35 ms. What is frozen lives as long as the process anyway.
    """
    gc.collect()
    gc.freeze()


def serve_http(app: Starlette, sock: socket.socket, on_ready: Callable[[], None]) -> None:
    """Serve `app` on `sock` until interrupted; `on_ready` runs once it accepts connections."""
    # The app's lifespan starts the SDK's session manager, so it must run.
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
    server = uvicorn.Server(config)

    async def main() -> None:
        task = asyncio.create_task(server.serve(sockets=[sock]))
        while not server.started and not task.done():
            await asyncio.sleep(0.01)
        if server.started:
            freeze_startup_heap()
            on_ready()
        await task

    asyncio.run(main())
