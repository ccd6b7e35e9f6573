"""HTTP sessions belong to the API key's principal that opened them.

A 2025-era streamable HTTP session is named by the ``mcp-session-id`` header alone; whoever
knows the id could send requests into it or delete it. This middleware, inside
``ApiKeyAuth``, notes the principal of every session the server opens and answers requests
naming someone else's session as if it did not exist (404), so its existence leaks neither.
Sessions live in this process, as the SDK's do; the oldest bindings are forgotten past
``MAX_SESSIONS``, and a forgotten session is refused rather than left unbound.
"""

from __future__ import annotations

import json
from collections import OrderedDict

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ._guard import IDENTITY_SCOPE_KEY

__all__ = ["MAX_SESSIONS", "SessionBinding"]

MAX_SESSIONS = 100_000
_HEADER = b"mcp-session-id"


class SessionBinding:
    """ASGI middleware: a session answers only the principal that opened it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.owners: OrderedDict[str, object] = OrderedDict()
        self.forgotten = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        principal = scope.get(IDENTITY_SCOPE_KEY)
        session = _header(scope, _HEADER)
        if session is not None and not self._owned_by(session, principal):
            await _not_found(send)
            return

        async def noting(message: Message) -> None:
            if message["type"] == "http.response.start":
                opened = _header(message, _HEADER)
                if opened is not None and opened not in self.owners:
                    self._bind(opened, principal)
            await send(message)

        await self.app(scope, receive, noting)
        if session is not None and scope.get("method") == "DELETE":
            self.owners.pop(session, None)

    def _owned_by(self, session: str, principal: object) -> bool:
        if session in self.owners:
            return self.owners[session] == principal
        # Unknown here: the SDK answers for ids it never issued; one whose binding was
        # forgotten is refused.
        return not self.forgotten

    def _bind(self, session: str, principal: object) -> None:
        self.owners[session] = principal
        while len(self.owners) > MAX_SESSIONS:
            self.owners.popitem(last=False)
            self.forgotten = True


def _header(holder: Scope | Message, name: bytes) -> str | None:
    for key, value in holder.get("headers", []):
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return None


async def _not_found(send: Send) -> None:
    body = json.dumps(
        {"jsonrpc": "2.0", "id": None, "error": {"code": -32001, "message": "Session not found"}}
    ).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 404, "headers": headers})
    await send({"type": "http.response.body", "body": body})
