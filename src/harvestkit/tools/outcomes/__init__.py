"""Outcome tools: what people ask for, in their words — names, dates and durations — resolved
safely and done whole."""

from __future__ import annotations

from .._tool import Tool
from .log_time import LOG_TIME

__all__ = ["OUTCOME_TOOLS"]

OUTCOME_TOOLS: tuple[Tool, ...] = (LOG_TIME,)
"""Every outcome tool, in catalog order."""
