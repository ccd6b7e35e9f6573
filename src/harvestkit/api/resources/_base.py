"""Base classes of the resource namespaces (``h.time_entries``, ``h.invoices.payments``).

The generated resource modules subclass these: each method names its operation table row
and hands its arguments to the client's request core.
"""

from __future__ import annotations

from .._async_core import AsyncCore
from .._sync_core import SyncCore

__all__ = ["AsyncAPIResource", "SyncAPIResource"]


class SyncAPIResource:
    """Holds the client's request core; methods name their operation table row."""

    def __init__(self, core: SyncCore) -> None:
        self._core = core


class AsyncAPIResource:
    """Async twin of ``SyncAPIResource``."""

    def __init__(self, core: AsyncCore) -> None:
        self._core = core
