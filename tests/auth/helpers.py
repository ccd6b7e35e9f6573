"""A counting refresher, a settable clock and a sandbox transport for vault tests."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
from starlette.testclient import TestClient

from harvestkit.auth import Cipher, InvalidGrantError, Refresher, Secret, TokenSet, Vault
from harvestkit.store import Store

KEY = bytes(range(32))
HOUR = 3600.0
SANDBOX_URL = "http://sandbox.test"


@dataclass
class Clock:
    """A clock tests move by hand."""

    now: float = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class CountingRefresher:
    """Issues ``access-<n>`` tokens and counts calls; can fail or be slow on purpose."""

    clock: Clock | None = None
    lifetime: float = 14 * 24 * HOUR
    rotate_refresh_token: bool = True
    fail_with: Exception | None = None
    delay: float = 0.0
    calls: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, refresh_token: str) -> TokenSet:
        with self._lock:
            self.calls.append(refresh_token)
            n = len(self.calls)
        if self.delay:
            time.sleep(self.delay)
        if self.fail_with is not None:
            raise self.fail_with
        now = self.clock() if self.clock else time.time()
        fresh = Secret(f"refresh-{n}") if self.rotate_refresh_token else None
        return TokenSet(Secret(f"access-{n}"), fresh, now + self.lifetime)


def invalid_grant() -> InvalidGrantError:
    return InvalidGrantError("Harvest ID refused the refresh token")


def oauth_tokens(expires_at: float) -> TokenSet:
    return TokenSet(Secret("access-0"), Secret("refresh-0"), expires_at)


def make_vault(store: Store, refresher: Refresher, clock: Clock | None = None) -> Vault:
    return Vault(store, Cipher(KEY), refresher=refresher, clock=clock or time.time)


class AppTransport(httpx.BaseTransport):
    """Sends a synchronous httpx client's requests to an ASGI app (through TestClient)."""

    def __init__(self, app: Any) -> None:
        self._client = TestClient(app, base_url=SANDBOX_URL, follow_redirects=False)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._client.request(
            request.method, str(request.url), headers=request.headers, content=request.read()
        )
        return httpx.Response(
            response.status_code, headers=response.headers, content=response.content
        )


def approve_in_browser(empty: TestClient, url: str) -> str:
    """What the person does on Harvest ID's page; returns where the browser is sent."""
    query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    query["user_id"] = str(empty.get("/v2/users/me").json()["id"])
    browser = TestClient(empty.app, base_url=SANDBOX_URL, follow_redirects=False)
    response = browser.post("/oauth2/authorize", data=query)
    assert response.status_code == 302, response.text
    return str(response.headers["location"])


def visit_later(location: str) -> threading.Thread:
    thread = threading.Thread(target=httpx.get, args=(location,), kwargs={"timeout": 10})
    thread.start()
    return thread
