"""What the vault stores: token sets and credentials."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from ._secret import Secret

__all__ = ["Credential", "CredentialKind", "CredentialStatus", "Refresher", "TokenSet"]

CredentialKind = Literal["pat", "oauth"]
CredentialStatus = Literal["active", "needs_login", "revoked"]


@dataclass(frozen=True)
class TokenSet:
    """Tokens from Harvest ID. ``expires_at`` is epoch seconds (``None``: never expires)."""

    access_token: Secret
    refresh_token: Secret | None = None
    expires_at: float | None = None


Refresher = Callable[[str], TokenSet]
"""Trades a refresh token (clear text) for a new ``TokenSet``.

Raises ``InvalidGrantError`` when Harvest refuses the refresh token for good; any other
exception counts as a temporary failure.
"""


@dataclass(frozen=True)
class Credential:
    """One harvestkit user's Harvest credential in one environment (dev, prod, …).

    Tokens are ``Secret`` values, so printing a credential never shows them.
    """

    user: str
    env: str
    kind: CredentialKind
    access_token: Secret | None
    refresh_token: Secret | None
    expires_at: float | None
    account_ids: tuple[int, ...]
    default_account_id: int | None
    harvest_user_id: int | None
    status: CredentialStatus
    refresh_failed_until: float | None = None
    last_error: str | None = None
    refreshed_at: float | None = None
    updated_at: float = 0.0

    def is_stale(self, now: float, skew: float) -> bool:
        """Whether the access token expires within ``skew`` seconds of ``now``."""
        return self.expires_at is not None and self.expires_at - skew <= now

    def is_expired(self, now: float) -> bool:
        """Whether the access token has expired."""
        return self.expires_at is not None and self.expires_at <= now
