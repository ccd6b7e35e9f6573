"""API-key authentication for the streamable HTTP transport.

Every HTTP request must carry `Authorization: Bearer <harvestkit API key>`. A missing,
malformed, unknown or revoked key gets a plain 401 before any MCP handling; a valid one
leaves the key's `(user, env)` in the ASGI scope, where the guard finds the principal. The
key is a harvestkit key, never a Harvest token: nothing from this header reaches Harvest.

Guessing is slowed and seen: after a few wrong keys from one client address in a minute,
each further 401 waits longer (doubling, up to ``FailureThrottle.cap`` seconds), and a
warning names the address (at the first failure and at every power of two after it, so a
flood cannot flood the log). A wrong key is checked with a read; it writes nothing.

A key verified before is recognised on the event loop (`ApiKeyStore.remembered`: one read
of a local SQLite file); anything else is checked in a worker thread, so the loop never
waits on a database server or a write lock.
"""

from __future__ import annotations

import json
import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

import anyio
import anyio.to_thread
from starlette.types import ASGIApp, Receive, Scope, Send

from harvestkit.governance import ApiKeyStore, InvalidApiKeyError

from ._guard import IDENTITY_SCOPE_KEY

logger = logging.getLogger("harvestkit.mcp.auth")


@dataclass
class FailureThrottle:
    """Failed key attempts per client address over the last ``window`` seconds, and how
    long the next 401 to that address waits."""

    free: int = 5
    """Failures a minute answered at once (typos, a misconfigured client)."""
    base: float = 0.25
    cap: float = 10.0
    window: float = 60.0
    clock: Callable[[], float] = time.monotonic
    _failures: dict[str, deque[float]] = field(default_factory=dict)

    def failed(self, address: str) -> tuple[int, float]:
        """Record a failure; return the failures in the window and the delay to apply."""
        now = self.clock()
        recent = self._failures.setdefault(address, deque())
        while recent and recent[0] <= now - self.window:
            recent.popleft()
        recent.append(now)
        if len(self._failures) > 10_000:  # many addresses: forget the quiet ones
            self._forget(now)
        count = len(recent)
        excess = count - self.free
        delay = 0.0 if excess <= 0 else min(self.cap, self.base * 2 ** min(excess - 1, 30))
        return count, delay

    def _forget(self, now: float) -> None:
        for address in [a for a, times in self._failures.items() if times[-1] <= now - self.window]:
            del self._failures[address]


class ApiKeyAuth:
    """ASGI middleware: 401 without a valid API key, else the caller's identity in scope."""

    def __init__(
        self,
        app: ASGIApp,
        keys: ApiKeyStore,
        throttle: FailureThrottle | None = None,
        path: str | None = None,
        challenge: bytes | None = None,
    ) -> None:
        self.app = app
        self.keys = keys
        self.throttle = throttle or FailureThrottle()
        self.path = path
        """Only requests under this path need a key (`None`: every request)."""
        self._local = keys.store.dialect == "sqlite"
        self.challenge = challenge or b'Bearer realm="harvestkit", error="invalid_token"'
        """The 401's `WWW-Authenticate` (with OAuth: where the resource metadata is)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or not self._guards(scope.get("path", ""))
            or IDENTITY_SCOPE_KEY in scope  # an OAuth access token, checked already
        ):
            await self.app(scope, receive, send)
            return
        key = _bearer(scope)
        try:
            if key is None:
                raise InvalidApiKeyError("missing API key")
            identity = self.keys.remembered(key) if self._local else None
            if identity is None:
                identity = await anyio.to_thread.run_sync(self.keys.identify, key)
        except InvalidApiKeyError:
            if key is not None:
                await self._slow_down(scope)
            await _unauthorized(send, "missing" if key is None else "invalid", self.challenge)
            return
        scope = {**scope, IDENTITY_SCOPE_KEY: (identity.user, identity.env)}
        await self.app(scope, receive, send)

    def _guards(self, path: str) -> bool:
        if self.path is None:
            return True
        return path == self.path or path.startswith(self.path.rstrip("/") + "/")

    async def _slow_down(self, scope: Scope) -> None:
        client = scope.get("client")
        address = str(client[0]) if client else "unknown"
        count, delay = self.throttle.failed(address)
        if count & (count - 1) == 0:  # 1, 2, 4, 8, …: seen, without flooding the log
            logger.warning(
                "invalid harvestkit API key from %s (%d in the last %.0f s)",
                address,
                count,
                self.throttle.window,
            )
        if delay:
            await anyio.sleep(delay)


def _bearer(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            text: str = value.decode("latin-1")
            scheme, _, token = text.partition(" ")
            if scheme.lower() == "bearer" and token.strip():
                return token.strip()
    return None


async def _unauthorized(send: Send, problem: str, challenge: bytes) -> None:
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
        (b"www-authenticate", challenge),
    ]
    await send({"type": "http.response.start", "status": 401, "headers": headers})
    await send({"type": "http.response.body", "body": body})
