"""A few tools written against the catalog's contract, to test the MCP layer on its own:
a read, a write, a destructive write with confirmation and dry run, a choice question and
an image. They talk to the demo sandbox through the SDK like catalog tools do."""

from __future__ import annotations

import base64
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from harvestkit.api.operations import (
    PROJECTS_LIST,
    TIME_ENTRIES_CREATE,
    TIME_ENTRIES_DELETE,
    TIME_ENTRIES_RETRIEVE,
)
from harvestkit.tools import (
    Annotations,
    Choice,
    Detail,
    ImageData,
    Question,
    Tool,
    ToolContext,
    ToolError,
)

PNG_1X1 = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
    )
).decode()


class Ref(BaseModel):
    id: int
    name: str


class ProjectListArgs(BaseModel):
    model_config = ConfigDict(extra="forbid")
    is_active: bool | None = None
    ids: list[int] | None = Field(None, description="Only these projects.")
    cursor: str | None = None


class ProjectPage(BaseModel):
    projects: list[Ref]
    total_entries: int | None
    next_cursor: str | None


async def list_projects(ctx: ToolContext, args: ProjectListArgs) -> ProjectPage:
    extra: dict[str, Any] = {} if args.is_active is None else {"is_active": args.is_active}
    page = await ctx.harvest.paginate("projects.list", per_page=100, **extra).page(args.cursor)
    projects = [Ref(id=p.id, name=p.name) for p in page.items]
    if args.ids is not None:
        projects = [p for p in projects if p.id in args.ids]
    return ProjectPage(
        projects=projects, total_entries=page.total_entries, next_cursor=page.next_cursor
    )


class CreateArgs(BaseModel):
    model_config = ConfigDict(extra="forbid")
    project_id: int
    task_id: int
    spent_date: date
    hours: Decimal = Field(gt=0, le=24)
    notes: str | None = None


class Entry(BaseModel):
    id: int
    spent_date: date
    hours: Decimal
    project: Ref
    task: Ref
    notes: str | None


async def create_entry(ctx: ToolContext, args: CreateArgs) -> Entry:
    made = await ctx.harvest.call("time_entries.create", **args.model_dump(exclude_none=True))
    return Entry(
        id=made.id,
        spent_date=made.spent_date,
        hours=made.hours,
        project=Ref(id=made.project.id, name=made.project.name),
        task=Ref(id=made.task.id, name=made.task.name),
        notes=made.notes,
    )


class DeleteArgs(BaseModel):
    model_config = ConfigDict(extra="forbid")
    time_entry_id: int
    confirm: bool = False
    dry_run: bool = False


class PlannedRequest(BaseModel):
    method: str
    url: str


class DeleteResult(BaseModel):
    deleted: bool
    time_entry_id: int
    requests: list[PlannedRequest] = Field(default_factory=list)


async def delete_entry(ctx: ToolContext, args: DeleteArgs) -> DeleteResult:
    if args.dry_run:
        prepared = ctx.harvest.prepare("time_entries.delete", time_entry_id=args.time_entry_id)
        planned = PlannedRequest(method=prepared.method, url=prepared.url)
        return DeleteResult(deleted=False, time_entry_id=args.time_entry_id, requests=[planned])
    entry = await ctx.harvest.call("time_entries.retrieve", time_entry_id=args.time_entry_id)
    if not args.confirm:
        question = Question(
            key="confirm",
            kind="confirm",
            message=f"Delete {entry.hours} h on {entry.spent_date} (time entry {entry.id})?",
            details=(Detail("project", entry.project.name),),
        )
        if ctx.ask(question) is not True:
            raise ToolError("Not confirmed.")
    await ctx.harvest.call("time_entries.delete", time_entry_id=args.time_entry_id)
    return DeleteResult(deleted=True, time_entry_id=args.time_entry_id)


class PickArgs(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    project_id: int | None = None


async def pick_project(ctx: ToolContext, args: PickArgs) -> Ref:
    page = await ctx.harvest.paginate("projects.list", per_page=100).page(None)
    matches = [p for p in page.items if args.name.lower() in (p.name or "").lower()]
    if args.project_id is not None:
        chosen = [p for p in matches if p.id == args.project_id]
    elif len(matches) > 1:
        choices = tuple(Choice(value=str(p.id), label=p.name) for p in matches)
        answer = ctx.ask(
            Question(key="project_id", kind="choice", message="Which project?", choices=choices)
        )
        chosen = [p for p in matches if str(p.id) == answer]
    else:
        chosen = matches
    if not chosen:
        raise ToolError(
            f"No project matches {args.name!r}.",
            hint="Call harvest_projects_list for the names.",
            candidates=[{"id": p.id, "name": p.name} for p in page.items[:3]],
        )
    return Ref(id=chosen[0].id, name=chosen[0].name)


class NoArgs(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Chart(BaseModel):
    caption: str
    image: ImageData


async def chart(ctx: ToolContext, args: NoArgs) -> Chart:
    return Chart(caption="one pixel", image=ImageData(mime_type="image/png", data_base64=PNG_1X1))


async def surprise(ctx: ToolContext, args: NoArgs) -> Ref:
    question = Question(
        key="confirm", kind="confirm", message="Really?", details=(Detail("what", 'say "hi"'),)
    )
    ctx.ask(question)
    return Ref(id=1, name="done")


async def two_questions(ctx: ToolContext, args: NoArgs) -> Ref:
    colours = (Choice(value="1", label="Red"), Choice(value="2", label="Blue"))
    picked = ctx.ask(Question(key="colour", kind="choice", message="Which?", choices=colours))
    ctx.ask(Question(key="confirm", kind="confirm", message=f"Paint it {picked}?"))
    return Ref(id=int(picked), name="painted")


READ = Annotations(read_only=True, destructive=False, idempotent=True, open_world=True)
ADD = Annotations(read_only=False, destructive=False, idempotent=False, open_world=True)
DELETE = Annotations(read_only=False, destructive=True, idempotent=True, open_world=True)

SAMPLE_TOOLS = (
    Tool(
        name="harvest_projects_list",
        title="List projects",
        description="List projects with their ids.",
        toolset="projects",
        input_model=ProjectListArgs,
        output_model=ProjectPage,
        annotations=READ,
        operations=(PROJECTS_LIST,),
        handler=list_projects,
        default=True,
    ),
    Tool(
        name="harvest_time_entries_create",
        title="Log time",
        description="Create a time entry.",
        toolset="time",
        input_model=CreateArgs,
        output_model=Entry,
        annotations=ADD,
        operations=(TIME_ENTRIES_CREATE,),
        handler=create_entry,
        default=True,
    ),
    Tool(
        name="harvest_time_entries_delete",
        title="Delete a time entry",
        description="Delete a time entry (asks first).",
        toolset="time",
        input_model=DeleteArgs,
        output_model=DeleteResult,
        annotations=DELETE,
        operations=(TIME_ENTRIES_RETRIEVE, TIME_ENTRIES_DELETE),
        handler=delete_entry,
        needs_confirmation=True,
    ),
    Tool(
        name="pick_project",
        title="Pick a project by name",
        description="Resolve a project name, asking when several match.",
        toolset="projects",
        input_model=PickArgs,
        output_model=Ref,
        annotations=READ,
        operations=(PROJECTS_LIST,),
        handler=pick_project,
        kind="outcome",
    ),
    Tool(
        name="project_chart",
        title="Chart",
        description="A chart image.",
        toolset="reports",
        input_model=NoArgs,
        output_model=Chart,
        annotations=Annotations(
            read_only=True, destructive=False, idempotent=True, open_world=False
        ),
        operations=(),
        handler=chart,
        kind="outcome",
    ),
    Tool(
        name="harvest_surprise_get",
        title="Asks without saying so",
        description="An operation tool that asks although its record does not say it may.",
        toolset="admin",
        input_model=NoArgs,
        output_model=Ref,
        annotations=READ,
        operations=(),
        handler=surprise,
    ),
    Tool(
        name="paint",
        title="Asks twice",
        description="Asks for a choice, then for confirmation.",
        toolset="admin",
        input_model=NoArgs,
        output_model=Ref,
        annotations=ADD,
        operations=(),
        handler=two_questions,
        kind="outcome",
    ),
)
