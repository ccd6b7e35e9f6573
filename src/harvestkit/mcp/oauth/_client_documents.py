"""Client ID metadata documents: a client whose ``client_id`` is an HTTPS URL publishes its
metadata (name, redirect URIs) at that URL, and the authorization server fetches it instead
of asking the client to register (draft-ietf-oauth-client-id-metadata-document; the MCP
authorization spec's preferred way). The MCP SDK's server side does not fetch them; this
module does.

Fetching a URL a stranger names is a server-side request forgery risk, so the fetch is
narrow: HTTPS only, a path other than ``/``, no credentials or fragment in the URL, a host
whose every address is public (not loopback, private, link-local or reserved), no
redirects, a few seconds and 64 KiB at most. The document must name itself (``client_id``
equal to its URL), hold no secret, and authenticate at the token endpoint with ``none``:
such a client is public and proves itself with PKCE alone. ``allow_loopback_http`` lets a
developer's client on this machine use ``http://127.0.0.1:…`` documents; it is for tests
and development only. Documents are kept for ``ttl`` seconds.
"""

from __future__ import annotations

import ipaddress
import json
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import anyio.to_thread
import httpx
from mcp.shared.auth import OAuthClientInformationFull
from pydantic import ValidationError

from .._transport import is_loopback

__all__ = ["ClientDocumentError", "ClientDocuments", "is_document_url"]

MAX_BYTES = 64 * 1024

Resolver = Callable[[str], list[str]]
"""The addresses a host name resolves to."""


class ClientDocumentError(Exception):
    """The client's metadata document cannot be used; the message says why."""


def is_document_url(client_id: str) -> bool:
    """Whether ``client_id`` names a metadata document (a URL) rather than a registration."""
    return client_id.startswith(("https://", "http://"))


def _resolve(host: str) -> list[str]:
    return [str(info[4][0]) for info in socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)]


@dataclass
class ClientDocuments:
    """Fetches, checks and keeps client metadata documents (see the module docstring)."""

    scopes: list[str]
    """The scopes a document client may ask for (it declares none of its own)."""
    allow_loopback_http: bool = False
    transport: httpx.AsyncBaseTransport | None = None
    resolve: Resolver = _resolve
    ttl: float = 300.0
    timeout: float = 5.0
    clock: Callable[[], float] = time.monotonic
    _kept: dict[str, tuple[float, OAuthClientInformationFull]] = field(default_factory=dict)

    async def get(self, url: str) -> OAuthClientInformationFull:
        """The client the document at ``url`` describes; raises ``ClientDocumentError``."""
        kept = self._kept.get(url)
        if kept is not None and kept[0] > self.clock():
            return kept[1]
        await self._check_url(url)
        client = _client(url, await self._fetch(url), self.scopes)
        if len(self._kept) > 1000:
            self._kept.clear()
        self._kept[url] = (self.clock() + self.ttl, client)
        return client

    async def _check_url(self, url: str) -> None:
        parts = urlsplit(url)
        host = parts.hostname or ""
        loopback_http = parts.scheme == "http" and self.allow_loopback_http and is_loopback(host)
        if parts.scheme != "https" and not loopback_http:
            raise ClientDocumentError("a client_id URL must use https")
        if parts.path in ("", "/") or parts.fragment or parts.username or parts.password:
            raise ClientDocumentError(
                "a client_id URL needs a path, and no fragment or credentials"
            )
        if any(segment in (".", "..") for segment in parts.path.split("/")):
            raise ClientDocumentError("a client_id URL may not contain . or .. segments")
        try:
            addresses = await anyio.to_thread.run_sync(self.resolve, host)
        except OSError as exc:
            raise ClientDocumentError(f"cannot resolve {host}: {exc}") from None
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%")[0])
            if not (ip.is_global or (loopback_http and ip.is_loopback)):
                raise ClientDocumentError(f"{host} resolves to a non-public address ({ip})")

    async def _fetch(self, url: str) -> bytes:
        headers = {"accept": "application/json"}
        try:
            async with (
                httpx.AsyncClient(
                    transport=self.transport, timeout=self.timeout, follow_redirects=False
                ) as client,
                client.stream("GET", url, headers=headers) as response,
            ):
                if response.status_code != 200:
                    raise ClientDocumentError(f"{url} answered {response.status_code}")
                body = b""
                async for chunk in response.aiter_bytes():
                    body += chunk
                    if len(body) > MAX_BYTES:
                        raise ClientDocumentError(f"{url} is larger than {MAX_BYTES} bytes")
                return body
        except httpx.HTTPError as exc:
            raise ClientDocumentError(f"cannot fetch {url}: {exc}") from None


def _client(url: str, body: bytes, scopes: list[str]) -> OAuthClientInformationFull:
    try:
        document = json.loads(body)
    except ValueError:
        raise ClientDocumentError(f"{url} is not JSON") from None
    if not isinstance(document, dict):
        raise ClientDocumentError(f"{url} is not a JSON object")
    if document.get("client_id") != url:
        raise ClientDocumentError(f"the document's client_id is not its URL ({url})")
    if "client_secret" in document or "client_secret_expires_at" in document:
        raise ClientDocumentError("a metadata document may not carry a client secret")
    method = document.get("token_endpoint_auth_method", "none")
    if method != "none":
        raise ClientDocumentError(f"token_endpoint_auth_method {method!r} is not supported")
    if not document.get("redirect_uris"):
        raise ClientDocumentError("the document lists no redirect_uris")
    requested = str(document.get("scope") or " ".join(scopes)).split()
    allowed = " ".join(scope for scope in requested if scope in scopes)
    try:
        return OAuthClientInformationFull.model_validate(
            {**document, "token_endpoint_auth_method": "none", "scope": allowed}
        )
    except ValidationError as exc:
        raise ClientDocumentError(f"{url}: {exc.errors()[0]['msg']}") from None
