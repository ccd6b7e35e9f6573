"""`harvestkit serve`: the tool catalog as an MCP server, over stdio or streamable HTTP.

On stdio, stdout carries only MCP messages: everything for people goes to stderr.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

if TYPE_CHECKING:
    from mcp.server.mcpserver import MCPServer

    from harvestkit.mcp import Backend, ServerState

DEFAULT_PORT = 8766

# stderr only: on stdio, stdout belongs to the protocol.
console = Console(stderr=True, highlight=False)


class TransportName(StrEnum):
    stdio = "stdio"
    http = "http"


def _names(values: list[str] | None) -> list[str] | None:
    """`--toolsets time,reports` and `--toolsets time --toolsets reports` alike."""
    if not values:
        return None
    return [name.strip() for value in values for name in value.split(",") if name.strip()]


def build(
    make_backend: Callable[[], Backend],
    *,
    toolsets: list[str] | None = None,
    tools: list[str] | None = None,
    read_only: bool = False,
    discovery: bool = False,
) -> tuple[MCPServer[ServerState], Backend, int]:
    """The server, its backend, and how many tools it reaches.

    The tools are chosen first, so a wrong name fails before the backend is made. With
    `discovery` and no toolsets or tools named, the search/call pair reaches the whole
    catalog (still filtered by read-only); otherwise the default tool set.
    """
    from harvestkit.mcp import create_server
    from harvestkit.tools import catalog, select

    chosen = select(
        catalog(),
        toolsets=_names(toolsets),
        tools=_names(tools),
        read_only=read_only,
        defaults=not discovery,
    )
    backend = make_backend()
    server = create_server(chosen, backend.harvest_factory, discovery=discovery)
    return server, backend, len(chosen)


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
) -> None:
    """Serve the Harvest tools over MCP (credentials: HARVEST_ACCESS_TOKEN, HARVEST_ACCOUNT_ID)."""
    # Imported here: the MCP SDK takes a second to load, which other commands needn't pay.
    from harvestkit.mcp import (
        ConfigurationError,
        bind,
        client_config,
        endpoint_url,
        environment_backend,
        http_app,
        sandbox_backend,
        serve_http,
        transport_security,
    )

    logging.basicConfig(level=logging.WARNING, handlers=[logging.StreamHandler()])
    try:
        server, backend, reach = build(
            sandbox_backend if sandbox else environment_backend,
            toolsets=toolsets,
            tools=tools,
            read_only=read_only,
            discovery=discovery,
        )
    except (ConfigurationError, ValueError) as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    mode = "read-only, " if read_only else ""
    console.print(
        f"harvestkit MCP server: {reach} tools ({mode}{backend.description})", soft_wrap=True
    )
    if transport is TransportName.stdio:
        server.run("stdio")
        return
    try:
        sock = bind(host, port)
    except OSError as exc:
        console.print(f"[red]Cannot listen on {host}:{port}: {exc.strerror}.[/red]")
        raise typer.Exit(1) from exc
    if host not in ("127.0.0.1", "localhost", "::1") and not allowed_host:
        console.print(
            "Only requests for localhost are accepted; pass --allowed-host (and "
            "--allowed-origin) with the name clients use for this server.",
            soft_wrap=True,
        )
    app = http_app(server, transport_security(allowed_host, allowed_origin))
    bound_host, bound_port = sock.getsockname()[:2]
    url = endpoint_url(bound_host, bound_port)

    def ready() -> None:
        console.print(f"MCP endpoint: {url}")
        console.print("Add it to an MCP client (Cursor, Claude Code) as a URL:")
        console.print(client_config(url), soft_wrap=True)
        if sandbox:
            console.print("Or let the client start the server itself over stdio:")
            console.print(client_config(), soft_wrap=True)
        console.print("Press Ctrl+C to stop.")

    with contextlib.suppress(KeyboardInterrupt):
        serve_http(app, sock, ready)
