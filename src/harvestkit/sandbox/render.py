"""JSON value formats Harvest uses (API-NOTES §7)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal


def ts(value: datetime | None) -> str | None:
    """UTC timestamp, second precision, `Z` suffix."""
    return None if value is None else value.strftime("%Y-%m-%dT%H:%M:%SZ")


def day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def num(value: Decimal | int | float | None) -> float | None:
    """Money, hours and rates are JSON numbers (`288.9`, `5000.0`)."""
    return None if value is None else float(value)


def money(value: Decimal) -> Decimal:
    """Round to cents, half up (Harvest's rounding of odd cents is unconfirmed)."""
    return value.quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")


def rounded(hours: Decimal, increment_minutes: int | None) -> Decimal:
    """`rounded_hours`: the account's Time Rounding, up to the next increment (the docs'
    examples round up to 15 minutes: 2.11 → 2.25); unchanged when rounding is off."""
    if not increment_minutes:
        return hours
    step = Decimal(increment_minutes) / Decimal(60)
    units = (hours / step).to_integral_value(rounding="ROUND_CEILING")
    return (units * step).quantize(Decimal("0.01"))
