"""Starting a server without the cyclic garbage collector.

A server's start-up makes some 200,000 objects that live as long as the process: modules,
classes, pydantic's validators and the MCP SDK's types. The collector walks all of them
several times while they are made (three full collections, a fifth of the time from spawn
to the first `tools/list`) and finds almost nothing to free: a few thousand objects in all.
So it is paused while the server assembles itself; then what start-up made is frozen
(`gc.freeze`: never examined again) and the collector runs as usual on what comes after.
(Over HTTP, `harvestkit.mcp.freeze_startup_heap` then collects and freezes the little the
web server made while starting.)
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection inside; afterwards everything made so far is frozen and the
    collector is back as it was (also when the block raises)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
