"""Data a new sandbox starts with: `empty` (the account and its administrator) or `demo`
(a believable agency with six months of history)."""

from __future__ import annotations

from .base import BaseSeed, seed_base

SEEDS = ("demo", "empty")

__all__ = ["SEEDS", "BaseSeed", "seed_base"]
