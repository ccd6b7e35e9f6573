"""Resource ``estimates.messages``: sync and async classes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from .._not_given import NOT_GIVEN, NotGiven, given
from .._pagination import AsyncPager, SyncPager
from ..operations._estimates import (
    ESTIMATES_MESSAGES_CREATE,
    ESTIMATES_MESSAGES_DELETE,
    ESTIMATES_MESSAGES_LIST,
    ESTIMATES_MESSAGES_MARK_ACCEPTED,
    ESTIMATES_MESSAGES_MARK_DECLINED,
    ESTIMATES_MESSAGES_MARK_SENT,
    ESTIMATES_MESSAGES_REOPEN,
)
from ..types._base import MessageRecipientParams
from ..types.estimate_messages import EstimateMessage
from ._base import AsyncAPIResource, SyncAPIResource

__all__ = ["AsyncEstimateMessages", "EstimateMessages"]


class EstimateMessages(SyncAPIResource):
    """The ``estimates.messages.*`` operations."""

    def list(
        self,
        estimate_id: int,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
    ) -> SyncPager[EstimateMessage]:
        """List the messages sent for an estimate."""
        return self._core.paginate(ESTIMATES_MESSAGES_LIST, given(locals()))

    def create(
        self,
        estimate_id: int,
        *,
        recipients: Sequence[MessageRecipientParams | dict[str, Any]],
        subject: str | NotGiven | None = NOT_GIVEN,
        body: str | NotGiven | None = NOT_GIVEN,
        send_me_a_copy: bool | NotGiven | None = NOT_GIVEN,
    ) -> EstimateMessage:
        """Email an estimate to recipients."""
        return self._core.call(ESTIMATES_MESSAGES_CREATE, given(locals()))

    def delete(self, estimate_id: int, message_id: int) -> None:
        """Delete an estimate message."""
        self._core.call(ESTIMATES_MESSAGES_DELETE, given(locals()))

    def mark_sent(self, estimate_id: int) -> EstimateMessage:
        """Mark a draft estimate as sent (no email)."""
        return self._core.call(ESTIMATES_MESSAGES_MARK_SENT, given(locals()))

    def mark_accepted(self, estimate_id: int) -> EstimateMessage:
        """Mark a sent estimate as accepted."""
        return self._core.call(ESTIMATES_MESSAGES_MARK_ACCEPTED, given(locals()))

    def mark_declined(self, estimate_id: int) -> EstimateMessage:
        """Mark a sent estimate as declined."""
        return self._core.call(ESTIMATES_MESSAGES_MARK_DECLINED, given(locals()))

    def reopen(self, estimate_id: int) -> EstimateMessage:
        """Re-open an accepted or declined estimate."""
        return self._core.call(ESTIMATES_MESSAGES_REOPEN, given(locals()))


class AsyncEstimateMessages(AsyncAPIResource):
    """The ``estimates.messages.*`` operations (async)."""

    def list(
        self,
        estimate_id: int,
        *,
        per_page: int | NotGiven = NOT_GIVEN,
        updated_since: datetime | NotGiven = NOT_GIVEN,
    ) -> AsyncPager[EstimateMessage]:
        """List the messages sent for an estimate."""
        return self._core.paginate(ESTIMATES_MESSAGES_LIST, given(locals()))

    async def create(
        self,
        estimate_id: int,
        *,
        recipients: Sequence[MessageRecipientParams | dict[str, Any]],
        subject: str | NotGiven | None = NOT_GIVEN,
        body: str | NotGiven | None = NOT_GIVEN,
        send_me_a_copy: bool | NotGiven | None = NOT_GIVEN,
    ) -> EstimateMessage:
        """Email an estimate to recipients."""
        return await self._core.call(ESTIMATES_MESSAGES_CREATE, given(locals()))

    async def delete(self, estimate_id: int, message_id: int) -> None:
        """Delete an estimate message."""
        await self._core.call(ESTIMATES_MESSAGES_DELETE, given(locals()))

    async def mark_sent(self, estimate_id: int) -> EstimateMessage:
        """Mark a draft estimate as sent (no email)."""
        return await self._core.call(ESTIMATES_MESSAGES_MARK_SENT, given(locals()))

    async def mark_accepted(self, estimate_id: int) -> EstimateMessage:
        """Mark a sent estimate as accepted."""
        return await self._core.call(ESTIMATES_MESSAGES_MARK_ACCEPTED, given(locals()))

    async def mark_declined(self, estimate_id: int) -> EstimateMessage:
        """Mark a sent estimate as declined."""
        return await self._core.call(ESTIMATES_MESSAGES_MARK_DECLINED, given(locals()))

    async def reopen(self, estimate_id: int) -> EstimateMessage:
        """Re-open an accepted or declined estimate."""
        return await self._core.call(ESTIMATES_MESSAGES_REOPEN, given(locals()))
