"""When a budget runs out at the current pace, and whether that is a warning.

One public function, `forecast`, so every tool that speaks of run-out (budget status, the
watches built on it) says the same thing for the same figures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

__all__ = ["DEFAULT_HORIZON_WEEKS", "Forecast", "forecast"]

DEFAULT_HORIZON_WEEKS = 4
"""A run-out within this many weeks warns, whatever the project's end date."""


@dataclass(frozen=True)
class Forecast:
    """Run-out at the pace of recent weeks.

    `weeks_remaining` and `run_out` are None when nothing burns (the budget never runs out
    at this pace); `run_out` is today when nothing remains.
    """

    burn_per_week: Decimal
    weeks_remaining: Decimal | None
    run_out: date | None
    warns: bool
    message: str


def _about(weeks: Decimal) -> str:
    if weeks < 1:
        return "less than a week"
    whole = int(weeks.to_integral_value())
    return f"about {whole} week" + ("s" if whole != 1 else "")


def _day(day: date) -> str:
    return f"{day.day} {day.strftime('%B')}"


def forecast(
    remaining: Decimal,
    weekly: list[Decimal],
    today: date,
    *,
    ends_on: date | None = None,
    horizon_weeks: int = DEFAULT_HORIZON_WEEKS,
) -> Forecast:
    """Average `weekly` (what each recent full week consumed) into a burn rate, project the
    day `remaining` is used up, and warn when that day falls within `horizon_weeks` of
    `today` or before `ends_on` (the project's end, or the month's end for a monthly
    budget)."""
    burn = (
        (sum(weekly, Decimal(0)) / len(weekly)).quantize(Decimal("0.01")) if weekly else Decimal(0)
    )
    if remaining <= 0:
        return Forecast(burn, Decimal(0), today, True, "the budget is used up")
    if burn <= 0:
        return Forecast(burn, None, None, False, "nothing was spent in the recent weeks")
    weeks_left = (remaining / burn).quantize(Decimal("0.1"))
    run_out = today + timedelta(days=math.ceil(remaining / burn * 7))
    horizon = today + timedelta(weeks=horizon_weeks)
    before_end = ends_on is not None and run_out <= ends_on
    warns = run_out <= horizon or before_end
    message = f"at this pace the budget runs out in {_about(weeks_left)}, on {_day(run_out)}"
    if before_end and ends_on is not None:
        message += f", before the end on {_day(ends_on)}"
    elif not warns:
        message += f"; that is past the {horizon_weeks}-week horizon"
        if ends_on is not None:
            message += f" and the end on {_day(ends_on)}"
    return Forecast(burn, weeks_left, run_out, warns, message)
