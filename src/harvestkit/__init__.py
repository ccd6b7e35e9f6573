"""harvestkit: work in Harvest safely from AI agents."""

__version__ = "0.1.0"
