"""OAuth2 with Harvest ID: the authorize URL, the code exchange, and a refreshing provider.

Endpoints (on ``identity_url``, default https://id.getharvest.com): the browser goes to
``/oauth2/authorize``; tokens come from ``POST /api/v2/oauth2/token`` (form-encoded, grant
types ``authorization_code`` and ``refresh_token``). Access tokens live about 14 days.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlencode

import httpx

from ._constants import DEFAULT_IDENTITY_URL, DEFAULT_TIMEOUT, DEFAULT_USER_AGENT
from ._request import error_from_response
from .operations._identity import OAUTH_AUTHORIZE, OAUTH_EXCHANGE_CODE
from .types._base import Params
from .types.identity import OAuthCodeExchangeParams, OAuthRefreshParams, OAuthToken

__all__ = [
    "InMemoryTokenStore",
    "OAuthClient",
    "OAuthTokenProvider",
    "StoredToken",
    "TokenStore",
    "authorization_url",
]


def authorization_url(
    client_id: str,
    *,
    redirect_uri: str | None = None,
    state: str | None = None,
    response_type: str = "code",
    identity_url: str = DEFAULT_IDENTITY_URL,
) -> str:
    """The URL to send a user's browser to so they can grant access."""
    query = {"client_id": client_id, "response_type": response_type}
    if redirect_uri:
        query["redirect_uri"] = redirect_uri
    if state:
        query["state"] = state
    return f"{identity_url.rstrip('/')}{OAUTH_AUTHORIZE.path}?{urlencode(query)}"


@dataclass(frozen=True)
class StoredToken:
    """An access token with its refresh token and absolute expiry (epoch seconds)."""

    access_token: str = field(repr=False)
    refresh_token: str | None = field(repr=False)
    expires_at: float | None

    @classmethod
    def from_response(
        cls, token: OAuthToken, now: float, previous: str | None = None
    ) -> StoredToken:
        """Store what the token endpoint returned (keeping the old refresh token if none)."""
        expires = now + token.expires_in if token.expires_in is not None else None
        return cls(token.access_token, token.refresh_token or previous, expires)


class TokenStore(Protocol):
    """Where an OAuth provider keeps its tokens."""

    def load(self) -> StoredToken | None:
        """The stored token, if any."""
        ...

    def save(self, token: StoredToken) -> None:
        """Replace the stored token."""
        ...


class InMemoryTokenStore:
    """Keeps the token in this process only."""

    def __init__(self, token: StoredToken | None = None) -> None:
        self._token = token

    def load(self) -> StoredToken | None:
        """The stored token, if any."""
        return self._token

    def save(self, token: StoredToken) -> None:
        """Replace the stored token."""
        self._token = token


class OAuthClient:
    """Talks to the token endpoint (sync and async)."""

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        *,
        identity_url: str = DEFAULT_IDENTITY_URL,
        user_agent: str = DEFAULT_USER_AGENT,
        transport: httpx.BaseTransport | None = None,
        async_transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.client_id = client_id
        self._secret = client_secret
        self.identity_url = identity_url.rstrip("/")
        self._headers = {"User-Agent": user_agent, "Accept": "application/json"}
        self._http = httpx.Client(transport=transport, timeout=DEFAULT_TIMEOUT)
        self._async_transport = async_transport
        self._async_http: httpx.AsyncClient | None = None

    def __repr__(self) -> str:
        return f"OAuthClient(client_id={self.client_id!r}, client_secret=<redacted>)"

    def _code_form(self, code: str, redirect_uri: str | None) -> dict[str, Any]:
        params = OAuthCodeExchangeParams(
            code=code, client_id=self.client_id, client_secret=self._secret
        )
        if redirect_uri:
            params.redirect_uri = redirect_uri
        return _form(params)

    def _refresh_form(self, refresh_token: str) -> dict[str, Any]:
        return _form(
            OAuthRefreshParams(
                refresh_token=refresh_token, client_id=self.client_id, client_secret=self._secret
            )
        )

    def _token_url(self) -> str:
        return self.identity_url + OAUTH_EXCHANGE_CODE.path

    def exchange_code(self, code: str, redirect_uri: str | None = None) -> OAuthToken:
        """Exchange an authorization code for tokens."""
        return self._post(self._code_form(code, redirect_uri))

    def refresh(self, refresh_token: str) -> OAuthToken:
        """Trade a refresh token for a new access token."""
        return self._post(self._refresh_form(refresh_token))

    async def exchange_code_async(self, code: str, redirect_uri: str | None = None) -> OAuthToken:
        """Async ``exchange_code``."""
        return await self._post_async(self._code_form(code, redirect_uri))

    async def refresh_async(self, refresh_token: str) -> OAuthToken:
        """Async ``refresh``."""
        return await self._post_async(self._refresh_form(refresh_token))

    def close(self) -> None:
        """Close the connection pools."""
        self._http.close()

    async def aclose(self) -> None:
        """Close the connection pools (async)."""
        self._http.close()
        if self._async_http is not None:
            await self._async_http.aclose()

    def _post(self, form: dict[str, Any]) -> OAuthToken:
        response = self._http.post(self._token_url(), data=form, headers=self._headers)
        return _token(response)

    async def _post_async(self, form: dict[str, Any]) -> OAuthToken:
        if self._async_http is None:  # created on first use, inside the caller's event loop
            transport = self._async_transport
            self._async_http = httpx.AsyncClient(transport=transport, timeout=DEFAULT_TIMEOUT)
        response = await self._async_http.post(self._token_url(), data=form, headers=self._headers)
        return _token(response)


def _form(params: Params) -> dict[str, Any]:
    # Defaults such as grant_type must be sent, so dump every field that is not None.
    return params.model_dump(mode="json", exclude_none=True)


def _token(response: httpx.Response) -> OAuthToken:
    if response.is_error:
        raise error_from_response(response)
    return OAuthToken.model_validate(response.json())


class OAuthTokenProvider:
    """A ``TokenProvider`` that refreshes OAuth2 tokens before they expire.

    One refresh at a time per provider (a thread lock and an asyncio lock); a caller that
    waited for a refresh in progress uses its result instead of refreshing again.
    """

    def __init__(
        self,
        oauth: OAuthClient,
        store: TokenStore,
        *,
        refresh_margin: float = 300.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._oauth = oauth
        self._store = store
        self._margin = refresh_margin
        self._clock = clock
        self._lock = threading.Lock()
        self._async_lock = asyncio.Lock()

    def _current(self) -> StoredToken:
        token = self._store.load()
        if token is None:
            raise LookupError("no OAuth token stored; exchange an authorization code first")
        return token

    def _expiring(self, token: StoredToken) -> bool:
        return token.expires_at is not None and token.expires_at - self._margin <= self._clock()

    def get_token(self) -> str:
        """The access token, refreshed first if it expires within the margin."""
        token = self._current()
        return self.refresh() if self._expiring(token) else token.access_token

    def refresh(self, rejected: str | None = None) -> str:
        """Refresh now (once, even if several threads ask at the same time).

        With ``rejected``, a token already replaced since is not refreshed again.
        """
        stale = rejected or self._current().access_token
        with self._lock:
            token = self._current()
            if token.access_token != stale and not self._expiring(token):
                return token.access_token
            return self._save(self._oauth.refresh(self._refresh_token(token)), token)

    async def get_token_async(self) -> str:
        """Async ``get_token``."""
        token = self._current()
        return await self.refresh_async() if self._expiring(token) else token.access_token

    async def refresh_async(self, rejected: str | None = None) -> str:
        """Async ``refresh``."""
        stale = rejected or self._current().access_token
        async with self._async_lock:
            token = self._current()
            if token.access_token != stale and not self._expiring(token):
                return token.access_token
            fresh = await self._oauth.refresh_async(self._refresh_token(token))
            return self._save(fresh, token)

    @staticmethod
    def _refresh_token(token: StoredToken) -> str:
        if not token.refresh_token:
            raise LookupError("the stored OAuth token has no refresh token")
        return token.refresh_token

    def _save(self, fresh: OAuthToken, old: StoredToken) -> str:
        stored = StoredToken.from_response(fresh, self._clock(), old.refresh_token)
        self._store.save(stored)
        return stored.access_token
