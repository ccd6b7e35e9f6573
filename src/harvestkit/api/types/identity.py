"""Harvest ID (the identity service): accounts and OAuth2 tokens."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ._base import HarvestModel, Params

__all__ = [
    "Account",
    "Accounts",
    "AccountsUser",
    "OAuthCodeExchangeParams",
    "OAuthRefreshParams",
    "OAuthToken",
]


class Account(HarvestModel):
    """A Harvest or Forecast account the token can reach."""

    id: int
    name: str | None = None
    product: str | None = None
    """``harvest`` or ``forecast``."""


class AccountsUser(HarvestModel):
    """The person who owns the token."""

    id: int
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None


class Accounts(HarvestModel):
    """The token's owner and every account the token can reach."""

    user: AccountsUser | None = None
    accounts: list[Account] = []  # noqa: RUF012 - pydantic copies defaults per instance


class OAuthToken(HarvestModel):
    """Tokens issued by the OAuth2 token endpoint."""

    access_token: str = Field(repr=False)
    refresh_token: str | None = Field(default=None, repr=False)
    token_type: str | None = None
    expires_in: int | None = None
    """Seconds until ``access_token`` expires (about 14 days)."""


class OAuthCodeExchangeParams(Params):
    """Exchange an authorization code for tokens."""

    code: str
    client_id: str
    client_secret: str
    grant_type: Literal["authorization_code"] = "authorization_code"
    redirect_uri: str | None = None


class OAuthRefreshParams(Params):
    """Trade a refresh token for a new access token."""

    refresh_token: str
    client_id: str
    client_secret: str
    grant_type: Literal["refresh_token"] = "refresh_token"
