"""`log_time`: "4 hours on the Williams account and 2 hours on internal training"."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field

from harvestkit.api import AsyncHarvest, PermissionDeniedError
from harvestkit.api.operations import (
    COMPANY_RETRIEVE,
    PROJECTS_LIST,
    PROJECTS_RETRIEVE,
    REPORTS_PROJECT_BUDGET,
    TIME_ENTRIES_CREATE,
    TIME_ENTRIES_CREATE_BY_TIMES,
    TIME_ENTRIES_LIST,
    USERS_ME,
    USERS_PROJECT_ASSIGNMENTS_LIST_MINE,
)
from harvestkit.api.types import TimeEntry

from .._names import normalize
from .._tool import TIME, Detail, Question, Tool, ToolContext, ToolError
from ..resolve import (
    Me,
    ProjectOption,
    TaskOption,
    load_me,
    my_projects,
    resolve_project,
    resolve_task,
    today,
)
from ..timeframes import format_clock, parse_date, parse_duration, parse_time_range
from ._batch import REQUEST_ID_PATTERN, Batch, NotWritten, new_request_id
from ._common import WRITE, OutcomeInput, Ref, collect, hours, with_answers

__all__ = [
    "LOG_TIME",
    "BudgetWarning",
    "LogTimeInput",
    "LogTimeOutput",
    "budget_warnings",
    "notification_threshold",
]


class EntryRequest(BaseModel):
    """One entry as a person says it."""

    project: str = Field(description="Project name, code, client name, or id.")
    task: str | None = Field(
        default=None, description="Task name or id; optional when the project has one task."
    )
    duration: str = Field(
        description="'4h', 'four hours', '1h30', '1:30', '90 minutes', 'half an hour', "
        "'half a day', or '9:00-10:30'."
    )
    date: str = Field(
        default="today",
        description="'today', 'yesterday', 'last Friday', 'Dec 3', '3 Dec', or 2026-11-20.",
    )
    notes: str | None = None


class LogTimeInput(OutcomeInput):
    """Arguments of `log_time`."""

    entries: list[EntryRequest] = Field(min_length=1, max_length=25)
    confirm: bool = Field(
        default=False,
        description="true: log even where an identical entry already exists, or on a future date.",
    )
    request_id: str | None = Field(
        default=None,
        pattern=REQUEST_ID_PATTERN,
        description="Leave out, except to finish a call that logged only part of its entries: "
        "pass the request_id it returned, with the same entries; those already logged are "
        "not logged again.",
    )


class LoggedEntry(BaseModel):
    """What was logged."""

    id: int
    project: Ref
    task: Ref
    client: Ref | None = None
    spent_date: date
    hours: Decimal
    billable: bool
    notes: str | None = None
    started_time: str | None = None
    ended_time: str | None = None
    logged_before: bool = Field(
        default=False, description="true: an earlier call with this request_id logged it."
    )


class BudgetWarning(BaseModel):
    """A project this logging takes past its budget or its notification threshold."""

    project: Ref
    kind: str = Field(description="'over_budget' or 'notification_threshold'.")
    budget: Decimal
    spent: Decimal
    unit: str = Field(description="'hours' or the currency amount.")
    percent_used: Decimal


class LogTimeOutput(BaseModel):
    """Result of `log_time`."""

    logged: list[LoggedEntry]
    total_hours: Decimal
    warnings: list[BudgetWarning] = []
    not_logged: list[NotWritten] = Field(
        default=[], description="Entries not logged, with why; empty when all were."
    )
    request_id: str = Field(description="Pass it back to finish a partly logged call.")
    next_step: str | None = Field(default=None, description="What to do about not_logged.")


@dataclass(frozen=True)
class _Plan:
    project: ProjectOption
    task: TaskOption
    spent_date: date
    hours: Decimal
    times: tuple[str, str] | None
    notes: str | None


def _plan_one(
    ctx: ToolContext, i: int, req: EntryRequest, me: Me, projects: Any, day: date
) -> _Plan:
    said, task_said = _project_and_task(req, projects)
    project = resolve_project(ctx, said, projects, key=f"entries.{i}.project", task=task_said)
    task = resolve_task(ctx, task_said, project, key=f"entries.{i}.task")
    try:
        spent = parse_date(req.date, day)
        amount = parse_duration(req.duration, day_length(me))
    except ValueError as exc:
        raise ToolError(f"entries[{i}]: {exc}") from None
    times = None
    if me.timestamp_mode:
        try:
            start, end = parse_time_range(req.duration)
        except ValueError:
            raise ToolError(
                f"entries[{i}]: this account tracks start and end times",
                hint="give the duration as a time range, e.g. '9:00-13:00'",
            ) from None
        times = (format_clock(*start, me.clock), format_clock(*end, me.clock))
    return _Plan(
        project=project, task=task, spent_date=spent, hours=amount, times=times, notes=req.notes
    )


def _project_and_task(req: EntryRequest, projects: Any) -> tuple[str, str | None]:
    """ "Williams, Development" said as the project: the project, and the task after the
    comma when some project has a task of that name."""
    if req.task or "," not in req.project:
        return req.project, req.task
    head, tail = (part.strip() for part in req.project.rsplit(",", 1))
    wanted = normalize(tail)
    if head and any(normalize(t.name) == wanted for p in projects for t in p.tasks):
        return head, tail
    return req.project, req.task


async def _unassigned(ctx: ToolContext, i: int, said: str) -> ToolError | None:
    """When `said` is exactly the name of a project the caller is not assigned to (as far as
    they may list projects), say so rather than offer other projects."""
    try:
        every = await collect(ctx.harvest, PROJECTS_LIST, is_active=True)
    except PermissionDeniedError:
        return None
    wanted = normalize(said)
    for p in every:
        if normalize(p.name or "") == wanted or normalize(p.code or "") == wanted:
            return ToolError(
                f"entries[{i}]: you are not assigned to project {p.id}; nothing was logged",
                hint="ask the project's manager to assign you, or name another project",
                details=(Detail("project", p.name or ""),),
            )
    return None


def day_length(me: Me) -> Decimal | None:
    """The person's working day in hours (a fifth of their weekly capacity), for "half a
    day"; None when Harvest has no capacity for them."""
    if not me.weekly_capacity:
        return None
    return (Decimal(me.weekly_capacity) / 3600 / 5).quantize(Decimal("0.01"))


DAY = Decimal(24)


def _over_a_day(plans: list[_Plan], skip: set[int], existing: list[Any]) -> ToolError | None:
    """An error when a day would hold more than 24 hours: what is already logged that day
    plus what this call adds."""
    adding: dict[date, Decimal] = {}
    for i, plan in enumerate(plans):
        if i not in skip:
            adding[plan.spent_date] = adding.get(plan.spent_date, Decimal(0)) + plan.hours
    for day, more in sorted(adding.items()):
        logged = sum((hours(e.hours) for e in existing if e.spent_date == day), Decimal(0))
        if logged + more > DAY:
            return ToolError(
                f"{day} would hold {logged + more} h ({logged} h already logged, {more} h in "
                "this call); a day has 24 hours; nothing was logged",
                hint="check the durations, or the date of each entry",
            )
    return None


def _future(ctx: ToolContext, i: int, plan: _Plan, day: date) -> None:
    """Ask before logging on a day that has not come yet (usually a misread date)."""
    ahead = (plan.spent_date - day).days
    yes = ctx.ask(
        Question(
            key=f"entries.{i}.future",
            kind="confirm",
            message=(
                f"{plan.spent_date} is in the future ({ahead} day(s) from today, {day}). "
                f"Log {plan.hours} h on that day?"
            ),
            details=_duplicate_details(plan),
        )
    )
    if not yes:
        raise ToolError(
            f"entries[{i}] is dated {plan.spent_date}, after today; nothing was logged",
            hint="give the day it was worked, or pass confirm: true to log it on that date",
        )


async def _existing(h: AsyncHarvest, user_id: int, days: set[date]) -> list[Any]:
    return await collect(h, TIME_ENTRIES_LIST, user_id=user_id, from_=min(days), to=max(days))


def _is_duplicate(plan: _Plan, entry: TimeEntry) -> bool:
    return (
        entry.spent_date == plan.spent_date
        and entry.project is not None
        and entry.project.id == plan.project.id
        and entry.task is not None
        and entry.task.id == plan.task.id
        and hours(entry.hours) == plan.hours
        and (entry.notes or "") == (plan.notes or "")
    )


def _duplicate_details(plan: _Plan) -> tuple[Detail, ...]:
    """The names the person knows the entry by, for the duplicate question."""
    client = plan.project.client_name
    return (
        Detail("project", plan.project.name),
        *((Detail("client", client),) if client else ()),
        Detail("task", plan.task.name),
    )


DEFAULT_THRESHOLD = Decimal(80)
"""Harvest's default over-budget notification percentage."""


async def notification_threshold(ctx: ToolContext, project_id: int) -> Decimal:
    """The project's over-budget notification percentage (cached as reference data). Only
    its managers may read project settings; everyone else gets Harvest's default."""

    async def load() -> Decimal:
        try:
            project = await ctx.harvest.call(PROJECTS_RETRIEVE, project_id=project_id)
        except PermissionDeniedError:
            return DEFAULT_THRESHOLD
        value = project.over_budget_notification_percentage
        return Decimal(str(value)) if value is not None else DEFAULT_THRESHOLD

    threshold: Decimal = await ctx.cached(f"threshold:{project_id}", load)
    return threshold


@dataclass
class _BudgetSnapshot:
    """The project budget report as last fetched, plus the hours this client has logged
    since. Reports have Harvest's scarcest window (100 per 15 minutes), so a warm log_time
    reuses the report for the reference-data TTL instead of asking again."""

    rows: list[Any]
    logged: dict[int, Decimal] = field(default_factory=dict)


async def _budget_snapshot(ctx: ToolContext) -> _BudgetSnapshot | None:
    async def load() -> _BudgetSnapshot | bool:
        try:
            return _BudgetSnapshot(
                await collect(ctx.harvest, REPORTS_PROJECT_BUDGET, is_active=True)
            )
        except PermissionDeniedError:
            return False  # cached too: people who can't read it need not ask every time

    snapshot = await ctx.cached("project_budget_report", load)
    return snapshot if isinstance(snapshot, _BudgetSnapshot) else None


async def budget_warnings(
    ctx: ToolContext, added: dict[int, Decimal], snapshot: _BudgetSnapshot | None
) -> list[BudgetWarning]:
    """Warnings for projects whose hour budget `added` hours push past the threshold or
    the budget. Needs the project budget report; people who can't read it get none."""
    if not added or snapshot is None:
        return []
    warnings = []
    for row in snapshot.rows:
        extra = added.get(row.project_id or 0)
        if extra is None or row.budget_by not in ("project", "task", "person") or not row.budget:
            continue
        spent = hours(row.budget_spent) + snapshot.logged.get(row.project_id or 0, Decimal(0))
        budget, before = hours(row.budget), spent
        after = before + extra
        percent = (after * 100 / budget).quantize(Decimal("0.1"))
        ref = Ref(id=row.project_id or 0, name=row.project_name or "")
        threshold = await notification_threshold(ctx, ref.id)
        if after > budget:
            kind = "over_budget"
        elif percent >= threshold and before * 100 / budget < threshold:
            kind = "notification_threshold"
        else:
            continue
        warnings.append(
            BudgetWarning(
                project=ref,
                kind=kind,
                budget=budget,
                spent=after,
                unit="hours",
                percent_used=percent,
            )
        )
    return warnings


def _logged(entry: TimeEntry, plan: _Plan) -> LoggedEntry:
    return LoggedEntry(
        id=entry.id,
        project=Ref(id=plan.project.id, name=plan.project.name),
        task=Ref(id=plan.task.id, name=plan.task.name),
        client=Ref(id=plan.project.client_id, name=plan.project.client_name or "")
        if plan.project.client_id
        else None,
        spent_date=entry.spent_date or plan.spent_date,
        hours=hours(entry.hours),
        billable=bool(entry.billable),
        notes=entry.notes,
        started_time=entry.started_time,
        ended_time=entry.ended_time,
    )


async def log_time(ctx: ToolContext, args: LogTimeInput) -> LogTimeOutput:
    """Resolve every entry, check for duplicates, then create them."""
    ctx = with_answers(ctx, args)
    me = await load_me(ctx)
    projects = await my_projects(ctx)
    day = await today(ctx)
    plans = []
    for i, req in enumerate(args.entries):
        try:
            plans.append(_plan_one(ctx, i, req, me, projects, day))
        except ToolError as error:
            if "no project matching" in error.message and (
                elsewhere := await _unassigned(ctx, i, req.project)
            ):
                raise elsewhere from None
            raise
    batch = Batch(ctx.harvest, args.request_id or new_request_id())
    if args.request_id:
        await batch.find_earlier(len(plans))
        _same_entries(plans, batch)
    existing = await _existing(ctx.harvest, me.user_id, {p.spent_date for p in plans})
    too_long = _over_a_day(plans, set(batch.earlier), existing)
    if too_long is not None:
        raise too_long
    for i, plan in enumerate(plans):
        if i in batch.earlier:
            continue
        if not args.confirm and plan.spent_date > day:
            _future(ctx, i, plan, day)
        if not args.confirm and any(_is_duplicate(plan, e) for e in existing):
            yes = ctx.ask(
                Question(
                    key=f"entries.{i}.duplicate",
                    kind="confirm",
                    message=(
                        f"{plan.hours} h on project id {plan.project.id}, task id "
                        f"{plan.task.id} for {plan.spent_date} is already logged. Log it again?"
                    ),
                    details=_duplicate_details(plan),
                )
            )
            if not yes:
                raise ToolError(
                    f"entries[{i}] duplicates an existing entry; nothing was logged",
                    hint="remove that entry, or pass confirm: true to log it anyway",
                )
    added: dict[int, Decimal] = {}
    for i, plan in enumerate(plans):
        if i not in batch.earlier:
            added[plan.project.id] = added.get(plan.project.id, Decimal(0)) + plan.hours
    snapshot = await _budget_snapshot(ctx)
    warnings = await budget_warnings(ctx, added, snapshot)
    await batch.write([_writer(ctx, plan, snapshot) for plan in plans])
    if batch.not_written and not batch.written and not batch.not_written[0].may_exist:
        raise ToolError(f"nothing was logged: {batch.not_written[0].reason}")
    logged = [
        _logged(entry, plans[i]).model_copy(update={"logged_before": i in batch.earlier})
        for i, entry in sorted(batch.written.items())
    ]
    return LogTimeOutput(
        logged=logged,
        total_hours=sum((e.hours for e in logged), Decimal(0)),
        warnings=warnings,
        not_logged=batch.not_written,
        request_id=batch.request_id,
        next_step=batch.next_step(),
    )


def _same_entries(plans: list[_Plan], batch: Batch) -> None:
    """A request_id names one set of entries: an earlier one at a position must be the
    same project, task and hours, or the caller mixed up two requests."""
    for i in sorted(batch.earlier):
        entry, plan = batch.written[i], plans[i]
        same = (
            entry.project is not None
            and entry.project.id == plan.project.id
            and entry.task is not None
            and entry.task.id == plan.task.id
            and hours(entry.hours) == plan.hours
        )
        if not same:
            raise ToolError(
                f"request_id {batch.request_id!r} logged a different entries[{i}] before; "
                "nothing was logged",
                hint="pass the same entries as that call, or leave request_id out",
            )


def _writer(
    ctx: ToolContext, plan: _Plan, snapshot: _BudgetSnapshot | None
) -> Callable[[dict[str, str]], Awaitable[Any]]:
    """The write of one planned entry, given the key it is written with."""

    async def write(reference: dict[str, str]) -> TimeEntry:
        common: dict[str, Any] = {
            "project_id": plan.project.id,
            "task_id": plan.task.id,
            "spent_date": plan.spent_date,
            "external_reference": reference,
        }
        if plan.notes:
            common["notes"] = plan.notes
        if plan.times:
            entry = await ctx.harvest.call(
                TIME_ENTRIES_CREATE_BY_TIMES,
                started_time=plan.times[0],
                ended_time=plan.times[1],
                **common,
            )
        else:
            entry = await ctx.harvest.call(TIME_ENTRIES_CREATE, hours=plan.hours, **common)
        if snapshot is not None:  # the cached report stays current with what we logged
            snapshot.logged[plan.project.id] = snapshot.logged.get(plan.project.id, 0) + plan.hours
        return entry

    return write


LOG_TIME = Tool(
    name="log_time",
    title="Log time",
    description=(
        "Log one or more time entries for yourself from what you'd say: project by name, code "
        "or client ('the Williams account'), task by name, duration ('4h', '1h30', "
        "'four hours', 'half a day', '9:00-10:30'), date ('today', 'last Friday', 'Dec 3', "
        "ISO). Dates are in your Harvest time zone. Ambiguous names and near misses are asked "
        "about, unknown names are an error with candidates (nothing is created). A future "
        "date or an identical entry already logged is asked about first (or pass confirm: "
        "true); a day never holds more than 24 hours. Warns when a project goes past its budget "
        "or notification threshold. If Harvest fails part-way, the result lists what was logged "
        "and what was not (not_logged) with a request_id: call again with the same entries "
        "and that request_id to log only the rest. Example: entries=[{project: 'Williams', task: "
        "'Development', duration: '4h'}, {project: 'internal training', duration: '2h'}]."
    ),
    toolset=TIME,
    input_model=LogTimeInput,
    output_model=LogTimeOutput,
    annotations=WRITE,
    operations=(
        USERS_ME,
        COMPANY_RETRIEVE,
        USERS_PROJECT_ASSIGNMENTS_LIST_MINE,
        PROJECTS_LIST,
        TIME_ENTRIES_LIST,
        REPORTS_PROJECT_BUDGET,
        PROJECTS_RETRIEVE,
        TIME_ENTRIES_CREATE,
        TIME_ENTRIES_CREATE_BY_TIMES,
    ),
    handler=log_time,
    default=True,
    kind="outcome",
)
