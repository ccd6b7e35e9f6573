"""One server's OAuth pieces, made together: where it is (issuer and resource URLs), the
provider over the store, the routes, and the bearer check on the MCP path."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
from mcp.server.mcpserver import MCPServer
from starlette.applications import Starlette
from starlette.routing import BaseRoute

from harvestkit.store import Store

from ._bearer import ConnectorBearer, WriteCheck, challenge
from ._client_documents import ClientDocuments
from ._provider import SCOPES, ConnectorProvider, Lifetimes
from ._routes import authorization_routes, resource_metadata_url
from ._store import ConnectorStore

__all__ = ["ConnectorAuthorization", "public_urls", "write_check"]


def public_urls(public_url: str | None, endpoint: str, mcp_path: str) -> tuple[str, str]:
    """The issuer and the resource (the MCP endpoint's URL) clients see: from the public URL
    the server is reached at behind a proxy (its origin, e.g. ``https://harvest.example.com``,
    or that with the MCP path), else from the address it listens on (``endpoint``)."""
    url = (public_url or endpoint).rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"the public URL must be an http(s) URL, not {public_url!r}")
    if parts.query or parts.fragment or parts.path not in ("", mcp_path):
        raise ValueError(
            f"the public URL must be the server's origin (https://host) or that with {mcp_path}"
        )
    issuer = f"{parts.scheme}://{parts.netloc}"
    return issuer, issuer + mcp_path


def write_check(server: MCPServer[Any]) -> WriteCheck:
    """Whether a call writes, by the tools' `readOnlyHint` (the discovery pair's call by
    the catalog tool it names). Unknown names do not count: the server refuses them."""
    from harvestkit.tools import catalog
    from harvestkit.tools.discovery import CALL

    listed: dict[str, bool] = {}
    catalog_reads = {tool.name: tool.read_only for tool in catalog()}

    async def writes(name: str, arguments: dict[str, Any]) -> bool:
        if not listed:
            for tool in await server.list_tools():
                hint = tool.annotations.read_only_hint if tool.annotations else None
                listed[tool.name] = bool(hint)
        if name == CALL:
            inner = arguments.get("name")
            return isinstance(inner, str) and catalog_reads.get(inner) is False
        return listed.get(name) is False

    return writes


@dataclass(frozen=True)
class ConnectorAuthorization:
    """What `http_app` mounts for connectors (see `harvestkit.mcp.oauth`)."""

    provider: ConnectorProvider
    routes: list[BaseRoute]
    resource_metadata: str

    @classmethod
    def build(
        cls,
        store: Store,
        *,
        issuer: str,
        resource: str,
        env: str,
        allow_loopback_client_documents: bool = False,
        documents_transport: httpx.AsyncBaseTransport | None = None,
        lifetimes: Lifetimes = Lifetimes(),
        clock: Callable[[], float] = time.time,
    ) -> ConnectorAuthorization:
        documents = ClientDocuments(
            SCOPES,
            allow_loopback_http=allow_loopback_client_documents,
            transport=documents_transport,
        )
        provider = ConnectorProvider(
            ConnectorStore(store, clock=clock),
            issuer=issuer,
            resource=resource,
            env=env,
            documents=documents,
            lifetimes=lifetimes,
            clock=clock,
        )
        routes: list[BaseRoute] = list(authorization_routes(provider))
        return cls(provider, routes, resource_metadata_url(resource))

    @property
    def challenge(self) -> bytes:
        """The `WWW-Authenticate` of a 401 without any credential: where to sign in."""
        return challenge(
            self.resource_metadata,
            error="invalid_token",
            description="sign in (OAuth) or send a harvestkit API key",
        )

    def protect(self, app: Starlette, server: MCPServer[Any], path: str) -> None:
        """Put the bearer check in front of everything on ``path`` (add it last: outermost)."""
        app.add_middleware(
            ConnectorBearer,
            provider=self.provider,
            resource_metadata=self.resource_metadata,
            writes=write_check(server),
            path=path,
        )
