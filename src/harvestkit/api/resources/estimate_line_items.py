"""Resource ``estimates.line_items``: sync and async classes."""

from __future__ import annotations

from decimal import Decimal

from .._not_given import NOT_GIVEN, NotGiven, given
from ..operations._estimates import (
    ESTIMATES_LINE_ITEMS_CREATE,
    ESTIMATES_LINE_ITEMS_DELETE,
    ESTIMATES_LINE_ITEMS_UPDATE,
)
from ..types.estimates import Estimate
from ._base import AsyncAPIResource, SyncAPIResource

__all__ = ["AsyncEstimateLineItems", "EstimateLineItems"]


class EstimateLineItems(SyncAPIResource):
    """The ``estimates.line_items.*`` operations."""

    def create(
        self,
        estimate_id: int,
        *,
        kind: str,
        unit_price: Decimal,
        description: str | NotGiven | None = NOT_GIVEN,
        quantity: Decimal | NotGiven | None = NOT_GIVEN,
        taxed: bool | NotGiven | None = NOT_GIVEN,
        taxed2: bool | NotGiven | None = NOT_GIVEN,
    ) -> Estimate:
        """Append a line item to an estimate."""
        return self._core.call(ESTIMATES_LINE_ITEMS_CREATE, given(locals()))

    def update(
        self,
        estimate_id: int,
        *,
        id: int,
        kind: str | NotGiven | None = NOT_GIVEN,
        description: str | NotGiven | None = NOT_GIVEN,
        quantity: Decimal | NotGiven | None = NOT_GIVEN,
        unit_price: Decimal | NotGiven | None = NOT_GIVEN,
        taxed: bool | NotGiven | None = NOT_GIVEN,
        taxed2: bool | NotGiven | None = NOT_GIVEN,
    ) -> Estimate:
        """Update one line item of an estimate."""
        return self._core.call(ESTIMATES_LINE_ITEMS_UPDATE, given(locals()))

    def delete(self, estimate_id: int, *, id: int) -> Estimate:
        """Delete one line item of an estimate."""
        return self._core.call(ESTIMATES_LINE_ITEMS_DELETE, given(locals()))


class AsyncEstimateLineItems(AsyncAPIResource):
    """The ``estimates.line_items.*`` operations (async)."""

    async def create(
        self,
        estimate_id: int,
        *,
        kind: str,
        unit_price: Decimal,
        description: str | NotGiven | None = NOT_GIVEN,
        quantity: Decimal | NotGiven | None = NOT_GIVEN,
        taxed: bool | NotGiven | None = NOT_GIVEN,
        taxed2: bool | NotGiven | None = NOT_GIVEN,
    ) -> Estimate:
        """Append a line item to an estimate."""
        return await self._core.call(ESTIMATES_LINE_ITEMS_CREATE, given(locals()))

    async def update(
        self,
        estimate_id: int,
        *,
        id: int,
        kind: str | NotGiven | None = NOT_GIVEN,
        description: str | NotGiven | None = NOT_GIVEN,
        quantity: Decimal | NotGiven | None = NOT_GIVEN,
        unit_price: Decimal | NotGiven | None = NOT_GIVEN,
        taxed: bool | NotGiven | None = NOT_GIVEN,
        taxed2: bool | NotGiven | None = NOT_GIVEN,
    ) -> Estimate:
        """Update one line item of an estimate."""
        return await self._core.call(ESTIMATES_LINE_ITEMS_UPDATE, given(locals()))

    async def delete(self, estimate_id: int, *, id: int) -> Estimate:
        """Delete one line item of an estimate."""
        return await self._core.call(ESTIMATES_LINE_ITEMS_DELETE, given(locals()))
