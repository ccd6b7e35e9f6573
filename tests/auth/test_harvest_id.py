"""The refresher and the account listing against the sandbox's identity service, and the
vault feeding the SDK a refreshed token end to end."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from starlette.testclient import TestClient

from harvestkit.api import APIStatusError, Harvest
from harvestkit.auth import (
    InvalidGrantError,
    NeedsLoginError,
    Secret,
    TokenSet,
    VaultTokenProvider,
    list_accounts,
    oauth_refresher,
)
from harvestkit.store import Store
from tests.auth.helpers import SANDBOX_URL, AppTransport, make_vault
from tests.conftest import ACCOUNT_ID, TOKEN

CLIENT_ID, CLIENT_SECRET = "sandbox-client", "sandbox-secret"
REDIRECT = "http://127.0.0.1:8912/callback"


def _oauth_tokens(empty: TestClient) -> dict[str, Any]:
    """Run the authorization-code flow as the sandbox's administrator."""
    admin_id = empty.get("/v2/users/me").json()["id"]
    browser = TestClient(empty.app, base_url=SANDBOX_URL, follow_redirects=False)
    form = {
        "client_id": CLIENT_ID,
        "response_type": "code",
        "redirect_uri": REDIRECT,
        "user_id": str(admin_id),
    }
    location = browser.post("/oauth2/authorize", data=form).headers["location"]
    code = parse_qs(urlsplit(location).query)["code"][0]
    exchange = {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "code": code}
    response = browser.post(
        "/api/v2/oauth2/token", data={**exchange, "grant_type": "authorization_code"}
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _refresher(empty: TestClient, secret: str = CLIENT_SECRET) -> Any:
    return oauth_refresher(
        CLIENT_ID, secret, identity_url=SANDBOX_URL, transport=AppTransport(empty.app)
    )


def test_refresher_trades_a_refresh_token(empty: TestClient) -> None:
    tokens = _oauth_tokens(empty)
    before = time.time()
    fresh = _refresher(empty)(tokens["refresh_token"])
    assert fresh.access_token.reveal() not in ("", tokens["access_token"])
    assert fresh.expires_at is not None and fresh.expires_at >= before + 1209600 - 5
    assert fresh.refresh_token == Secret(tokens["refresh_token"])


def test_unknown_refresh_token_is_invalid_grant(empty: TestClient) -> None:
    with pytest.raises(InvalidGrantError):
        _refresher(empty)("no-such-refresh-token")


def test_wrong_client_secret_is_a_temporary_failure(empty: TestClient) -> None:
    tokens = _oauth_tokens(empty)
    with pytest.raises(APIStatusError) as caught:
        _refresher(empty, secret="wrong")(tokens["refresh_token"])
    assert not isinstance(caught.value, InvalidGrantError)
    assert CLIENT_SECRET not in str(caught.value)


def test_list_accounts_names_the_owner_and_accounts(empty: TestClient) -> None:
    found = list_accounts(
        Secret(TOKEN), identity_url=SANDBOX_URL, transport=AppTransport(empty.app)
    )
    assert ACCOUNT_ID in [account.id for account in found.accounts]
    assert found.user is not None


def test_sdk_uses_the_vault_and_its_refreshed_token(empty: TestClient, store: Store) -> None:
    tokens = _oauth_tokens(empty)
    vault = make_vault(store, _refresher(empty))
    stale = TokenSet(
        Secret(tokens["access_token"]), Secret(tokens["refresh_token"]), time.time() + 5
    )
    vault.save(
        "alice", "dev", "oauth", stale, account_ids=[ACCOUNT_ID], default_account_id=ACCOUNT_ID
    )
    provider = VaultTokenProvider(vault, "alice", "dev")
    harvest = Harvest(
        token_provider=provider,
        account_id=provider.account_id,
        base_url=f"{SANDBOX_URL}/v2",
        identity_url=SANDBOX_URL,
        transport=AppTransport(empty.app),
    )
    with harvest:
        me = harvest.users.me()
    assert me.id == empty.get("/v2/users/me").json()["id"]
    stored = vault.get("alice", "dev")
    assert stored.access_token != Secret(tokens["access_token"])  # refreshed before use
    assert stored.refresh_token == Secret(tokens["refresh_token"])


def test_refresh_token_revoked_upstream_means_login_again(empty: TestClient, store: Store) -> None:
    vault = make_vault(store, _refresher(empty))
    dead = TokenSet(Secret("expired-access"), Secret("revoked-refresh"), time.time() - 1)
    vault.save("alice", "prod", "oauth", dead)
    with pytest.raises(NeedsLoginError, match="harvestkit auth login --env prod"):
        vault.access_token("alice", "prod")
