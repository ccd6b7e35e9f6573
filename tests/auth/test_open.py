"""``open_vault``: key, store and OAuth refresher from the environment."""

from __future__ import annotations

import base64
import time

import httpx
import pytest

from harvestkit.auth import Secret, TokenSet, open_vault
from harvestkit.store import Store

KEY = base64.b64encode(bytes(range(32))).decode()


def test_oauth_refresh_is_wired_from_the_environment(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[dict[str, str]] = []

    def token_endpoint(request: httpx.Request) -> httpx.Response:
        seen.append(dict(httpx.QueryParams(request.content.decode())))
        body = {"access_token": "access-new", "token_type": "bearer", "expires_in": 1209600}
        return httpx.Response(200, json=body)

    real_client = httpx.Client
    monkeypatch.setattr(
        "httpx.Client",
        lambda **kw: real_client(**{**kw, "transport": httpx.MockTransport(token_endpoint)}),
    )
    monkeypatch.setenv("HARVESTKIT_SECRET_KEY", KEY)
    monkeypatch.setenv("HARVESTKIT_OAUTH_CLIENT_ID", "app-id")
    monkeypatch.setenv("HARVESTKIT_OAUTH_CLIENT_SECRET", "app-secret")
    monkeypatch.setenv("HARVESTKIT_IDENTITY_URL", "https://id.example")
    vault = open_vault(store, skew=600)
    assert vault.skew == 600
    vault.save("alice", "dev", "oauth", TokenSet(Secret("old"), Secret("rt"), time.time() + 300))
    assert vault.access_token("alice", "dev").reveal() == "access-new"
    assert seen == [
        {
            "grant_type": "refresh_token",
            "refresh_token": "rt",
            "client_id": "app-id",
            "client_secret": "app-secret",
        }
    ]
    assert vault.get("alice", "dev").refresh_token == Secret("rt")  # none sent back: kept
