"""The identity service on the sandbox: accounts, and the OAuth2 code flow end to end."""

from __future__ import annotations

import re
import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from harvestkit.api import (
    AsyncHarvest,
    Harvest,
    InMemoryTokenStore,
    OAuthClient,
    OAuthTokenProvider,
    StoredToken,
    authorization_url,
)

from .conftest import ACCOUNT_ID, IDENTITY_URL, SyncASGITransport, client_options

CLIENT_ID, CLIENT_SECRET = "sandbox-client", "sandbox-secret"
REDIRECT = "http://127.0.0.1/callback"


def test_accounts_list(h: Harvest) -> None:
    accounts = h.accounts.list()
    assert ACCOUNT_ID in [a.id for a in accounts.accounts]
    assert accounts.user is not None and accounts.user.email


def authorize(transport: httpx.BaseTransport) -> str:
    """Play the browser: open the authorize URL, approve as the first person, take the code."""
    url = authorization_url(
        CLIENT_ID, redirect_uri=REDIRECT, state="s-1", identity_url=IDENTITY_URL
    )
    browser = httpx.Client(transport=transport)  # not closed: the transport is shared
    page = browser.get(url)
    assert page.status_code == 200, page.text
    form = dict(re.findall(r'name="(\w+)" value="([^"]*)"', page.text))
    answer = browser.post(f"{IDENTITY_URL}/oauth2/authorize", data=form)
    assert answer.status_code == 302
    query = parse_qs(urlsplit(answer.headers["Location"]).query)
    assert query["state"] == ["s-1"]
    return query["code"][0]


def test_code_exchange_and_refresh_against_the_sandbox(app: Any) -> None:
    transport = SyncASGITransport(app)
    try:
        oauth = OAuthClient(
            CLIENT_ID, CLIENT_SECRET, identity_url=IDENTITY_URL, transport=transport
        )
        token = oauth.exchange_code(authorize(transport), redirect_uri=REDIRECT)
        assert token.access_token and token.refresh_token and token.expires_in
        store = InMemoryTokenStore(StoredToken.from_response(token, time.time()))
        provider = OAuthTokenProvider(oauth, store)
        options = client_options()
        with Harvest(
            token_provider=provider, account_id=ACCOUNT_ID, transport=transport, **options
        ) as h:
            me = h.users.me()
            fresh = provider.refresh()
            assert fresh != token.access_token
            assert h.users.me().id == me.id
            assert ACCOUNT_ID in [a.id for a in h.accounts.list().accounts]
    finally:
        transport.close()


@pytest.mark.anyio
async def test_async_client_against_the_sandbox(ah: AsyncHarvest) -> None:
    client = await ah.clients.create(name="Async Co")
    assert (await ah.clients.retrieve(client.id)).name == "Async Co"
    names = [c.name async for c in ah.clients.list()]
    assert "Async Co" in names
    page = await ah.clients.list(per_page=1).first_page()
    assert len(page.items) == 1 and page.total_entries == len(names)
    accounts = await ah.accounts.list()
    assert ACCOUNT_ID in [a.id for a in accounts.accounts]
