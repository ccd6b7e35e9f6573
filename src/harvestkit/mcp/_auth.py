"""API-key authentication for the streamable HTTP transport.

Every HTTP request must carry `Authorization: Bearer <harvestkit API key>`. A missing,
malformed, unknown or revoked key gets a plain 401 before any MCP handling; a valid one
leaves the key's `(user, env)` in the ASGI scope, where the guard finds the principal. The
key is a harvestkit key, never a Harvest token: nothing from this header reaches Harvest.
"""

from __future__ import annotations

import json

import anyio.to_thread
from starlette.types import ASGIApp, Receive, Scope, Send

from harvestkit.governance import ApiKeyStore, InvalidApiKeyError

from ._guard import IDENTITY_SCOPE_KEY


class ApiKeyAuth:
    """ASGI middleware: 401 without a valid API key, else the caller's identity in scope."""

    def __init__(self, app: ASGIApp, keys: ApiKeyStore) -> None:
        self.app = app
        self.keys = keys

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        key = _bearer(scope)
        try:
            if key is None:
                raise InvalidApiKeyError("missing API key")
            identity = await anyio.to_thread.run_sync(self.keys.verify, key)
        except InvalidApiKeyError:
            await _unauthorized(send, "missing" if key is None else "invalid")
            return
        scope = {**scope, IDENTITY_SCOPE_KEY: (identity.user, identity.env)}
        await self.app(scope, receive, send)


def _bearer(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            text: str = value.decode("latin-1")
            scheme, _, token = text.partition(" ")
            if scheme.lower() == "bearer" and token.strip():
                return token.strip()
    return None


async def _unauthorized(send: Send, problem: str) -> None:
    body = json.dumps(
        {
            "error": "invalid_token",
            "error_description": f"{problem} harvestkit API key: send 'Authorization: Bearer "
            "<key>' with a key from `harvestkit keys create`",
        }
    ).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"www-authenticate", b'Bearer realm="harvestkit", error="invalid_token"'),
    ]
    await send({"type": "http.response.start", "status": 401, "headers": headers})
    await send({"type": "http.response.body", "body": body})
