"""`harvestkit serve`: the tool catalog as an MCP server, over stdio or streamable HTTP.

The server enforces the policy and writes the audit trail (`harvestkit.mcp.Governance`).
On stdio it acts for `--user` in `--env`; over HTTP every client sends a harvestkit API
key and acts as that key's user, with that user's own credential from the vault. With
`--sandbox` it needs no setup: the embedded demo is the credential, and the `sandbox`
environment may write (see docs/mcp.md).

On stdio, stdout carries only MCP messages: everything for people goes to stderr.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from harvestkit.cli._clock import NowOption, clock_for, harvest_base_url
from harvestkit.cli._startup import collector_paused

if TYPE_CHECKING:
    from mcp.server.mcpserver import MCPServer
    from mcp.server.transport_security import TransportSecuritySettings
    from starlette.applications import Starlette

    from harvestkit.clock import Clock
    from harvestkit.governance import Capture
    from harvestkit.mcp import Backend, Governance, ServerState
    from harvestkit.mcp.oauth import ConnectorAuthorization, ConnectorProvider
    from harvestkit.store import Store
    from harvestkit.tools import Tool

DEFAULT_PORT = 8766
SANDBOX_ENV = "sandbox"
"""The environment `--sandbox` acts in unless told otherwise; it may write (demo data)."""

# stderr only: on stdio, stdout belongs to the protocol.
console = Console(stderr=True, highlight=False)


class TransportName(StrEnum):
    stdio = "stdio"
    http = "http"


class CaptureName(StrEnum):
    none = "none"
    arguments = "arguments"
    full = "full"


def _names(values: Sequence[str] | None) -> list[str] | None:
    """`--toolsets time,reports` and `--toolsets time --toolsets reports` alike."""
    if not values:
        return None
    return [name.strip() for value in values for name in value.split(",") if name.strip()]


@dataclass(frozen=True)
class ServeConfig:
    """Everything a server (or a governed command: `call`, `import time`) is assembled
    from: who it acts for, which credentials, which tools, how it is governed."""

    user: str
    """The harvestkit user it acts for on stdio."""
    env: str
    """The environment whose grants and credential apply on stdio."""
    sandbox: bool = False
    """The embedded demo sandbox instead of a Harvest account."""
    http: bool = False
    """Streamable HTTP: API keys are required (for the sandbox only with `require_keys`)."""
    capture: Capture = "arguments"
    """What the audit trail keeps of each call."""
    clock: Clock | None = None
    """The tools' clock (default: HARVESTKIT_NOW, else real time)."""
    rate_limit_scale: float = 1.0
    """Harvest's rate-limit windows (and the answer deadline) times this."""
    require_keys: bool = False
    bulk: bool = False
    """A bulk caller (an import) waits for the rate limits as long as the SDK does, instead
    of the interactive 60 s."""
    toolsets: Sequence[str] | None = None
    tools: Sequence[str] | None = None
    read_only: bool = False
    discovery: bool = False
    """List only the search/call pair; with no toolsets or tools named, it reaches the
    whole catalog (still filtered by read-only)."""


@dataclass(frozen=True)
class Served:
    """An assembled server and the parts the HTTP endpoint and the console share."""

    server: MCPServer[ServerState]
    backend: Backend
    governance: Governance
    reach: int
    """How many tools it offers (through the discovery pair, how many the pair reaches)."""


def surface(config: ServeConfig) -> tuple[Tool, ...]:
    """The tools `config` offers; a wrong toolset or tool name raises `ValueError`."""
    from harvestkit.tools import catalog, select

    return select(
        catalog(),
        toolsets=_names(config.toolsets),
        tools=_names(config.tools),
        read_only=config.read_only,
        defaults=not config.discovery,
    )


def governed(config: ServeConfig) -> tuple[Backend, Governance]:
    """The backend and the governance `config` runs with.

    Credentials: the sandbox's; on stdio HARVEST_ACCESS_TOKEN when it is set; otherwise each
    principal's own from the vault. Harvest's rate limits are counted in Redis when
    HARVESTKIT_REDIS_URL is set, so every server acting with one credential shares one
    budget.
    """
    from harvestkit.governance import (
        ANY,
        ApiKeyStore,
        AuditLog,
        Grant,
        Policy,
        PolicyDocument,
        default_policy_path,
    )
    from harvestkit.mcp import Governance
    from harvestkit.store import open_store

    store = open_store()
    backend = _backend(config, store)
    assert backend.clients is not None  # every backend `_backend` makes has them
    document = PolicyDocument.load(default_policy_path())
    if config.sandbox:
        # Demo data: the sandbox environment may write, as the demo shows.
        demo = Grant(ANY, SANDBOX_ENV, toolset=ANY)
        document = replace(document, grants=(*document.grants, demo))
    keyed = config.http and (config.require_keys or not config.sandbox)
    keys = ApiKeyStore(store) if keyed else None
    policy = Policy(store, document)
    audit = AuditLog(store, capture=config.capture)
    governance = Governance(policy, audit, backend.clients, config.user, config.env, keys)
    return backend, governance


def _backend(config: ServeConfig, store: Store) -> Backend:
    from harvestkit.api import RetryPolicy
    from harvestkit.auth import CredentialError, open_vault
    from harvestkit.clock import from_environment
    from harvestkit.mcp import (
        ConfigurationError,
        RateBudget,
        environment_backend,
        sandbox_backend,
        vault_backend,
    )
    from harvestkit.store import REDIS_URL_ENV

    clock = config.clock or from_environment()
    if config.sandbox:
        return sandbox_backend(rate_limit_scale=config.rate_limit_scale, now=clock.start)
    budget = RateBudget.configure(
        scale=config.rate_limit_scale, redis_url=os.environ.get(REDIS_URL_ENV) or None
    )
    if config.bulk:
        budget = replace(budget, retry=RetryPolicy())
    if not config.http and os.environ.get("HARVEST_ACCESS_TOKEN", "").strip():
        return replace(environment_backend(budget=budget), clock=clock)
    vault = open_vault(store)
    if not config.http:
        try:
            vault.get(config.user, config.env)
        except CredentialError as exc:
            raise ConfigurationError(f"{exc} (or pass --sandbox to use demo data)") from exc
    return replace(vault_backend(vault, budget=budget), clock=clock)


def server_for(
    config: ServeConfig,
    chosen: Sequence[Tool],
    backend: Backend,
    governance: Governance | None,
) -> MCPServer[ServerState]:
    """The MCP server offering `chosen` on `backend` (ungoverned: every tool for everyone).
    Long work answers within `ANSWER_WITHIN` s, scaled like Harvest's rate windows."""
    from harvestkit.mcp import ANSWER_WITHIN, create_server

    return create_server(
        chosen,
        backend.harvest_factory,
        discovery=config.discovery,
        governance=governance,
        clock=backend.clock,
        answer_within=ANSWER_WITHIN * config.rate_limit_scale,
        watch_tools=governance is not None,
    )


def assemble(config: ServeConfig) -> Served:
    """The governed server of `config`. The tools are chosen first, so a wrong name fails
    before any credential is read."""
    chosen = surface(config)
    backend, governance = governed(config)
    server = server_for(config, chosen, backend, governance)
    return Served(server, backend, governance, len(chosen))


def console_url(mcp_url: str) -> str:
    """The console's address: the MCP endpoint's server, path `/`."""
    from harvestkit.mcp import MCP_PATH

    return mcp_url.removesuffix(MCP_PATH) + "/"


def web_console(
    governance: Governance,
    backend: Backend,
    security: TransportSecuritySettings,
    *,
    env: str,
    mcp_url: str,
    connectors: ConnectorProvider | None = None,
) -> Starlette:
    """The web console over the same store, policy, audit trail and Harvest clients the
    MCP endpoint uses (and the consent page of its OAuth server, with `connectors`)."""
    from harvestkit.auth import SecretKeyError, Vault, open_vault
    from harvestkit.console import ConsoleServices, create_console
    from harvestkit.mcp import identity_whoami

    store = governance.policy.store
    assert store is not None  # `_setup` always gives the policy its store
    vault: Vault | None
    try:
        vault = open_vault(store)
    except SecretKeyError:
        vault = None  # the Connections page says so
    services = ConsoleServices(
        store=store,
        env=env,
        clients=governance.clients,
        whoami=backend.whoami or identity_whoami(harvest_identity_url()),
        security=security,
        policy_document=governance.policy.document,
        audit_log=governance.audit,
        vault=vault,
        clock=backend.clock,
        mcp_url=mcp_url,
        connectors=connectors,
    )
    return create_console(services)


def connector_authorization(
    governance: Governance,
    *,
    public_url: str | None,
    endpoint: str,
    env: str,
    loopback_clients: bool = False,
) -> ConnectorAuthorization:
    """harvestkit's OAuth server for MCP clients added by URL, over the governance's store,
    at ``public_url`` (else the address it listens on, ``endpoint``)."""
    from harvestkit.mcp import MCP_PATH
    from harvestkit.mcp.oauth import ConnectorAuthorization, public_urls

    store = governance.policy.store
    assert store is not None  # `setup` always gives the policy its store
    issuer, resource = public_urls(public_url, endpoint, MCP_PATH)
    return ConnectorAuthorization.build(
        store,
        issuer=issuer,
        resource=resource,
        env=env,
        allow_loopback_client_documents=loopback_clients,
    )


def harvest_identity_url() -> str:
    from harvestkit.auth import identity_url

    return identity_url()


def _start_watch(
    path: Path, *, sandbox: bool, user: str, env: str, now: str | None, scale: float
) -> None:
    """The watch worker in a thread of this process, drawing on the same rate budget."""
    from harvestkit.watch import WatchConfigError

    from .watch import build_worker, start_beside

    if sandbox:
        console.print(
            "[red]--watch needs a Harvest account or a served sandbox, not --sandbox.[/red]"
        )
        raise typer.Exit(2)
    try:
        worker = build_worker(path, user=user, env=env, now=now, scale=scale)
    except (WatchConfigError, ValueError) as exc:
        console.print(f"[red]{exc}[/red]", soft_wrap=True)
        raise typer.Exit(2) from exc
    start_beside(worker)
    console.print(f"Watching account {worker.account_id} with the rules of {path}.")


def serve(
    transport: Annotated[
        TransportName, typer.Option(help="stdio for a local client, http for streamable HTTP.")
    ] = TransportName.stdio,
    host: Annotated[str, typer.Option(help="HTTP: interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="HTTP: port (0 picks a free one).")] = DEFAULT_PORT,
    sandbox: Annotated[
        bool, typer.Option(help="Serve an embedded demo sandbox instead of a Harvest account.")
    ] = False,
    toolsets: Annotated[
        list[str] | None,
        typer.Option(help="Toolsets to offer, comma-separated ('all', 'default', 'time', …)."),
    ] = None,
    tools: Annotated[
        list[str] | None, typer.Option(help="Tool names to offer, comma-separated.")
    ] = None,
    read_only: Annotated[
        bool, typer.Option(help="Offer no tool that writes (overrides every other choice).")
    ] = False,
    discovery: Annotated[
        bool,
        typer.Option(
            help="List only harvest_search_tools and harvest_call_tool, which reach "
            "every allowed tool."
        ),
    ] = False,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(help="HTTP: Host header to accept (repeatable; default: localhost)."),
    ] = None,
    allowed_origin: Annotated[
        list[str] | None,
        typer.Option(help="HTTP: Origin header to accept (repeatable; default: localhost)."),
    ] = None,
    user: Annotated[
        str | None,
        typer.Option(
            help="stdio: the harvestkit user to act for [default: $HARVESTKIT_USER or login]."
        ),
    ] = None,
    env: Annotated[
        str | None,
        typer.Option(
            help="stdio: the environment whose grants and credential apply [default: "
            f"$HARVESTKIT_ENV or dev; '{SANDBOX_ENV}' with --sandbox]."
        ),
    ] = None,
    audit_capture: Annotated[
        CaptureName,
        typer.Option(help="What the audit trail keeps of each call: none, arguments or full."),
    ] = CaptureName.arguments,
    rate_limit_scale: Annotated[
        float,
        typer.Option(
            min=0.000001,
            help="Harvest's rate-limit windows times this: for a sandbox started with the "
            "same --rate-limit-scale (with --sandbox, the embedded one's too).",
        ),
    ] = 1.0,
    require_keys: Annotated[
        bool,
        typer.Option(
            "--require-keys",
            help="HTTP with --sandbox: clients must send an API key too (needed to listen "
            "beyond this machine).",
        ),
    ] = False,
    public_url: Annotated[
        str | None,
        typer.Option(
            envvar="HARVESTKIT_PUBLIC_URL",
            help="HTTP: the URL clients reach this server at (behind a proxy, e.g. "
            "https://harvest.example.com); the OAuth issuer and resource are named after it.",
        ),
    ] = None,
    allow_loopback_client_metadata: Annotated[
        bool,
        typer.Option(
            help="HTTP, development only: accept OAuth client metadata documents served "
            "over plain http from this machine.",
        ),
    ] = False,
    now: NowOption = None,
    watch: Annotated[
        Path | None,
        typer.Option(
            help="Also run the watch worker of this watch file in this process (for a "
            "Harvest account, or a sandbox served by `harvestkit sandbox`; not --sandbox)."
        ),
    ] = None,
) -> None:
    """Serve the Harvest tools over MCP, under the policy and with an audit trail.

    Credentials: each user's own from `harvestkit auth login` (on stdio also
    HARVEST_ACCESS_TOKEN and HARVEST_ACCOUNT_ID); over HTTP clients send an API key from
    `harvestkit keys create`.
    """
    # Start-up makes long-lived objects only: no collection until the server is assembled.
    with collector_paused():
        # Imported here: the MCP SDK takes a second to load, which other commands needn't pay.
        from harvestkit.auth import CredentialError, SecretKeyError
        from harvestkit.cli._people import default_env, default_user
        from harvestkit.mcp import (
            ConfigurationError,
            bind,
            client_config,
            endpoint_url,
            http_app,
            is_loopback,
            serve_http,
            transport_security,
        )

        logging.basicConfig(level=logging.WARNING, handlers=[logging.StreamHandler()])
        clock = clock_for(now, sandbox=sandbox, base_url=harvest_base_url())
        http = transport is TransportName.http
        if http and sandbox and not require_keys and not is_loopback(host):
            # The sandbox grants writes to everyone who reaches it; only this machine may.
            console.print(
                f"[red]--sandbox serves writes without an API key; it listens on {host} only "
                "with --require-keys (or use --host 127.0.0.1).[/red]",
                soft_wrap=True,
            )
            raise typer.Exit(2)
        config = ServeConfig(
            user=user or default_user(),
            env=env or (SANDBOX_ENV if sandbox else default_env()),
            sandbox=sandbox,
            http=http,
            capture=audit_capture.value,
            clock=clock,
            rate_limit_scale=rate_limit_scale,
            require_keys=require_keys,
            toolsets=toolsets,
            tools=tools,
            read_only=read_only,
            discovery=discovery,
        )
        try:
            served = assemble(config)
        except (ConfigurationError, CredentialError, SecretKeyError, ValueError) as exc:
            console.print(f"[red]{exc}[/red]")
            raise typer.Exit(2) from exc
    server, backend, governance = served.server, served.backend, served.governance
    mode = "read-only, " if read_only else ""
    console.print(
        f"harvestkit MCP server: {served.reach} tools ({mode}{backend.description})",
        soft_wrap=True,
    )
    keys = governance.keys
    if keys is None:
        who = f"Acting for {config.user} in {config.env}"
        console.print(f"{who}, under the policy; every call goes to the audit trail.")
    else:
        console.print(
            "Each client sends 'Authorization: Bearer <API key>' and acts as the key's user, "
            "with that user's credential and grants. Make a key: harvestkit keys create "
            "--user NAME --env ENV",
            soft_wrap=True,
        )
    if watch is not None:
        _start_watch(watch, sandbox=sandbox, user=config.user, env=config.env, now=now,
                     scale=rate_limit_scale)  # fmt: skip
    if transport is TransportName.stdio:
        server.run("stdio")
        return
    try:
        sock = bind(host, port)
    except OSError as exc:
        console.print(f"[red]Cannot listen on {host}:{port}: {exc.strerror}.[/red]")
        raise typer.Exit(1) from exc
    if not is_loopback(host) and not allowed_host:
        console.print(
            "Only requests for localhost are accepted; pass --allowed-host (and "
            "--allowed-origin) with the name clients use for this server.",
            soft_wrap=True,
        )
    security = transport_security(allowed_host, allowed_origin)
    bound_host, bound_port = sock.getsockname()[:2]
    url = endpoint_url(bound_host, bound_port)
    oauth = None
    if keys is not None:
        try:
            oauth = connector_authorization(
                governance,
                public_url=public_url,
                endpoint=url,
                env=config.env,
                loopback_clients=allow_loopback_client_metadata,
            )
        except ValueError as exc:
            console.print(f"[red]{exc}[/red]")
            raise typer.Exit(2) from exc
        url = oauth.provider.resource
    provider = None if oauth is None else oauth.provider
    web = web_console(
        governance, backend, security, env=config.env, mcp_url=url, connectors=provider
    )
    app = http_app(server, security, keys=keys, console=web, oauth=oauth)

    def ready() -> None:
        console.print(f"Console: {console_url(url)}  (first visit: create the owner)")
        if backend.demo_token is not None:
            console.print(
                "  To connect the demo on the Connections page, paste the sandbox's token: "
                f"{backend.demo_token.reveal()}",
                soft_wrap=True,
            )
        console.print(f"MCP endpoint: {url}")
        console.print("Add it to an MCP client (Cursor, Claude Code) as a URL:")
        placeholder = None if keys is None else "<your harvestkit API key>"
        console.print(client_config(url, api_key=placeholder), soft_wrap=True)
        if oauth is not None:
            console.print(
                f"Or add {url} as a custom connector (Claude, ChatGPT): people sign in with "
                "their console name and password and allow the client.",
                soft_wrap=True,
            )
        if sandbox:
            console.print("Or let the client start the server itself over stdio:")
            console.print(client_config(), soft_wrap=True)
        console.print("Press Ctrl+C to stop.")

    with contextlib.suppress(KeyboardInterrupt):
        serve_http(app, sock, ready)
