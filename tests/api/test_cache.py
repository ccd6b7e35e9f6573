"""Conditional GETs with ETags, and the reference-data cache hook."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from harvestkit.api import Cache, Harvest, InMemoryCache

from .conftest import ACCOUNT_ID, TOKEN, SyncASGITransport, client_options, mock_harvest

COMPANY = {"name": "Iridesco", "week_start_day": "Monday"}


class ConditionalServer:
    def __init__(self) -> None:
        self.conditional: list[str | None] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        tag = request.headers.get("If-None-Match")
        self.conditional.append(tag)
        if tag == 'W/"v1"':
            return httpx.Response(304, headers={"ETag": 'W/"v1"'})
        return httpx.Response(200, json=COMPANY, headers={"ETag": 'W/"v1"'})


def test_second_get_revalidates_and_reuses_the_body() -> None:
    server = ConditionalServer()
    h = mock_harvest(server)
    first, second = h.company.retrieve(), h.company.retrieve()
    assert first == second and second.name == "Iridesco"
    assert server.conditional == [None, 'W/"v1"']


def test_etags_can_be_turned_off() -> None:
    server = ConditionalServer()
    h = mock_harvest(server, etags=False)
    h.company.retrieve()
    h.company.retrieve()
    assert server.conditional == [None, None]


class Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("advance", "expected"),
    [(0.0, "v"), (9.9, "v"), (10.0, None)],
)
def test_in_memory_cache_ttl(advance: float, expected: str | None) -> None:
    clock = Clock()
    cache = InMemoryCache(clock=clock)
    assert isinstance(cache, Cache)
    cache.set("projects:1", "v", ttl=10)
    clock.now += advance
    assert cache.get("projects:1") == expected


def test_in_memory_cache_is_bounded() -> None:
    cache = InMemoryCache(max_entries=2)
    for key in "abc":
        cache.set(key, key, ttl=60)
    assert [cache.get(k) for k in "abc"] == [None, "b", "c"]


def test_each_client_has_a_cache() -> None:
    h = mock_harvest(ConditionalServer())
    h.cache.set("k", 1, ttl=5)
    assert h.cache.get("k") == 1


class Recording(httpx.BaseTransport):
    """Passes requests on and notes (If-None-Match, status) for each."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.seen: list[tuple[str | None, int]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        self.seen.append((request.headers.get("If-None-Match"), response.status_code))
        return response


def test_conditional_get_against_the_sandbox(app: Any) -> None:
    inner = SyncASGITransport(app)
    recording = Recording(inner)
    h = Harvest(TOKEN, ACCOUNT_ID, transport=recording, **client_options())
    first, second = h.company.retrieve(), h.company.retrieve()
    assert first == second
    assert recording.seen[0] == (None, 200)
    assert recording.seen[1][0] is not None and recording.seen[1][1] == 304
    h.company.update(weekly_capacity=126000)
    assert h.company.retrieve().weekly_capacity == 126000  # a changed record is not stale
    inner.close()
