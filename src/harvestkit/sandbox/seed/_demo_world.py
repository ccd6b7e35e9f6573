"""The demo seed's working state: the rows being built, their ids, and the calendar."""

from __future__ import annotations

import random
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from .. import tables
from ..timezones import zone_for
from ._demo_catalog import EASTERN, HISTORY_DAYS
from ._demo_staff import PersonSpec, staff

Row = dict[str, Any]


@dataclass
class RateHistory:
    """A person's dated rates, oldest first: the amount in force on a day."""

    starts: list[date] = field(default_factory=list)
    amounts: list[Decimal] = field(default_factory=list)

    def add(self, start: date, amount: Decimal) -> None:
        self.starts.append(start)
        self.amounts.append(amount)

    def on(self, day: date) -> Decimal | None:
        index = bisect_right(self.starts, day) - 1
        return self.amounts[index] if index >= 0 else None


@dataclass
class World:
    """Everything the seed has made so far, keyed by table name."""

    rng: random.Random
    today: date  # the company's calendar (New York)
    start: date  # first day of the history
    end: date  # last day of the history: yesterday
    people: tuple[PersonSpec, ...]
    rows: dict[str, list[Row]] = field(default_factory=dict)
    next_ids: dict[str, int] = field(default_factory=dict)
    clients: dict[str, Row] = field(default_factory=dict)
    projects: dict[str, Row] = field(default_factory=dict)
    tasks: dict[str, Row] = field(default_factory=dict)
    users: dict[str, Row] = field(default_factory=dict)
    user_assignments: dict[tuple[str, str], Row] = field(default_factory=dict)
    task_assignments: dict[tuple[str, str], Row] = field(default_factory=dict)
    billable_rates: dict[str, RateHistory] = field(default_factory=dict)
    cost_rates: dict[str, RateHistory] = field(default_factory=dict)

    @classmethod
    def begin(cls, today: datetime, random_seed: int, scale: int = 1) -> World:
        local_today = today.astimezone(zone_for(EASTERN)).date()
        end = local_today - timedelta(days=1)
        start = end - timedelta(days=HISTORY_DAYS)
        return cls(random.Random(random_seed), local_today, start, end, staff(scale))

    def add(self, table: str, row: Row) -> Row:
        """Give the row the table's next id and keep it for insertion."""
        row_id = self.next_ids.get(table, tables.ID_FLOORS[table])
        self.next_ids[table] = row_id + 1
        row["id"] = row_id
        self.rows.setdefault(table, []).append(row)
        return row

    def keep(self, table: str, row: Row) -> Row:
        """A row without an id of its own (link tables)."""
        self.rows.setdefault(table, []).append(row)
        return row

    def day(self, offset: int) -> date:
        """The date `offset` days after the start of the history."""
        return self.start + timedelta(days=offset)

    def offset(self, day: date) -> int:
        return (day - self.start).days

    def key(self) -> str:
        """A 40-hex key like Harvest's `client_key`, from the seed's randomness."""
        return f"{self.rng.getrandbits(160):040x}"


def at(day: date, hour: float, zone: str = EASTERN) -> datetime:
    """Naive UTC for a local wall-clock hour on a day (as the store keeps timestamps)."""
    local = datetime.combine(day, time(), zone_for(zone)) + timedelta(seconds=round(hour * 3600))
    return local.astimezone(UTC).replace(tzinfo=None)


def weekdays(first: date, last: date) -> list[date]:
    days = []
    current = first
    while current <= last:
        if current.weekday() < 5:
            days.append(current)
        current += timedelta(days=1)
    return days


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)
