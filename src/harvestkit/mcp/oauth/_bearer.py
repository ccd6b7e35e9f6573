"""The MCP endpoint as an OAuth protected resource: access tokens from harvestkit's own
authorization server, beside the API keys scripts send.

A bearer that looks like an access token (``hkat_…``) is checked by the SDK's
`BearerAuthBackend`: known, not expired, its connection not revoked, and issued for this
endpoint (its RFC 8707 resource). A valid one acts exactly as an API key of the same person
would: its user and the server's environment go into the ASGI scope for the guard, whose
policy (grants, read-only default) then decides every call. Anything else passes to
`ApiKeyAuth`, whose 401 names this server's resource metadata too, so a client with
nothing discovers where to sign in.

A connection without ``harvest:write`` is read-only whatever its person's grants: the guard
hides and refuses write tools, and a `tools/call` of one is answered here with 403
``insufficient_scope`` naming the scope to ask for (the spec's step-up).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from mcp.server.auth.middleware.bearer_auth import AuthenticatedUser, BearerAuthBackend
from mcp.server.auth.provider import ProviderTokenVerifier
from pydantic import AnyHttpUrl
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .._guard import IDENTITY_SCOPE_KEY, READ_ONLY_SCOPE_KEY
from ._provider import READ, WRITE, ConnectorProvider
from ._store import ACCESS_PREFIX

__all__ = ["ConnectorBearer", "WriteCheck", "challenge"]

WriteCheck = Callable[[str, dict[str, Any]], Awaitable[bool]]
"""Whether a `tools/call` of this tool with these arguments would write."""

MAX_BODY = 4 * 1024 * 1024


def challenge(
    resource_metadata: str, *, error: str, description: str, scope: str = f"{READ} {WRITE}"
) -> bytes:
    """A `WWW-Authenticate` value (RFC 6750 §3, RFC 9728 §5.1)."""
    return (
        f'Bearer error="{error}", error_description="{description}", '
        f'resource_metadata="{resource_metadata}", scope="{scope}"'
    ).encode()


class ConnectorBearer:
    """ASGI middleware in front of `ApiKeyAuth` on the MCP path (see the module docstring)."""

    def __init__(
        self,
        app: ASGIApp,
        provider: ConnectorProvider,
        resource_metadata: str,
        writes: WriteCheck,
        path: str,
    ) -> None:
        self.app = app
        self.provider = provider
        self.backend = BearerAuthBackend(
            ProviderTokenVerifier(provider),
            resource_server_url=AnyHttpUrl(provider.resource),
        )
        self.resource_metadata = resource_metadata
        self.writes = writes
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _under(scope.get("path", ""), self.path):
            await self.app(scope, receive, send)
            return
        connection = HTTPConnection(scope)
        token = _bearer(connection)
        if token is None or not token.startswith(ACCESS_PREFIX):
            await self.app(scope, receive, send)
            return
        checked = await self.backend.authenticate(connection)
        if checked is None:
            why = "the access token is unknown, expired, revoked or for another resource"
            await _refuse(send, 401, self.resource_metadata, "invalid_token", why)
            return
        credentials, user = checked
        assert isinstance(user, AuthenticatedUser)
        scopes = set(credentials.scopes)
        if READ not in scopes:
            await self._insufficient(send, READ)
            return
        read_only = WRITE not in scopes
        if read_only and scope.get("method") == "POST":
            body = await _body(receive)
            if body is None or await self._would_write(body):
                await self._insufficient(send, f"{READ} {WRITE}")
                return
            receive = _replay(body, receive)
        access = user.access_token
        env = str((access.claims or {}).get("env", self.provider.env))
        scope = {
            **scope,
            "user": user,
            "auth": credentials,
            IDENTITY_SCOPE_KEY: (access.subject, env),
            READ_ONLY_SCOPE_KEY: read_only,
        }
        await self.app(scope, receive, send)

    async def _insufficient(self, send: Send, needed: str) -> None:
        why = f"this connection may only read; writing needs the scope {WRITE}"
        await _refuse(send, 403, self.resource_metadata, "insufficient_scope", why, needed)

    async def _would_write(self, body: bytes) -> bool:
        try:
            message = json.loads(body)
        except ValueError:
            return False  # the SDK answers with a parse error
        for item in message if isinstance(message, list) else [message]:
            if not isinstance(item, dict) or item.get("method") != "tools/call":
                continue
            params = item.get("params")
            if not isinstance(params, dict):
                continue
            name, arguments = params.get("name"), params.get("arguments")
            if isinstance(name, str) and await self.writes(
                name, arguments if isinstance(arguments, dict) else {}
            ):
                return True
        return False


def _under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix.rstrip("/") + "/")


def _bearer(connection: HTTPConnection) -> str | None:
    scheme, _, token = connection.headers.get("authorization", "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


async def _body(receive: Receive) -> bytes | None:
    """The request body (``None`` past `MAX_BODY`: refused as the SDK would)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks)
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, rest: Receive) -> Receive:
    """The body read already, then whatever comes next (a disconnect, for a stream)."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await rest()

    return receive


async def _refuse(
    send: Send,
    status: int,
    resource_metadata: str,
    error: str,
    description: str,
    scope: str = f"{READ} {WRITE}",
) -> None:
    header = challenge(resource_metadata, error=error, description=description, scope=scope)
    body = json.dumps({"error": error, "error_description": description}).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"www-authenticate", header),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
