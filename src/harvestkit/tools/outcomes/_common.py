"""Pieces every outcome tool shares: the base input model, references with names, money and
hour arithmetic, and helpers that read whole lists."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from harvestkit.api import AsyncHarvest
from harvestkit.api.operations import INVOICE_ITEM_CATEGORIES_LIST, REPORTS_TIME_TEAM, Operation

from .._tool import Annotations, ResponseFormat, ToolContext, ToolError
from ..timeframes import Period, parse_period

__all__ = [
    "READ",
    "WRITE",
    "OutcomeInput",
    "Ref",
    "collect",
    "hours",
    "item_kinds",
    "money",
    "period_of",
    "sent",
    "team_hours",
    "with_answers",
]

R = TypeVar("R")
T = TypeVar("T")

READ = Annotations(read_only=True, destructive=False, idempotent=True, open_world=True)
"""Reads Harvest and changes nothing."""
WRITE = Annotations(read_only=False, destructive=False, idempotent=False, open_world=True)
"""Creates records in Harvest."""

_CENT = Decimal("0.01")


class OutcomeInput(BaseModel):
    """Fields every outcome tool takes.

    A client that cannot elicit answers a question by calling again with the question's key
    as an extra argument (`"entries.0.project": "14307913"`); keys of nested questions contain
    a dot, so those are the only extra arguments accepted. `with_answers` hands them to
    `ctx.ask`.
    """

    model_config = ConfigDict(extra="allow")

    response_format: ResponseFormat = Field(
        default="concise",
        description="detailed: every field.",
    )

    @model_validator(mode="after")
    def _only_answer_keys(self) -> OutcomeInput:
        unknown = [key for key in self.model_extra or {} if "." not in key]
        if unknown:
            raise ValueError(f"unknown argument(s): {', '.join(sorted(unknown))}")
        return self


def with_answers(ctx: ToolContext, args: OutcomeInput) -> ToolContext:
    """`ctx` with answers given as extra arguments added to the ones the transport holds."""
    extra = dict(args.model_extra or {})
    if not extra:
        return ctx
    return replace(ctx, answers={**extra, **ctx.answers})


class Named(Protocol):
    """A reference Harvest sends inside another record (`NamedRef` and its kin)."""

    @property
    def id(self) -> int | None: ...
    @property
    def name(self) -> str | None: ...


class Ref(BaseModel):
    """A Harvest record named beside its id."""

    id: int
    name: str

    @classmethod
    def of(cls, ref: Named | None) -> Ref:
        """A reference as Harvest sent it inside another record (a time entry's `task`)."""
        found = sent(ref)
        return cls(id=sent(found.id), name=found.name or "")


def sent(value: T | None) -> T:
    """A field Harvest always sends. The SDK's models leave every field optional, as
    Harvest's own reference does; a record without one cannot be read on."""
    if value is None:
        raise ToolError(
            "Harvest sent a record without a field it always carries",
            hint="try again; if it persists, the record may be damaged in Harvest",
        )
    return value


def hours(value: Decimal | float | int | None) -> Decimal:
    """Hours to two decimals (Harvest's precision)."""
    return Decimal(str(value or 0)).quantize(_CENT, rounding=ROUND_HALF_UP)


def money(value: Decimal | float | int | None) -> Decimal:
    """An amount to cents."""
    return Decimal(str(value or 0)).quantize(_CENT, rounding=ROUND_HALF_UP)


def period_of(text: str, today: date, week_start_day: str) -> Period:
    """A period from what a person said, as a `ToolError` the agent can fix when unreadable."""
    try:
        period = parse_period(text, today, week_start_day)
    except ValueError as exc:
        hint = "e.g. 'this week', 'last month', '2026-11-01..2026-11-15'"
        raise ToolError(str(exc), hint=hint) from None
    if period.days > 366:
        raise ToolError(
            f"period {text!r} spans {period.days} days; Harvest reports cover at most a year",
            hint="ask for a shorter period",
        )
    return period


async def collect(h: AsyncHarvest, op: Operation[R], /, **args: Any) -> list[R]:
    """Every item of a list operation, across every page."""
    return [item async for item in h.paginate(op, **args)]


async def team_hours(ctx: ToolContext, start: date, end: date) -> dict[int, dict[str, Any]]:
    """Per user, from the team time report: name, weekly capacity (seconds), total and
    billable hours, and billable amounts per currency (the report splits a person per
    currency; hours are summed back together, money is kept apart)."""
    rows = await collect(ctx.harvest, REPORTS_TIME_TEAM, from_=start, to=end)
    merged: dict[int, dict[str, Any]] = {}
    for r in rows:
        m = merged.setdefault(
            r.user_id or 0,
            {
                "name": r.user_name or "",
                "capacity": r.weekly_capacity,
                "total": Decimal(0),
                "billable": Decimal(0),
                "amounts": {},
            },
        )
        m["total"] += hours(r.total_hours)
        m["billable"] += hours(r.billable_hours)
        currency = r.currency or ""
        m["amounts"][currency] = m["amounts"].get(currency, Decimal(0)) + money(r.billable_amount)
    return merged


async def item_kinds(ctx: ToolContext) -> tuple[frozenset[str], frozenset[str]]:
    """Names of the invoice item categories used for time (service) and for expenses;
    Harvest's `line_items_import` files lines under these, so they tell the two apart."""

    async def load() -> tuple[frozenset[str], frozenset[str]]:
        rows = await collect(ctx.harvest, INVOICE_ITEM_CATEGORIES_LIST)
        service = frozenset(c.name or "" for c in rows if c.use_as_service)
        expense = frozenset(c.name or "" for c in rows if c.use_as_expense)
        return service or frozenset({"Service"}), expense or frozenset({"Product"})

    return await ctx.cached("invoice_item_kinds", load)
