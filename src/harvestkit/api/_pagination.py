"""Pages and pagers: follow ``links.next`` verbatim, for page and cursor lists alike."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from ._envelope import Envelope
from .operations import Operation

__all__ = ["AsyncPager", "Page", "SyncPager", "parse_page", "read_page"]

T = TypeVar("T")

YIELD_EVERY = 200
"""Records an async pager hands out before it lets the event loop run other tasks."""


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list, with what is needed to ask for the next one."""

    items: list[T]
    total_entries: int | None
    """How many records the whole list holds (all pages)."""
    next_cursor: str | None
    """Opaque: Harvest's ``links.next`` URL as given; ``None`` on the last page."""
    page: int | None = None
    total_pages: int | None = None
    per_page: int | None = None

    @property
    def has_more(self) -> bool:
        """Whether another page follows."""
        return self.next_cursor is not None


def parse_page(op: Operation[Any], data: dict[str, Any]) -> Page[Any]:
    """Read a list envelope: items under ``op.list_key`` plus Harvest's pagination fields."""
    raw = data.get(op.list_key or "", []) or []
    return _page(data, [_record(op, item) for item in raw])


def read_page(op: Operation[Any], content: bytes) -> Page[Any]:
    """``parse_page`` of a JSON body, decoded and validated one record at a time: in a
    worker thread, no step but a garbage collection holds the interpreter's lock for more
    than a fraction of a millisecond, so the event loop's thread gets it back within the
    switch interval."""
    envelope = Envelope(content.decode("utf-8"), op.list_key or "")
    items = [_record(op, item) for item in envelope.records()]
    return _page(envelope.fields, items)


def _record(op: Operation[Any], item: Any) -> Any:
    model: type[BaseModel] | None = op.result
    return model.model_validate(item) if model else item


def _page(data: dict[str, Any], items: list[Any]) -> Page[Any]:
    links = data.get("links") or {}
    return Page(
        items=items,
        total_entries=data.get("total_entries"),
        next_cursor=links.get("next") or None,
        page=data.get("page"),
        total_pages=data.get("total_pages"),
        per_page=data.get("per_page"),
    )


class SyncPager(Generic[T]):
    """Iterates lazily over every item of every page; ``page()`` returns one bounded page."""

    def __init__(self, fetch: Callable[[str | None], Page[T]]) -> None:
        self._fetch = fetch

    def page(self, cursor: str | None = None) -> Page[T]:
        """The first page, or the page at ``cursor`` (a ``next_cursor`` from before)."""
        return self._fetch(cursor)

    def first_page(self) -> Page[T]:
        """The first page only."""
        return self._fetch(None)

    def pages(self) -> Iterator[Page[T]]:
        """Every page in order, fetched as needed."""
        cursor: str | None = None
        while True:
            current = self._fetch(cursor)
            yield current
            if current.next_cursor is None:
                return
            cursor = current.next_cursor
            del current  # not kept alive while the next page is read

    def __iter__(self) -> Iterator[T]:
        for current in self.pages():
            yield from current.items
            del current  # not kept alive while the next page is read


class AsyncPager(Generic[T]):
    """Async twin of ``SyncPager``: ``async for item in pager``."""

    def __init__(self, fetch: Callable[[str | None], Awaitable[Page[T]]]) -> None:
        self._fetch = fetch

    async def page(self, cursor: str | None = None) -> Page[T]:
        """The first page, or the page at ``cursor``."""
        return await self._fetch(cursor)

    async def first_page(self) -> Page[T]:
        """The first page only."""
        return await self._fetch(None)

    async def pages(self) -> AsyncIterator[Page[T]]:
        """Every page in order, fetched as needed."""
        cursor: str | None = None
        while True:
            current = await self._fetch(cursor)
            yield current
            if current.next_cursor is None:
                return
            cursor = current.next_cursor
            # Not kept alive while the next page is read: two pages of 2,000 models in
            # memory make each full garbage collection (which stops every task) twice as long.
            del current

    def __aiter__(self) -> AsyncIterator[T]:
        return self._items()

    async def _items(self) -> AsyncIterator[T]:
        async for current in self.pages():
            for index, item in enumerate(current.items, 1):
                yield item
                if index % YIELD_EVERY == 0:
                    # What the caller does with a page of 2,000 records would otherwise
                    # run as one step of the event loop, every other task waiting.
                    await asyncio.sleep(0)
            del current  # not kept alive while the next page is read
