"""Resource ``company``: sync and async classes."""

from __future__ import annotations

from .._not_given import NOT_GIVEN, NotGiven, given
from ..operations._clients import COMPANY_RETRIEVE, COMPANY_UPDATE
from ..types.company import Company
from ._base import AsyncAPIResource, SyncAPIResource

__all__ = ["AsyncCompanyResource", "CompanyResource"]


class CompanyResource(SyncAPIResource):
    """The ``company.*`` operations."""

    def retrieve(self) -> Company:
        """Retrieve the company of the authenticated user."""
        return self._core.call(COMPANY_RETRIEVE, given(locals()))

    def update(
        self,
        *,
        wants_timestamp_timers: bool | NotGiven | None = NOT_GIVEN,
        weekly_capacity: int | NotGiven | None = NOT_GIVEN,
    ) -> Company:
        """Update the company's timer mode or weekly capacity."""
        return self._core.call(COMPANY_UPDATE, given(locals()))


class AsyncCompanyResource(AsyncAPIResource):
    """The ``company.*`` operations (async)."""

    async def retrieve(self) -> Company:
        """Retrieve the company of the authenticated user."""
        return await self._core.call(COMPANY_RETRIEVE, given(locals()))

    async def update(
        self,
        *,
        wants_timestamp_timers: bool | NotGiven | None = NOT_GIVEN,
        weekly_capacity: int | NotGiven | None = NOT_GIVEN,
    ) -> Company:
        """Update the company's timer mode or weekly capacity."""
        return await self._core.call(COMPANY_UPDATE, given(locals()))
