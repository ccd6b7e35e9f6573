"""Lists follow links.next verbatim (page and cursor alike); bounded pages say what is left."""

from __future__ import annotations

import weakref

import anyio
import httpx
import pytest

from harvestkit.api._pagination import AsyncPager, Page, SyncPager

from .conftest import envelope, mock_async_harvest, mock_harvest

BASE = "https://api.harvestapp.com/v2"
AFTER_2, AFTER_4 = "eyJhZnRlciI6eyJpZCI6Mn19", "eyJhZnRlciI6eyJpZCI6NH19"  # opaque to the SDK
CURSOR_LINKS = {
    None: f"{BASE}/clients?cursor={AFTER_2}&per_page=2&ref=next_cursor",
    AFTER_2: f"{BASE}/clients?cursor={AFTER_4}&per_page=2&ref=next_cursor",
    AFTER_4: None,
}
PAGE_LINKS = {
    None: f"{BASE}/clients?page=2&per_page=2",
    "2": f"{BASE}/clients?page=3&per_page=2",
    "3": None,
}


def server(links: dict[str | None, str | None], param: str, seen: list[str]) -> httpx.MockTransport:
    order = list(links)

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        key = request.url.params.get(param)
        n = order.index(key)
        items = [{"id": 2 * n + 1, "name": "a"}, {"id": 2 * n + 2, "name": "b"}]
        return httpx.Response(200, json=envelope("clients", items, links[key], total=6))

    return httpx.MockTransport(handler)


@pytest.mark.parametrize(("links", "param"), [(CURSOR_LINKS, "cursor"), (PAGE_LINKS, "page")])
def test_list_iterates_every_page_following_links_verbatim(
    links: dict[str | None, str | None], param: str
) -> None:
    seen: list[str] = []
    transport = server(links, param, seen)
    h = mock_harvest(transport.handler)
    assert [c.id for c in h.clients.list(per_page=2)] == [1, 2, 3, 4, 5, 6]
    assert seen[0] == f"{BASE}/clients?per_page=2"
    assert seen[1:] == [link for link in links.values() if link]


def test_first_page_is_bounded_and_hands_back_the_cursor() -> None:
    seen: list[str] = []
    h = mock_harvest(server(CURSOR_LINKS, "cursor", seen).handler)
    pager = h.clients.list(per_page=2)
    first = pager.first_page()
    assert [c.id for c in first.items] == [1, 2]
    assert first.total_entries == 6 and first.has_more
    assert first.next_cursor == CURSOR_LINKS[None]
    second = pager.page(first.next_cursor)
    assert [c.id for c in second.items] == [3, 4]
    assert len(seen) == 2


def test_a_link_to_another_host_is_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        body = envelope("clients", [], "https://evil.example/v2/clients?page=2", total=1)
        return httpx.Response(200, json=body)

    with pytest.raises(ValueError, match="outside the API"):
        list(mock_harvest(handler).clients.list())


@pytest.mark.anyio
async def test_async_list_iterates_every_page() -> None:
    seen: list[str] = []
    h = mock_async_harvest(server(CURSOR_LINKS, "cursor", seen).handler)
    ids = [c.id async for c in h.clients.list(per_page=2)]
    assert ids == [1, 2, 3, 4, 5, 6]
    page = await h.clients.list().first_page()
    assert page.next_cursor == CURSOR_LINKS[None]


@pytest.mark.anyio
async def test_a_long_page_leaves_the_event_loop_free_while_it_is_read_and_handed_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading

    from harvestkit.api import _async_core

    items = [{"id": n, "name": f"client {n:05d}" + " " * 40} for n in range(1, 2001)]
    body = envelope("clients", items, None, total=len(items))
    readers: list[int] = []
    parse = _async_core._parse_page_of

    def noted(*args: object) -> object:
        readers.append(threading.get_ident())
        return parse(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(_async_core, "_parse_page_of", noted)
    h = mock_async_harvest(lambda _request: httpx.Response(200, json=body))
    turns = 0
    done = False

    async def other_task() -> None:
        nonlocal turns
        while not done:
            turns += 1
            await anyio.sleep(0)

    async with anyio.create_task_group() as group:
        group.start_soon(other_task)
        await anyio.sleep(0)
        ids = [c.id async for c in h.clients.list(per_page=2000)]  # no await in the body
        done = True
    assert ids == list(range(1, 2001))
    assert readers and threading.get_ident() not in readers  # read in a worker thread
    assert turns >= 2000 // 200  # the loop ran other tasks while the page was handed out


@pytest.mark.anyio
async def test_a_short_page_is_read_on_the_event_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    from harvestkit.api import _async_core

    monkeypatch.setattr(_async_core, "_parse_page_of", None)  # would fail if called
    seen: list[str] = []
    h = mock_async_harvest(server(CURSOR_LINKS, "cursor", seen).handler)
    assert [c.id async for c in h.clients.list(per_page=2)] == [1, 2, 3, 4, 5, 6]


class Pages:
    """A fetch of `count` pages (one number each) that notes, at each call, whether the page
    it returned before is still held anywhere."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.last: weakref.ref[Page[int]] | None = None
        self.held: list[bool] = []

    def __call__(self, cursor: str | None) -> Page[int]:
        if self.last is not None:
            self.held.append(self.last() is not None)
        n = int(cursor or 0)
        following = str(n + 1) if n + 1 < self.count else None
        page = Page(items=[n], total_entries=self.count, next_cursor=following)
        self.last = weakref.ref(page)
        return page

    async def fetch_async(self, cursor: str | None) -> Page[int]:
        return self(cursor)


def test_a_sync_pager_lets_a_page_go_before_it_reads_the_next() -> None:
    pages = Pages(3)
    assert list(SyncPager(pages)) == [0, 1, 2]
    assert pages.held == [False, False]


@pytest.mark.anyio
async def test_an_async_pager_lets_a_page_go_before_it_reads_the_next() -> None:
    pages = Pages(3)
    assert [n async for n in AsyncPager(pages.fetch_async)] == [0, 1, 2]
    assert pages.held == [False, False]
