"""Resource ``estimates``: sync and async classes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from .._async_core import AsyncCore
from .._not_given import NOT_GIVEN, NotGiven, given
from .._pagination import AsyncPager, SyncPager
from .._sync_core import SyncCore
from ..operations._estimates import (
    ESTIMATES_CREATE,
    ESTIMATES_DELETE,
    ESTIMATES_LIST,
    ESTIMATES_RETRIEVE,
    ESTIMATES_UPDATE,
)
from ..types.estimates import (
    Estimate,
    EstimateLineItemChange,
    EstimateLineItemCreateParams,
)
from ._base import AsyncAPIResource, SyncAPIResource
from .estimate_line_items import AsyncEstimateLineItems, EstimateLineItems
from .estimate_messages import AsyncEstimateMessages, EstimateMessages

__all__ = ["AsyncEstimates", "Estimates"]


class Estimates(SyncAPIResource):
    """The ``estimates.*`` operations."""

    def __init__(self, core: SyncCore) -> None:
        super().__init__(core)
        self.line_items = EstimateLineItems(core)
        """Line items of one estimate."""
        self.messages = EstimateMessages(core)
        """Messages of one estimate."""

    def list(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        client_id: int | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
        from_: date | NotGiven = NOT_GIVEN,
        to: date | NotGiven = NOT_GIVEN,
        state: str | NotGiven = NOT_GIVEN,
    ) -> SyncPager[Estimate]:
        """List estimates, most recently issued first."""
        return self._core.paginate(ESTIMATES_LIST, given(locals()))

    def create(
        self,
        *,
        client_id: int,
        number: str | NotGiven | None = NOT_GIVEN,
        purchase_order: str | NotGiven | None = NOT_GIVEN,
        tax: Decimal | NotGiven | None = NOT_GIVEN,
        tax2: Decimal | NotGiven | None = NOT_GIVEN,
        discount: Decimal | NotGiven | None = NOT_GIVEN,
        subject: str | NotGiven | None = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        currency: str | NotGiven | None = NOT_GIVEN,
        issue_date: date | NotGiven | None = NOT_GIVEN,
        line_items: Sequence[EstimateLineItemCreateParams | dict[str, Any]]
        | NotGiven
        | None = NOT_GIVEN,
    ) -> Estimate:
        """Create an estimate with line items."""
        return self._core.call(ESTIMATES_CREATE, given(locals()))

    def retrieve(self, estimate_id: int) -> Estimate:
        """Retrieve an estimate."""
        return self._core.call(ESTIMATES_RETRIEVE, given(locals()))

    def update(
        self,
        estimate_id: int,
        *,
        client_id: int | NotGiven | None = NOT_GIVEN,
        number: str | NotGiven | None = NOT_GIVEN,
        purchase_order: str | NotGiven | None = NOT_GIVEN,
        tax: Decimal | NotGiven | None = NOT_GIVEN,
        tax2: Decimal | NotGiven | None = NOT_GIVEN,
        discount: Decimal | NotGiven | None = NOT_GIVEN,
        subject: str | NotGiven | None = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        currency: str | NotGiven | None = NOT_GIVEN,
        issue_date: date | NotGiven | None = NOT_GIVEN,
        line_items: Sequence[EstimateLineItemChange] | NotGiven | None = NOT_GIVEN,
    ) -> Estimate:
        """Update an estimate."""
        return self._core.call(ESTIMATES_UPDATE, given(locals()))

    def delete(self, estimate_id: int) -> None:
        """Delete an estimate."""
        self._core.call(ESTIMATES_DELETE, given(locals()))


class AsyncEstimates(AsyncAPIResource):
    """The ``estimates.*`` operations (async)."""

    def __init__(self, core: AsyncCore) -> None:
        super().__init__(core)
        self.line_items = AsyncEstimateLineItems(core)
        """Line items of one estimate."""
        self.messages = AsyncEstimateMessages(core)
        """Messages of one estimate."""

    def list(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        client_id: int | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
        from_: date | NotGiven = NOT_GIVEN,
        to: date | NotGiven = NOT_GIVEN,
        state: str | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[Estimate]:
        """List estimates, most recently issued first."""
        return self._core.paginate(ESTIMATES_LIST, given(locals()))

    async def create(
        self,
        *,
        client_id: int,
        number: str | NotGiven | None = NOT_GIVEN,
        purchase_order: str | NotGiven | None = NOT_GIVEN,
        tax: Decimal | NotGiven | None = NOT_GIVEN,
        tax2: Decimal | NotGiven | None = NOT_GIVEN,
        discount: Decimal | NotGiven | None = NOT_GIVEN,
        subject: str | NotGiven | None = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        currency: str | NotGiven | None = NOT_GIVEN,
        issue_date: date | NotGiven | None = NOT_GIVEN,
        line_items: Sequence[EstimateLineItemCreateParams | dict[str, Any]]
        | NotGiven
        | None = NOT_GIVEN,
    ) -> Estimate:
        """Create an estimate with line items."""
        return await self._core.call(ESTIMATES_CREATE, given(locals()))

    async def retrieve(self, estimate_id: int) -> Estimate:
        """Retrieve an estimate."""
        return await self._core.call(ESTIMATES_RETRIEVE, given(locals()))

    async def update(
        self,
        estimate_id: int,
        *,
        client_id: int | NotGiven | None = NOT_GIVEN,
        number: str | NotGiven | None = NOT_GIVEN,
        purchase_order: str | NotGiven | None = NOT_GIVEN,
        tax: Decimal | NotGiven | None = NOT_GIVEN,
        tax2: Decimal | NotGiven | None = NOT_GIVEN,
        discount: Decimal | NotGiven | None = NOT_GIVEN,
        subject: str | NotGiven | None = NOT_GIVEN,
        notes: str | NotGiven | None = NOT_GIVEN,
        currency: str | NotGiven | None = NOT_GIVEN,
        issue_date: date | NotGiven | None = NOT_GIVEN,
        line_items: Sequence[EstimateLineItemChange] | NotGiven | None = NOT_GIVEN,
    ) -> Estimate:
        """Update an estimate."""
        return await self._core.call(ESTIMATES_UPDATE, given(locals()))

    async def delete(self, estimate_id: int) -> None:
        """Delete an estimate."""
        await self._core.call(ESTIMATES_DELETE, given(locals()))
