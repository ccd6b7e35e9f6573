"""`utilization` and `timesheet_gaps`: hours against weekly capacity, for managers."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field

from harvestkit.api.operations import (
    COMPANY_RETRIEVE,
    REPORTS_TIME_TEAM,
    USERS_LIST,
    USERS_ME,
)

from .._tool import PEOPLE, REPORTS, Tool, ToolContext, ToolError
from ..resolve import Me, load_me, resolve_person, today
from ._common import (
    READ,
    OutcomeInput,
    Ref,
    collect,
    hours,
    money,
    period_of,
    team_hours,
    with_answers,
)

__all__ = ["TIMESHEET_GAPS", "UTILIZATION", "workdays"]


def workdays(start: date, end: date) -> int:
    """Monday-to-Friday days from `start` to `end` inclusive (capacity is spread over them)."""
    return sum(1 for n in range((end - start).days + 1) if (start + timedelta(n)).weekday() < 5)


def _capacity(weekly_seconds: int | None, days: int) -> Decimal:
    return hours(Decimal(weekly_seconds or 0) / 3600 * days / 5)


def _managers_only(me: Me, tool: str) -> None:
    if not me.is_manager:
        raise ToolError(
            f"{tool} covers other people's hours, which only managers and administrators see",
            hint="use my_time for your own hours",
        )


class UtilizationInput(OutcomeInput):
    """Arguments of `utilization`."""

    period: str = Field(default="last month", description="e.g. 'last week', 'last month'.")
    people: list[str] | None = Field(default=None, description="Names; default: everyone.")


class PersonUtilization(BaseModel):
    """One person's hours against capacity."""

    person: Ref
    capacity_hours: Decimal
    total_hours: Decimal
    billable_hours: Decimal
    non_billable_hours: Decimal
    utilization_percent: Decimal = Field(description="Billable hours / capacity.")
    billable_percent: Decimal = Field(description="Billable hours / hours logged.")
    billable_amounts: dict[str, Decimal] = Field(description="Per currency.")
    effective_hourly_rate: Decimal | None = Field(
        default=None, description="Billable amount / hours logged (single currency only)."
    )


class UtilizationOutput(BaseModel):
    """Utilization per person and for the team."""

    start: date
    end: date
    workdays: int
    people: list[PersonUtilization]
    team: PersonUtilization


def _percent(part: Decimal, whole: Decimal) -> Decimal:
    return (part * 100 / whole).quantize(Decimal("0.1")) if whole else Decimal(0)


def _utilization(ref: Ref, capacity: Decimal, m: dict[str, Any]) -> PersonUtilization:
    amounts = {k: v for k, v in m["amounts"].items() if v}
    rate = None
    if len(amounts) == 1 and m["total"]:
        rate = money(next(iter(amounts.values())) / m["total"])
    return PersonUtilization(
        person=ref,
        capacity_hours=capacity,
        total_hours=m["total"],
        billable_hours=m["billable"],
        non_billable_hours=m["total"] - m["billable"],
        utilization_percent=_percent(m["billable"], capacity),
        billable_percent=_percent(m["billable"], m["total"]),
        billable_amounts=amounts,
        effective_hourly_rate=rate,
    )


async def utilization(ctx: ToolContext, args: UtilizationInput) -> UtilizationOutput:
    """One team report for the period; capacity spread over its workdays."""
    ctx = with_answers(ctx, args)
    me = await load_me(ctx)
    _managers_only(me, "utilization")
    period = period_of(args.period, await today(ctx), me.week_start_day)
    wanted = None
    if args.people:
        wanted = {
            (await resolve_person(ctx, name, key=f"people.{i}")).id
            for i, name in enumerate(args.people)
        }
    days = workdays(period.start, period.end)
    team = await team_hours(ctx, period.start, period.end)
    found = [
        _utilization(Ref(id=uid, name=m["name"]), _capacity(m["capacity"], days), m)
        for uid, m in sorted(team.items(), key=lambda kv: kv[1]["name"])
        if wanted is None or uid in wanted
    ]
    totals: dict[str, Any] = {"total": Decimal(0), "billable": Decimal(0), "amounts": {}}
    for p in found:
        totals["total"] += p.total_hours
        totals["billable"] += p.billable_hours
        for currency, amount in p.billable_amounts.items():
            totals["amounts"][currency] = totals["amounts"].get(currency, Decimal(0)) + amount
    capacity = sum((p.capacity_hours for p in found), Decimal(0))
    return UtilizationOutput(
        start=period.start,
        end=period.end,
        workdays=days,
        people=found,
        team=_utilization(Ref(id=0, name="team"), capacity, totals),
    )


class GapsInput(OutcomeInput):
    """Arguments of `timesheet_gaps`."""

    period: str = Field(
        default="this week", description="Usually 'this week' (up to today) or 'last week'."
    )


class Gap(BaseModel):
    """A person behind on their timesheet."""

    person: Ref
    logged_hours: Decimal
    expected_hours: Decimal
    missing_hours: Decimal


class GapsOutput(BaseModel):
    """Who has logged less than their capacity so far."""

    start: date
    end: date
    workdays_so_far: int
    gaps: list[Gap]
    people_checked: int


async def timesheet_gaps(ctx: ToolContext, args: GapsInput) -> GapsOutput:
    """Capacity to date (workdays so far) minus hours logged, for every active person the
    caller manages, including people who logged nothing."""
    me = await load_me(ctx)
    _managers_only(me, "timesheet_gaps")
    day = await today(ctx)
    period = period_of(args.period, day, me.week_start_day)
    end = min(period.end, day)
    if end < period.start:
        raise ToolError("that period has not started yet")
    days = workdays(period.start, end)
    people = await collect(ctx.harvest, USERS_LIST, is_active=True)
    logged = await team_hours(ctx, period.start, end)
    gaps = []
    for u in people:
        expected = _capacity(u.weekly_capacity, days)
        have = logged.get(u.id, {}).get("total", Decimal(0))
        if have < expected:
            gaps.append(
                Gap(
                    person=Ref(id=u.id, name=f"{u.first_name or ''} {u.last_name or ''}".strip()),
                    logged_hours=have,
                    expected_hours=expected,
                    missing_hours=expected - have,
                )
            )
    gaps.sort(key=lambda g: -g.missing_hours)
    return GapsOutput(
        start=period.start, end=end, workdays_so_far=days, gaps=gaps, people_checked=len(people)
    )


UTILIZATION = Tool(
    name="utilization",
    title="Utilization against capacity",
    description=(
        "Billable and non-billable hours per person and for the team over a period, against "
        "weekly capacity spread over the period's workdays, with utilization %, billable % and "
        "effective hourly rate. Use it when a manager asks who is busy, under-used or how much "
        "an hour of work earns. Example: period='last month'."
    ),
    toolset=REPORTS,
    input_model=UtilizationInput,
    output_model=UtilizationOutput,
    annotations=READ,
    operations=(USERS_ME, COMPANY_RETRIEVE, USERS_LIST, REPORTS_TIME_TEAM),
    handler=utilization,
    default=True,
    kind="outcome",
)

TIMESHEET_GAPS = Tool(
    name="timesheet_gaps",
    title="Timesheet gaps",
    description=(
        "Who has logged less than their capacity so far this week (or another period): logged, "
        "expected (capacity over the workdays so far) and missing hours, biggest gap first. Use "
        "it when a manager wants to chase missing timesheets. Example: period='last week'."
    ),
    toolset=PEOPLE,
    input_model=GapsInput,
    output_model=GapsOutput,
    annotations=READ,
    operations=(USERS_ME, COMPANY_RETRIEVE, USERS_LIST, REPORTS_TIME_TEAM),
    handler=timesheet_gaps,
    default=False,
    kind="outcome",
)
