"""Resource ``users.billable_rates``: sync and async classes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .._not_given import NOT_GIVEN, NotGiven, given
from .._pagination import AsyncPager, SyncPager
from ..operations._users import (
    USERS_BILLABLE_RATES_CREATE,
    USERS_BILLABLE_RATES_LIST,
    USERS_BILLABLE_RATES_RETRIEVE,
)
from ..types.rates import BillableRate
from ._base import AsyncAPIResource, SyncAPIResource

__all__ = ["AsyncUserBillableRates", "UserBillableRates"]


class UserBillableRates(SyncAPIResource):
    """The ``users.billable_rates.*`` operations."""

    def list(
        self, user_id: int, *, per_page: int | NotGiven = NOT_GIVEN
    ) -> SyncPager[BillableRate]:
        """List a user's billable rates, oldest first."""
        return self._core.paginate(USERS_BILLABLE_RATES_LIST, given(locals()))

    def create(
        self, user_id: int, *, amount: Decimal, start_date: date | NotGiven | None = NOT_GIVEN
    ) -> BillableRate:
        """Add a billable rate (without start_date it replaces all rates)."""
        return self._core.call(USERS_BILLABLE_RATES_CREATE, given(locals()))

    def retrieve(self, user_id: int, billable_rate_id: int) -> BillableRate:
        """Retrieve a billable rate."""
        return self._core.call(USERS_BILLABLE_RATES_RETRIEVE, given(locals()))


class AsyncUserBillableRates(AsyncAPIResource):
    """The ``users.billable_rates.*`` operations (async)."""

    def list(
        self, user_id: int, *, per_page: int | NotGiven = NOT_GIVEN
    ) -> AsyncPager[BillableRate]:
        """List a user's billable rates, oldest first."""
        return self._core.paginate(USERS_BILLABLE_RATES_LIST, given(locals()))

    async def create(
        self, user_id: int, *, amount: Decimal, start_date: date | NotGiven | None = NOT_GIVEN
    ) -> BillableRate:
        """Add a billable rate (without start_date it replaces all rates)."""
        return await self._core.call(USERS_BILLABLE_RATES_CREATE, given(locals()))

    async def retrieve(self, user_id: int, billable_rate_id: int) -> BillableRate:
        """Retrieve a billable rate."""
        return await self._core.call(USERS_BILLABLE_RATES_RETRIEVE, given(locals()))
