"""log_time with several entries: when one fails, the result says which were logged and
which not, and the same call with its request_id logs only the rest."""

from __future__ import annotations

from decimal import Decimal

import httpx
import pytest

from harvestkit.tools.outcomes.log_time import LOG_TIME

from .conftest import ETHAN, World, run

pytestmark = pytest.mark.anyio

ENTRIES = {
    "entries": [
        {"project": "the Williams account", "task": "development", "duration": "3h",
         "notes": "partial story"},
        {"project": "internal training", "duration": "1h", "notes": "partial story"},
    ]
}  # fmt: skip


class SecondWriteRefused(httpx.AsyncBaseTransport):
    """Harvest refuses every time entry create after the first while ``refusing``."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.creates = 0
        self.refusing = True

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path == "/v2/time_entries":
            self.creates += 1
            if self.refusing and self.creates > 1:
                return httpx.Response(422, json={"message": "Project is archived for a moment"})
        return await self.inner.handle_async_request(request)


async def _mine(world: World) -> list[tuple[str, Decimal]]:
    h = world.ctx(ETHAN).harvest
    return [
        (e.project.name, Decimal(str(e.hours)))
        async for e in h.paginate("time_entries.list", user_id=ETHAN)
        if e.notes == "partial story"
    ]


async def test_second_entry_fails_then_a_retry_logs_only_the_second(world: World) -> None:
    gate = SecondWriteRefused(world.counter.inner)
    world.counter.inner = gate
    first = await run(LOG_TIME, world.ctx(ETHAN), ENTRIES)
    assert [(e.project.name, e.logged_before) for e in first.logged] == [
        ("Website Redesign", False)
    ]
    [missing] = first.not_logged
    assert (missing.index, missing.may_exist) == (1, False)
    assert "Project is archived for a moment" in missing.reason
    assert first.request_id in (first.next_step or "") and "1 of 2" in (first.next_step or "")
    assert await _mine(world) == [("Website Redesign", Decimal("3"))]

    gate.refusing = False
    again = await run(LOG_TIME, world.ctx(ETHAN), ENTRIES | {"request_id": first.request_id})
    assert [(e.project.name, e.logged_before) for e in again.logged] == [
        ("Website Redesign", True),
        ("Internal Training", False),
    ]
    assert again.not_logged == [] and again.next_step is None
    assert gate.creates == 3  # one, the refused one, and only the missing one again
    assert sorted(await _mine(world)) == [
        ("Internal Training", Decimal("1")),
        ("Website Redesign", Decimal("3")),
    ]


async def test_a_first_entry_refused_logs_nothing_and_says_so(world: World) -> None:
    gate = SecondWriteRefused(world.counter.inner)
    gate.creates = 1  # the very first create is refused
    world.counter.inner = gate
    with pytest.raises(Exception, match="nothing was logged"):
        await run(LOG_TIME, world.ctx(ETHAN), ENTRIES)
    assert await _mine(world) == []


async def test_a_request_id_with_other_entries_is_refused(world: World) -> None:
    gate = SecondWriteRefused(world.counter.inner)
    world.counter.inner = gate
    first = await run(LOG_TIME, world.ctx(ETHAN), ENTRIES)
    swapped = {"entries": list(reversed(ENTRIES["entries"])), "request_id": first.request_id}
    gate.refusing = False
    with pytest.raises(Exception, match="logged a different entries\\[0\\] before"):
        await run(LOG_TIME, world.ctx(ETHAN), swapped)
    assert await _mine(world) == [("Website Redesign", Decimal("3"))]
