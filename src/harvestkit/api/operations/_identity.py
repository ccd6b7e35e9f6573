"""Operation table rows: the identity service (id.getharvest.com)."""

from __future__ import annotations

from ..types.identity import Accounts, OAuthCodeExchangeParams, OAuthRefreshParams, OAuthToken
from ._access_roles import MEMBER
from ._operation import get, post

__all__ = ["ACCOUNTS_LIST", "OAUTH_AUTHORIZE", "OAUTH_EXCHANGE_CODE", "OAUTH_REFRESH"]

ACCOUNTS_LIST = get(
    "accounts.list",
    "/api/v2/accounts",
    Accounts,
    MEMBER,
    "List the accounts the token can reach, with the token's owner.",
    host="identity",
)
OAUTH_AUTHORIZE = get(
    "oauth.authorize",
    "/oauth2/authorize",
    type(None),
    MEMBER,
    "Browser page where a user grants an OAuth2 application access (build its URL).",
    host="identity",
)
OAUTH_EXCHANGE_CODE = post(
    "oauth.exchange_code",
    "/api/v2/oauth2/token",
    OAuthToken,
    MEMBER,
    "Exchange an OAuth2 authorization code for access and refresh tokens.",
    body=OAuthCodeExchangeParams,
    host="identity",
)
OAUTH_REFRESH = post(
    "oauth.refresh",
    "/api/v2/oauth2/token",
    OAuthToken,
    MEMBER,
    "Trade an OAuth2 refresh token for a new access token.",
    body=OAuthRefreshParams,
    host="identity",
)
