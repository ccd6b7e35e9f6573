"""The vault as the SDK's ``TokenProvider`` for one user and environment."""

from __future__ import annotations

import anyio.to_thread

from ._secret import Secret
from ._vault import Vault

__all__ = ["VaultTokenProvider"]


class VaultTokenProvider:
    """Hands the SDK the access token of ``user`` in ``env``, refreshed as needed.

    Implements ``harvestkit.api.TokenProvider``. The async methods run the vault's
    blocking database work in a worker thread, so the event loop never waits on a lock;
    a token the vault still remembers (``Vault.remembered_token``) is answered on the loop
    when the store is a local SQLite file (one read of a number).
    """

    def __init__(self, vault: Vault, user: str, env: str) -> None:
        self.vault = vault
        self.user = user
        self.env = env
        self._local = vault.store.dialect == "sqlite"

    def __repr__(self) -> str:
        return f"VaultTokenProvider(user={self.user!r}, env={self.env!r})"

    @property
    def account_id(self) -> int | None:
        """The credential's default Harvest account id."""
        return self.vault.get(self.user, self.env).default_account_id

    def get_token(self) -> str:
        """The access token to use now (refreshed first if it is about to expire)."""
        token = self.vault.remembered_token(self.user, self.env)
        if token is None:
            token = self.vault.access_token(self.user, self.env)
        return token.reveal()

    def refresh(self, rejected: str | None = None) -> str:
        """A new token after Harvest rejected ``rejected``.

        The vault refreshes only while ``rejected`` is still the stored token, under the
        credential's cross-process lock: concurrent 401s for one token refresh once.
        Without ``rejected`` the current token counts as rejected.
        """
        if rejected is None:
            rejected = self.vault.access_token(self.user, self.env).reveal()
        return self.vault.refresh(self.user, self.env, rejected=Secret(rejected)).reveal()

    async def get_token_async(self) -> str:
        """Async ``get_token``."""
        if self._local:
            token = self.vault.remembered_token(self.user, self.env)
            if token is not None:
                return token.reveal()
        return await anyio.to_thread.run_sync(self.get_token)

    async def refresh_async(self, rejected: str | None = None) -> str:
        """Async ``refresh``."""
        return await anyio.to_thread.run_sync(self.refresh, rejected)
