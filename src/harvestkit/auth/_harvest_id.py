"""Talking to Harvest ID: the OAuth refresher and the accounts a token reaches.

Both go through the SDK (``OAuthClient`` for ``POST /api/v2/oauth2/token``, ``Harvest``
for ``GET /api/v2/accounts``), so the forms, headers and error mapping live in one place.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx

from ..api import DEFAULT_IDENTITY_URL, APIStatusError, Harvest, OAuthClient
from ..api.types.identity import Accounts
from ._errors import InvalidGrantError
from ._models import Refresher, TokenSet
from ._secret import Secret

__all__ = ["list_accounts", "oauth_refresher"]


def oauth_refresher(
    client_id: str,
    client_secret: str,
    *,
    identity_url: str = DEFAULT_IDENTITY_URL,
    transport: httpx.BaseTransport | None = None,
    clock: Callable[[], float] = time.time,
) -> Refresher:
    """A refresher that trades refresh tokens at Harvest ID's token endpoint."""
    client = OAuthClient(client_id, client_secret, identity_url=identity_url, transport=transport)

    def refresh(refresh_token: str) -> TokenSet:
        try:
            token = client.refresh(refresh_token)
        except APIStatusError as exc:
            if _is_invalid_grant(exc):
                raise InvalidGrantError("Harvest ID refused the refresh token") from None
            raise
        expires_at = clock() + token.expires_in if token.expires_in is not None else None
        fresh = Secret(token.refresh_token) if token.refresh_token else None
        return TokenSet(Secret(token.access_token), fresh, expires_at)

    return refresh


def _is_invalid_grant(exc: APIStatusError) -> bool:
    body: Any = exc.body
    if isinstance(body, dict) and body.get("error") == "invalid_grant":
        return True
    return exc.status == 401


def list_accounts(
    token: Secret,
    *,
    identity_url: str = DEFAULT_IDENTITY_URL,
    transport: httpx.BaseTransport | None = None,
) -> Accounts:
    """``GET /api/v2/accounts``: the token's owner and the accounts it reaches."""
    with Harvest(token=token.reveal(), identity_url=identity_url, transport=transport) as harvest:
        return harvest.accounts.list()
