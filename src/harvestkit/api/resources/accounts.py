"""Resource ``accounts``: the identity service's account list, sync and async."""

from __future__ import annotations

from .._not_given import given
from ..operations._identity import ACCOUNTS_LIST
from ..types.identity import Accounts as AccountList
from ._base import AsyncAPIResource, SyncAPIResource

__all__ = ["Accounts", "AsyncAccounts"]


class Accounts(SyncAPIResource):
    """The ``accounts.*`` operations (on the identity service)."""

    def list(self) -> AccountList:
        """List the accounts the token can reach, with the token's owner."""
        return self._core.call(ACCOUNTS_LIST, given(locals()))


class AsyncAccounts(AsyncAPIResource):
    """The ``accounts.*`` operations (on the identity service, async)."""

    async def list(self) -> AccountList:
        """List the accounts the token can reach, with the token's owner."""
        return await self._core.call(ACCOUNTS_LIST, given(locals()))
