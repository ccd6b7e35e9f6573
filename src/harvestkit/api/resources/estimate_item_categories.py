"""Resource ``estimate_item_categories``: sync and async classes."""

from __future__ import annotations

from datetime import datetime

from .._not_given import NOT_GIVEN, NotGiven, given
from .._pagination import AsyncPager, SyncPager
from ..operations._estimates import (
    ESTIMATE_ITEM_CATEGORIES_CREATE,
    ESTIMATE_ITEM_CATEGORIES_DELETE,
    ESTIMATE_ITEM_CATEGORIES_LIST,
    ESTIMATE_ITEM_CATEGORIES_RETRIEVE,
    ESTIMATE_ITEM_CATEGORIES_UPDATE,
)
from ..types.item_categories import EstimateItemCategory
from ._base import AsyncAPIResource, SyncAPIResource

__all__ = ["AsyncEstimateItemCategories", "EstimateItemCategories"]


class EstimateItemCategories(SyncAPIResource):
    """The ``estimate_item_categories.*`` operations."""

    def list(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
    ) -> SyncPager[EstimateItemCategory]:
        """List estimate item categories."""
        return self._core.paginate(ESTIMATE_ITEM_CATEGORIES_LIST, given(locals()))

    def create(self, *, name: str) -> EstimateItemCategory:
        """Create an estimate item category."""
        return self._core.call(ESTIMATE_ITEM_CATEGORIES_CREATE, given(locals()))

    def retrieve(self, estimate_item_category_id: int) -> EstimateItemCategory:
        """Retrieve an estimate item category."""
        return self._core.call(ESTIMATE_ITEM_CATEGORIES_RETRIEVE, given(locals()))

    def update(
        self, estimate_item_category_id: int, *, name: str | NotGiven | None = NOT_GIVEN
    ) -> EstimateItemCategory:
        """Rename an estimate item category."""
        return self._core.call(ESTIMATE_ITEM_CATEGORIES_UPDATE, given(locals()))

    def delete(self, estimate_item_category_id: int) -> None:
        """Delete an estimate item category."""
        self._core.call(ESTIMATE_ITEM_CATEGORIES_DELETE, given(locals()))


class AsyncEstimateItemCategories(AsyncAPIResource):
    """The ``estimate_item_categories.*`` operations (async)."""

    def list(
        self,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[EstimateItemCategory]:
        """List estimate item categories."""
        return self._core.paginate(ESTIMATE_ITEM_CATEGORIES_LIST, given(locals()))

    async def create(self, *, name: str) -> EstimateItemCategory:
        """Create an estimate item category."""
        return await self._core.call(ESTIMATE_ITEM_CATEGORIES_CREATE, given(locals()))

    async def retrieve(self, estimate_item_category_id: int) -> EstimateItemCategory:
        """Retrieve an estimate item category."""
        return await self._core.call(ESTIMATE_ITEM_CATEGORIES_RETRIEVE, given(locals()))

    async def update(
        self, estimate_item_category_id: int, *, name: str | NotGiven | None = NOT_GIVEN
    ) -> EstimateItemCategory:
        """Rename an estimate item category."""
        return await self._core.call(ESTIMATE_ITEM_CATEGORIES_UPDATE, given(locals()))

    async def delete(self, estimate_item_category_id: int) -> None:
        """Delete an estimate item category."""
        await self._core.call(ESTIMATE_ITEM_CATEGORIES_DELETE, given(locals()))
