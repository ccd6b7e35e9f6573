"""A server assembles itself with the cyclic collector paused, then freezes what it made."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from harvestkit.cli._startup import collector_paused


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()
    else:
        gc.disable()


def test_no_collection_inside_then_start_up_is_frozen() -> None:
    gc.enable()
    frozen_before = gc.get_freeze_count()
    with collector_paused():
        assert not gc.isenabled()
        made = [[] for _ in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen_before + len(made)


def test_the_collector_comes_back_when_start_up_fails() -> None:
    gc.enable()
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("no credential")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()
