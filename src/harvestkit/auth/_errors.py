"""Errors raised by the credential vault.

::

    CredentialError
    ├── CredentialNotFoundError   no credential for this user and environment
    ├── CredentialRevokedError    revoked with ``harvestkit auth revoke``
    ├── NeedsLoginError           Harvest refused the refresh token (``invalid_grant``)
    └── RefreshFailedError        a refresh failed; ``retry_at`` says when the next try is
        └── RefreshCoolingDownError   a recent refresh failed; failing fast until ``retry_at``

Messages name the user and environment and the command that fixes the problem; they
never contain a token.
"""

from __future__ import annotations

__all__ = [
    "CredentialError",
    "CredentialNotFoundError",
    "CredentialRevokedError",
    "InvalidGrantError",
    "NeedsLoginError",
    "RefreshCoolingDownError",
    "RefreshFailedError",
]


class CredentialError(Exception):
    """Root of the vault's errors."""

    def __init__(self, message: str, *, user: str, env: str) -> None:
        self.user = user
        self.env = env
        super().__init__(message)


class CredentialNotFoundError(CredentialError):
    """No credential is stored for this user and environment."""


class CredentialRevokedError(CredentialError):
    """The credential was revoked."""


class NeedsLoginError(CredentialError):
    """Harvest no longer accepts the refresh token; the person must log in again."""


class RefreshFailedError(CredentialError):
    """Refreshing the access token failed; ``retry_at`` is when the vault tries again."""

    def __init__(self, message: str, *, user: str, env: str, retry_at: float) -> None:
        self.retry_at = retry_at
        super().__init__(message, user=user, env=env)


class RefreshCoolingDownError(RefreshFailedError):
    """A refresh failed moments ago; calls fail fast until ``retry_at``."""


class InvalidGrantError(Exception):
    """Raised by a refresher when Harvest answers ``invalid_grant`` (token revoked or reused)."""
