"""`my_time` and `team_time`: entries and totals over a period, billable and non-billable."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field

from harvestkit.api.operations import (
    COMPANY_RETRIEVE,
    REPORTS_TIME_TEAM,
    TIME_ENTRIES_LIST,
    USERS_LIST,
    USERS_ME,
)
from harvestkit.api.types import TimeEntry

from .._tool import REPORTS, TIME, Tool, ToolContext, ToolError
from ..resolve import load_me, people, resolve_person, today
from ._common import READ, OutcomeInput, Ref, hours, period_of, sent, team_hours, with_answers

__all__ = ["MY_TIME", "TEAM_TIME", "Totals"]

PAGE = 50


class Totals(BaseModel):
    """Hours over a period."""

    total_hours: Decimal
    billable_hours: Decimal
    non_billable_hours: Decimal


def _totals(total: Decimal, billable: Decimal) -> Totals:
    return Totals(
        total_hours=hours(total),
        billable_hours=hours(billable),
        non_billable_hours=hours(total - billable),
    )


class ProjectTotals(Totals):
    """Hours on one project."""

    project: Ref


class Entry(BaseModel):
    """One time entry."""

    id: int
    spent_date: date
    project: Ref
    task: Ref
    hours: Decimal
    billable: bool
    notes: str | None = None
    is_running: bool = False


class MyTimeInput(OutcomeInput):
    """Arguments of `my_time`."""

    period: str = Field(
        default="this week",
        description="'today', 'yesterday', 'this week', 'last week', 'last month', "
        "'2026-11-01..2026-11-15'.",
    )
    person: str | None = Field(
        default=None, description="Managers: whose time (name). Default: your own."
    )
    cursor: str | None = Field(default=None, description="next_cursor from a previous call.")


class MyTimeOutput(BaseModel):
    """Entries and totals for one person over a period."""

    person: Ref
    start: date
    end: date
    totals: Totals
    by_project: list[ProjectTotals]
    entries: list[Entry]
    total_entries: int
    next_cursor: str | None = None


def _entry(e: TimeEntry, detailed: bool) -> Entry:
    return Entry(
        id=e.id,
        spent_date=e.spent_date,
        project=Ref.of(e.project),
        task=Ref.of(e.task),
        hours=hours(e.hours),
        billable=bool(e.billable),
        notes=e.notes if detailed else None,
        is_running=bool(e.is_running),
    )


async def my_time(ctx: ToolContext, args: MyTimeInput) -> MyTimeOutput:
    """Follow every page of the person's entries in the period; return totals and one page."""
    me = await load_me(ctx)
    period = period_of(args.period, await today(ctx), me.week_start_day)
    person = await resolve_person(ctx, args.person, key="person")
    offset = int(args.cursor) if args.cursor and args.cursor.isdigit() else 0
    seen = await _stream_entries(ctx, person.id, period.start, period.end, keep=offset + PAGE)
    project_totals = [
        ProjectTotals(project=Ref(id=pid, name=name), **_totals(total, billable).model_dump())
        for pid, (name, total, billable) in seen.by_project.items()
    ]
    project_totals.sort(key=lambda p: -p.total_hours)
    window = seen.first()[offset : offset + PAGE]
    following = offset + PAGE
    return MyTimeOutput(
        person=Ref(id=person.id, name=person.label),
        start=period.start,
        end=period.end,
        totals=_totals(seen.total, seen.billable),
        by_project=project_totals,
        entries=[_entry(e, args.response_format == "detailed") for e in window],
        total_entries=seen.count,
        next_cursor=str(following) if following < seen.count else None,
    )


@dataclass
class _Seen:
    """What `my_time` keeps of a period's entries, read page by page: the totals, and the
    earliest `keep` entries (for the page asked for), never the whole period."""

    keep: int
    count: int = 0
    total: Decimal = Decimal(0)
    billable: Decimal = Decimal(0)
    by_project: dict[int, tuple[str, Decimal, Decimal]] = field(default_factory=dict)
    _earliest: list[tuple[int, int, Any]] = field(default_factory=list)
    """A max-heap (negated keys) of the `keep` entries earliest by (date, id)."""

    def add(self, e: TimeEntry) -> None:
        self.count += 1
        spent, billed = hours(e.hours), hours(e.hours) if e.billable else Decimal(0)
        self.total += spent
        self.billable += billed
        project = Ref.of(e.project)
        name, total, billable = self.by_project.get(
            project.id, (project.name, Decimal(0), Decimal(0))
        )
        self.by_project[project.id] = (name, total + spent, billable + billed)
        item = (-sent(e.spent_date).toordinal(), -e.id, e)
        if len(self._earliest) < self.keep:
            heapq.heappush(self._earliest, item)
        elif item[:2] > self._earliest[0][:2]:
            heapq.heapreplace(self._earliest, item)

    def first(self) -> list[Any]:
        """The kept entries, earliest first."""
        return [e for _, _, e in sorted(self._earliest, key=lambda i: (-i[0], -i[1]))]


async def _stream_entries(
    ctx: ToolContext, user_id: int, start: date, end: date, *, keep: int
) -> _Seen:
    seen = _Seen(keep)
    async for e in ctx.harvest.paginate(TIME_ENTRIES_LIST, user_id=user_id, from_=start, to=end):
        seen.add(e)
    return seen


class TeamTimeInput(OutcomeInput):
    """Arguments of `team_time`."""

    period: str = Field(default="this week", description="As for my_time.")
    people: list[str] | None = Field(
        default=None, description="Names of the people to include. Default: everyone."
    )


class PersonTotals(Totals):
    """Hours of one person."""

    person: Ref
    weekly_capacity_hours: Decimal | None = None


class TeamTimeOutput(BaseModel):
    """Hours per person over a period, from Harvest's team time report."""

    start: date
    end: date
    totals: Totals
    people: list[PersonTotals]


async def team_time(ctx: ToolContext, args: TeamTimeInput) -> TeamTimeOutput:
    """One report request for the period; optional filter by names."""
    ctx = with_answers(ctx, args)
    me = await load_me(ctx)
    if not me.is_manager:
        raise ToolError(
            "team_time shows other people's hours, which members can't see",
            hint="use my_time for your own hours",
        )
    period = period_of(args.period, await today(ctx), me.week_start_day)
    wanted: set[int] | None = None
    if args.people:
        await people(ctx)
        wanted = {
            (await resolve_person(ctx, name, key=f"people.{i}")).id
            for i, name in enumerate(args.people)
        }
    merged = await team_hours(ctx, period.start, period.end)
    found = [
        PersonTotals(
            person=Ref(id=uid, name=m["name"]),
            weekly_capacity_hours=hours(Decimal(m["capacity"]) / 3600) if m["capacity"] else None,
            **_totals(m["total"], m["billable"]).model_dump(),
        )
        for uid, m in merged.items()
        if wanted is None or uid in wanted
    ]
    found.sort(key=lambda p: p.person.name)
    return TeamTimeOutput(
        start=period.start,
        end=period.end,
        totals=_totals(
            sum((p.total_hours for p in found), Decimal(0)),
            sum((p.billable_hours for p in found), Decimal(0)),
        ),
        people=found,
    )


MY_TIME = Tool(
    name="my_time",
    title="My time over a period",
    description=(
        "Your time entries and totals (billable / non-billable, per project) over a period such "
        "as 'this week', 'last month' or '2026-11-01..2026-11-15', in your time zone and the "
        "company's week. Use it when someone asks what they (or, for managers, a person they "
        "manage) logged. Entries come 50 per page; pass next_cursor back as cursor. Example: "
        "period='last week'."
    ),
    toolset=TIME,
    input_model=MyTimeInput,
    output_model=MyTimeOutput,
    annotations=READ,
    operations=(USERS_ME, COMPANY_RETRIEVE, USERS_LIST, TIME_ENTRIES_LIST),
    handler=my_time,
    default=True,
    kind="outcome",
)

TEAM_TIME = Tool(
    name="team_time",
    title="Team time over a period",
    description=(
        "Hours per person over a period, billable and non-billable, with weekly capacity, from "
        "one report request. Use it when a manager or administrator asks how much the team "
        "logged; members get an error pointing to my_time. Example: period='last week', "
        "people=['Dana', 'Ethan']."
    ),
    toolset=REPORTS,
    input_model=TeamTimeInput,
    output_model=TeamTimeOutput,
    annotations=READ,
    operations=(USERS_ME, COMPANY_RETRIEVE, USERS_LIST, REPORTS_TIME_TEAM),
    handler=team_time,
    default=True,
    kind="outcome",
)
