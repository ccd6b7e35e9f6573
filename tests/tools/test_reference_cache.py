"""The tools' reference-data cache: a TTL per entry and a size bound."""

from __future__ import annotations

import pytest

from harvestkit.tools import Cache, InMemoryCache


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
