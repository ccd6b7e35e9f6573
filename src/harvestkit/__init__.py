"""harvestkit: work in Harvest safely from AI agents."""

from harvestkit.api import AsyncHarvest, Harvest, HarvestError

__version__ = "0.1.0"

__all__ = ["AsyncHarvest", "Harvest", "HarvestError", "__version__"]
