"""Several writes in one tool call: what was written, what was not, and a retry that skips
what an earlier attempt already wrote.

Each entry of a batch carries a key made of the batch's ``request_id`` and its position
(``idempotency_reference``). A call that stops part-way says which entries were written
and which not, with the reason, and hands back its ``request_id``; the same call again
with that ``request_id`` finds the written entries by their keys and writes only the rest.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, Field

from harvestkit.api import AsyncHarvest, HarvestError, UncertainWriteError, idempotency_reference
from harvestkit.api.operations import (
    TIME_ENTRIES_LIST,
)

from .._errors import from_harvest_error

__all__ = ["Batch", "NotWritten", "new_request_id"]

REQUEST_ID_PATTERN = r"^[A-Za-z0-9-]{8,40}$"


class NotWritten(BaseModel):
    """An entry of the batch that was not written."""

    index: int = Field(description="Its position in the request, from 0.")
    reason: str
    may_exist: bool = Field(
        description="true: Harvest may have written it before the answer was lost; calling "
        "again with the same request_id finds it instead of writing it twice."
    )


def new_request_id() -> str:
    """A fresh batch id."""
    return uuid.uuid4().hex[:16]


@dataclass
class Batch:
    """The writes of one request, keyed by ``request_id`` and position."""

    harvest: AsyncHarvest
    request_id: str
    written: dict[int, Any] = field(default_factory=dict)
    earlier: set[int] = field(default_factory=set)
    not_written: list[NotWritten] = field(default_factory=list)

    def reference(self, index: int) -> dict[str, str]:
        """The ``external_reference`` the entry at ``index`` is written with."""
        return idempotency_reference(f"hk-batch-{self.request_id}-{index}")

    async def find_earlier(self, count: int) -> None:
        """Entries an earlier call with this ``request_id`` wrote, found by their keys."""
        for index in range(count):
            key = self.reference(index)["id"]
            pager = self.harvest.paginate(TIME_ENTRIES_LIST, external_reference_id=key)
            page = await pager.first_page()
            if page.items:
                self.written[index] = page.items[0]
                self.earlier.add(index)

    async def write(self, writes: Sequence[Callable[[dict[str, str]], Awaitable[Any]]]) -> None:
        """Run the writes not done yet in order; stop at the first failure and record it
        and every write after it as not written."""
        for index, write in enumerate(writes):
            if index in self.written:
                continue
            try:
                self.written[index] = await write(self.reference(index))
            except HarvestError as exc:
                reason = (await from_harvest_error(self.harvest, exc)).message
                self._stop(index, exc, reason, len(writes))
                return

    def _stop(self, index: int, exc: HarvestError, reason: str, count: int) -> None:
        uncertain = isinstance(exc, UncertainWriteError)
        self.not_written.append(NotWritten(index=index, reason=reason, may_exist=uncertain))
        for later in range(index + 1, count):
            if later not in self.written:
                skipped = f"not attempted: entries[{index}] failed first"
                self.not_written.append(NotWritten(index=later, reason=skipped, may_exist=False))

    def next_step(self) -> str | None:
        """What the caller should do about entries not written, if any."""
        if not self.not_written:
            return None
        return (
            f"{len(self.written)} of {len(self.written) + len(self.not_written)} entries are "
            f"logged. To log the rest, call again with the same entries and request_id "
            f"'{self.request_id}': entries already logged are found, not logged twice."
        )
