"""Resource ``users.cost_rates``: sync and async classes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .._not_given import NOT_GIVEN, NotGiven, given
from .._pagination import AsyncPager, SyncPager
from ..operations._users import (
    USERS_COST_RATES_CREATE,
    USERS_COST_RATES_LIST,
    USERS_COST_RATES_RETRIEVE,
)
from ..types.rates import CostRate
from ._base import AsyncAPIResource, SyncAPIResource

__all__ = ["AsyncUserCostRates", "UserCostRates"]


class UserCostRates(SyncAPIResource):
    """The ``users.cost_rates.*`` operations."""

    def list(self, user_id: int, *, per_page: int | NotGiven = NOT_GIVEN) -> SyncPager[CostRate]:
        """List a user's cost rates, oldest first."""
        return self._core.paginate(USERS_COST_RATES_LIST, given(locals()))

    def create(
        self, user_id: int, *, amount: Decimal, start_date: date | NotGiven | None = NOT_GIVEN
    ) -> CostRate:
        """Add a cost rate (without start_date it replaces all rates)."""
        return self._core.call(USERS_COST_RATES_CREATE, given(locals()))

    def retrieve(self, user_id: int, cost_rate_id: int) -> CostRate:
        """Retrieve a cost rate."""
        return self._core.call(USERS_COST_RATES_RETRIEVE, given(locals()))


class AsyncUserCostRates(AsyncAPIResource):
    """The ``users.cost_rates.*`` operations (async)."""

    def list(self, user_id: int, *, per_page: int | NotGiven = NOT_GIVEN) -> AsyncPager[CostRate]:
        """List a user's cost rates, oldest first."""
        return self._core.paginate(USERS_COST_RATES_LIST, given(locals()))

    async def create(
        self, user_id: int, *, amount: Decimal, start_date: date | NotGiven | None = NOT_GIVEN
    ) -> CostRate:
        """Add a cost rate (without start_date it replaces all rates)."""
        return await self._core.call(USERS_COST_RATES_CREATE, given(locals()))

    async def retrieve(self, user_id: int, cost_rate_id: int) -> CostRate:
        """Retrieve a cost rate."""
        return await self._core.call(USERS_COST_RATES_RETRIEVE, given(locals()))
