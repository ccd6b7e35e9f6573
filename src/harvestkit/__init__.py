"""harvestkit: work in Harvest safely from AI agents.

`from harvestkit import Harvest, AsyncHarvest` gives the SDK. It is imported on first use,
so commands that don't need it (the sandbox above all) start fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["AsyncHarvest", "Harvest", "HarvestError", "__version__"]

if TYPE_CHECKING:
    from harvestkit.api import AsyncHarvest, Harvest, HarvestError


def __getattr__(name: str) -> Any:
    if name in ("AsyncHarvest", "Harvest", "HarvestError"):
        from harvestkit import api

        return getattr(api, name)
    raise AttributeError(f"module 'harvestkit' has no attribute {name!r}")
