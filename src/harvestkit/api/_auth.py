"""Where the client gets its access token.

A ``TokenProvider`` hands out the current token and can be asked to refresh it. The
client calls ``refresh`` before expiry (the provider decides) and once after a 401,
passing the token Harvest rejected: a provider refreshes only if that token is still the
current one, so many requests rejected together cause one refresh. A credential vault
plugs in by implementing the same four methods.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

__all__ = ["StaticTokenProvider", "TokenProvider"]


@runtime_checkable
class TokenProvider(Protocol):
    """Supplies bearer tokens to a client (sync and async)."""

    def get_token(self) -> str:
        """The token to use now (refreshing first if it is about to expire)."""
        ...

    def refresh(self, rejected: str | None = None) -> str:
        """A new token after Harvest rejected ``rejected``; return it.

        When ``rejected`` is no longer the current token someone else refreshed since,
        and the current token is returned without refreshing again.
        """
        ...

    async def get_token_async(self) -> str:
        """Async ``get_token``."""
        ...

    async def refresh_async(self, rejected: str | None = None) -> str:
        """Async ``refresh``."""
        ...


class StaticTokenProvider:
    """A personal access token: it never expires and cannot be refreshed."""

    def __init__(self, token: str) -> None:
        if not token:
            raise ValueError("token must not be empty")
        self._token = token

    def __repr__(self) -> str:
        return "StaticTokenProvider(token=<redacted>)"

    def get_token(self) -> str:
        """The personal access token."""
        return self._token

    def refresh(self, rejected: str | None = None) -> str:
        """Return the same token: a 401 with a PAT is final."""
        return self._token

    async def get_token_async(self) -> str:
        """The personal access token."""
        return self._token

    async def refresh_async(self, rejected: str | None = None) -> str:
        """Return the same token."""
        return self._token
