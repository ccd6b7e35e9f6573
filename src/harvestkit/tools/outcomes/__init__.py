"""Outcome tools: what people ask for, in their words — names, dates and durations — resolved
safely and done whole."""

from __future__ import annotations

from .._tool import Tool
from .budget import BUDGET_STATUS
from .log_time import LOG_TIME
from .time_reports import MY_TIME, TEAM_TIME
from .timers import CURRENT_TIMER, START_TIMER, STOP_TIMER

__all__ = ["OUTCOME_TOOLS"]

OUTCOME_TOOLS: tuple[Tool, ...] = (
    LOG_TIME,
    START_TIMER,
    STOP_TIMER,
    CURRENT_TIMER,
    MY_TIME,
    TEAM_TIME,
    BUDGET_STATUS,
)
"""Every outcome tool, in catalog order."""
