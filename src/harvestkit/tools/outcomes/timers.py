"""Timers: `start_timer`, `stop_timer`, `current_timer` — for the calling user."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field

from harvestkit.api.operations import (
    COMPANY_RETRIEVE,
    TIME_ENTRIES_CREATE,
    TIME_ENTRIES_CREATE_BY_TIMES,
    TIME_ENTRIES_LIST,
    TIME_ENTRIES_RETRIEVE,
    TIME_ENTRIES_STOP,
    USERS_ME,
    USERS_PROJECT_ASSIGNMENTS_LIST_MINE,
)
from harvestkit.api.types import TimeEntry

from .._tool import TIME, Annotations, Tool, ToolContext, ToolError
from ..resolve import load_me, my_projects, resolve_project, resolve_task, today
from ._common import READ, OutcomeInput, Ref, hours

__all__ = ["CURRENT_TIMER", "START_TIMER", "STOP_TIMER", "TimerOutput"]


class Timer(BaseModel):
    """A time entry with its timer state."""

    id: int
    project: Ref
    task: Ref
    spent_date: date
    hours: Decimal
    is_running: bool
    notes: str | None = None


class TimerOutput(BaseModel):
    """The timer concerned, or none."""

    timer: Timer | None
    stopped: Timer | None = Field(
        default=None, description="A timer Harvest stopped because a new one started."
    )


class StartTimerInput(OutcomeInput):
    """Arguments of `start_timer`."""

    project: str = Field(description="Project name, code, client name, or id.")
    task: str | None = Field(default=None, description="Task name or id.")
    notes: str | None = None


class NoInput(OutcomeInput):
    """No arguments beyond the response format."""


def _timer(entry: TimeEntry) -> Timer:
    return Timer(
        id=entry.id,
        project=Ref.of(entry.project),
        task=Ref.of(entry.task),
        spent_date=entry.spent_date,
        hours=hours(entry.hours),
        is_running=bool(entry.is_running),
        notes=entry.notes,
    )


async def _running(ctx: ToolContext) -> Any | None:
    me = await load_me(ctx)
    page = await ctx.harvest.paginate(
        TIME_ENTRIES_LIST, user_id=me.user_id, is_running=True, per_page=1
    ).page(None)
    return page.items[0] if page.items else None


async def start_timer(ctx: ToolContext, args: StartTimerInput) -> TimerOutput:
    """Start a timer today; Harvest stops any other running timer of the user."""
    projects = await my_projects(ctx)
    project = resolve_project(ctx, args.project, projects, key="project", task=args.task)
    task = resolve_task(ctx, args.task, project, key="task")
    previous = await _running(ctx)
    body: dict[str, Any] = {
        "project_id": project.id,
        "task_id": task.id,
        "spent_date": await today(ctx),
    }
    if args.notes:
        body["notes"] = args.notes
    me = await load_me(ctx)
    if me.timestamp_mode:
        # Without an ended_time Harvest starts the timer now, in the user's zone.
        entry = await ctx.harvest.call(TIME_ENTRIES_CREATE_BY_TIMES, **body)
    else:
        entry = await ctx.harvest.call(TIME_ENTRIES_CREATE, **body)
    stopped = None
    if previous is not None and previous.id != entry.id:
        stopped = _timer(await ctx.harvest.call(TIME_ENTRIES_RETRIEVE, time_entry_id=previous.id))
    return TimerOutput(timer=_timer(entry), stopped=stopped)


async def stop_timer(ctx: ToolContext, args: NoInput) -> TimerOutput:
    """Stop the running timer, if any."""
    running = await _running(ctx)
    if running is None:
        raise ToolError("no timer is running", hint="start one with start_timer")
    entry = await ctx.harvest.call(TIME_ENTRIES_STOP, time_entry_id=running.id)
    return TimerOutput(timer=_timer(entry))


async def current_timer(ctx: ToolContext, args: NoInput) -> TimerOutput:
    """The running timer, or none."""
    running = await _running(ctx)
    return TimerOutput(timer=_timer(running) if running is not None else None)


_WRITE_ONCE = Annotations(read_only=False, destructive=False, idempotent=False, open_world=True)
_STOP = Annotations(read_only=False, destructive=False, idempotent=True, open_world=True)

START_TIMER = Tool(
    name="start_timer",
    title="Start a timer",
    description=(
        "Start a timer for yourself today on a project and task given by name, code or client. "
        "Harvest stops any other running timer of yours (returned as `stopped`). Use it when "
        "someone starts working on something now; use log_time for time already spent. Example: "
        "project='Website Redesign', task='Design'."
    ),
    toolset=TIME,
    input_model=StartTimerInput,
    output_model=TimerOutput,
    annotations=_WRITE_ONCE,
    operations=(
        USERS_ME,
        COMPANY_RETRIEVE,
        USERS_PROJECT_ASSIGNMENTS_LIST_MINE,
        TIME_ENTRIES_LIST,
        TIME_ENTRIES_CREATE,
        TIME_ENTRIES_CREATE_BY_TIMES,
        TIME_ENTRIES_RETRIEVE,
    ),
    handler=start_timer,
    default=True,
    kind="outcome",
)

STOP_TIMER = Tool(
    name="stop_timer",
    title="Stop the running timer",
    description=(
        "Stop your running timer and return the project, task and hours it recorded. Use it "
        "when someone says they have finished or are stopping work; it fails with a hint when "
        "no timer runs. Example: {} (no arguments)."
    ),
    toolset=TIME,
    input_model=NoInput,
    output_model=TimerOutput,
    annotations=_STOP,
    operations=(USERS_ME, COMPANY_RETRIEVE, TIME_ENTRIES_LIST, TIME_ENTRIES_STOP),
    handler=stop_timer,
    default=True,
    kind="outcome",
)

CURRENT_TIMER = Tool(
    name="current_timer",
    title="Show the running timer",
    description=(
        "Your running timer (project, task, date, hours so far), or null when none runs. Use it "
        "when someone asks what they are tracking right now, or before starting or stopping a "
        "timer. Example: {} (no arguments)."
    ),
    toolset=TIME,
    input_model=NoInput,
    output_model=TimerOutput,
    annotations=READ,
    operations=(USERS_ME, COMPANY_RETRIEVE, TIME_ENTRIES_LIST),
    handler=current_timer,
    default=True,
    kind="outcome",
)
