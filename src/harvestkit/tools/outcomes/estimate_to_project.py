"""`estimate_to_project`: an accepted estimate becomes a project (tasks, rates and hour budgets
from its line items) and a deposit invoice. Idempotent: what exists already is reused, so a
second run creates nothing."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field, model_validator

from harvestkit.api import AsyncHarvest
from harvestkit.api.operations import (
    ESTIMATES_LIST,
    ESTIMATES_RETRIEVE,
    INVOICE_ITEM_CATEGORIES_LIST,
    INVOICES_CREATE,
    INVOICES_LIST,
    PROJECTS_CREATE,
    PROJECTS_LIST,
    PROJECTS_TASK_ASSIGNMENTS_CREATE,
    PROJECTS_TASK_ASSIGNMENTS_LIST,
    TASKS_CREATE,
    TASKS_LIST,
)
from harvestkit.api.types import Estimate

from .._tool import ESTIMATES, Annotations, Detail, Tool, ToolContext, ToolError
from ._common import Ref, collect, hours, item_kinds, money, sent
from ._confirm import ConfirmInput, FromStep, Plan, PlannedRequest, Step, confirmed
from .invoicing import InvoiceBrief, brief

__all__ = ["ESTIMATE_TO_PROJECT", "EstimatePlan", "plan_estimate_to_project"]


class EstimateToProjectInput(ConfirmInput):
    """Arguments of `estimate_to_project`."""

    estimate: str = Field(description="Estimate number (e.g. '1004') or id.")
    deposit_percent: Decimal | None = Field(default=None, gt=0, le=100)
    deposit_amount: Decimal | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _one_deposit(self) -> EstimateToProjectInput:
        if self.deposit_percent is not None and self.deposit_amount is not None:
            raise ValueError("give deposit_percent or deposit_amount, not both")
        return self


class PlannedTask(BaseModel):
    """A task the project gets from one estimate line."""

    task: Ref | None = Field(description="null until the task exists.")
    name: str
    hourly_rate: Decimal
    budget_hours: Decimal
    exists: bool


class EstimateToProjectOutput(BaseModel):
    """The project and deposit invoice, and whether this run created them."""

    estimate: Ref
    client: Ref
    project: Ref | None
    project_created: bool
    tasks: list[PlannedTask]
    deposit_invoice: InvoiceBrief | None = None
    deposit_created: bool = False
    dry_run: bool
    planned_requests: list[PlannedRequest]


async def _estimate(h: AsyncHarvest, reference: str) -> Estimate:
    text = reference.strip().lstrip("#")
    found = [e async for e in h.paginate(ESTIMATES_LIST) if e.number == text]
    if not found and text.isdigit():
        found = [e async for e in h.paginate(ESTIMATES_LIST) if e.id == int(text)]
    if not found:
        raise ToolError(f"no estimate numbered {text!r}", hint="check the estimate number")
    estimate = await h.call(ESTIMATES_RETRIEVE, estimate_id=found[0].id)
    if estimate.state != "accepted":
        raise ToolError(
            f"estimate id {estimate.id} is {estimate.state}, not accepted",
            hint="mark it accepted first",
            details=(
                Detail("estimate number", estimate.number or ""),
                Detail("client", sent(estimate.client).name or ""),
            ),
        )
    return estimate


def _deposit(args: EstimateToProjectInput, total: Decimal) -> Decimal | None:
    if args.deposit_amount is not None:
        return money(args.deposit_amount)
    if args.deposit_percent is not None:
        return money(total * args.deposit_percent / 100)
    return None


@dataclass(frozen=True)
class EstimatePlan:
    """What `estimate_to_project` would do: the preview, the one plan that does it, and the
    question that names it. Another component (an approval request) may hold it and run
    `plan` later; `finish` turns the plan's results into the final output."""

    preview: EstimateToProjectOutput
    plan: Plan
    question: str
    details: tuple[Detail, ...]
    roles: tuple[str, ...]
    """What each step makes: "project", "task:<index>", "assignment:<index>", "invoice"."""

    def finish(self, results: list[Any]) -> EstimateToProjectOutput:
        """The output once every step of `plan` has run, from the steps' results."""
        by_step = dict(zip(self.roles, results, strict=True))
        project = self.preview.project
        if "project" in by_step:
            made = by_step["project"]
            project = Ref(id=made.id, name=made.name or "")
        tasks = []
        for index, t in enumerate(self.preview.tasks):
            task = t.task
            if (made_task := by_step.get(f"task:{index}")) is not None:
                task = Ref(id=made_task.id, name=made_task.name or t.name)
            tasks.append(t.model_copy(update={"task": task, "exists": True}))
        invoice = self.preview.deposit_invoice
        if "invoice" in by_step:
            invoice = brief(by_step["invoice"])
        return self.preview.model_copy(
            update={
                "project": project,
                "project_created": "project" in by_step,
                "tasks": tasks,
                "deposit_invoice": invoice,
                "deposit_created": "invoice" in by_step,
                "dry_run": False,
                "planned_requests": [],
            }
        )


async def plan_estimate_to_project(ctx: ToolContext, args: EstimateToProjectInput) -> EstimatePlan:
    """Read everything, then plan only the missing pieces (nothing is sent)."""
    h = ctx.harvest
    est = await _estimate(h, args.estimate)
    client = Ref.of(est.client)
    name = est.subject or f"Estimate {est.number}"
    project = next(
        (p for p in await collect(h, PROJECTS_LIST, client_id=client.id) if p.name == name),
        None,
    )
    tasks_by_name = {(t.name or "").lower(): t for t in await collect(h, TASKS_LIST)}
    assigned: set[int] = set()
    if project is not None:
        assigned = {
            Ref.of(a.task).id
            for a in await collect(h, PROJECTS_TASK_ASSIGNMENTS_LIST, project_id=project.id)
        }
    planned: list[PlannedTask] = []
    for line in est.line_items or ():
        label = (line.description or line.kind or "Work").strip()
        task = tasks_by_name.get(label.lower())
        planned.append(
            PlannedTask(
                task=Ref(id=task.id, name=task.name or "") if task else None,
                name=label,
                hourly_rate=money(line.unit_price),
                budget_hours=hours(line.quantity),
                exists=task is not None and task.id in assigned,
            )
        )
    deposit = _deposit(args, money(est.amount))
    existing_invoice = None
    if deposit is not None:
        existing_invoice = next(
            (
                i
                for i in await collect(h, INVOICES_LIST, client_id=client.id)
                if i.estimate is not None and i.estimate.id == est.id
            ),
            None,
        )
    steps: list[Step] = []
    roles: list[str] = []
    project_id: int | FromStep = project.id if project is not None else 0
    if project is None:
        project_body = {
            "client_id": client.id,
            "name": name,
            "is_billable": True,
            "bill_by": "Tasks",
            "budget_by": "task",
            "notes": f"From estimate {est.number}",
        }
        steps.append(Step(PROJECTS_CREATE, project_body, says="create the project"))
        roles.append("project")
        project_id = FromStep(0, "the new project's id")
    for index, t in enumerate(planned):
        task_id: int | FromStep = t.task.id if t.task is not None else 0
        if t.task is None:
            steps.append(Step(TASKS_CREATE, {"name": t.name}, says="create a task"))
            roles.append(f"task:{index}")
            task_id = FromStep(len(steps) - 1, f"the new task {index + 1}'s id")
        if not t.exists:
            assignment = {
                "project_id": project_id,
                "task_id": task_id,
                "hourly_rate": t.hourly_rate,
                "budget": t.budget_hours,
            }
            steps.append(
                Step(
                    PROJECTS_TASK_ASSIGNMENTS_CREATE,
                    assignment,
                    says="assign the task to the project",
                )
            )
            roles.append(f"assignment:{index}")
    if deposit is not None and existing_invoice is None:
        service = (await item_kinds(ctx))[0]
        invoice_body = {
            "client_id": client.id,
            "estimate_id": est.id,
            "subject": f"Deposit: {name}",
            "line_items": [
                {
                    "kind": min(service),
                    "description": f"Deposit for estimate {est.number}",
                    "quantity": 1,
                    "unit_price": deposit,
                    "project_id": project_id,
                }
            ],
        }
        steps.append(Step(INVOICES_CREATE, invoice_body, says="create the deposit invoice"))
        roles.append("invoice")
    plan = Plan(tuple(steps))
    preview = EstimateToProjectOutput(
        estimate=Ref(id=est.id, name=f"#{est.number} {est.subject or ''}".strip()),
        client=client,
        project=Ref(id=project.id, name=project.name) if project is not None else None,
        project_created=False,
        tasks=planned,
        deposit_invoice=brief(existing_invoice) if existing_invoice is not None else None,
        dry_run=args.dry_run,
        planned_requests=plan.requests(h),
    )
    budget = sum((t.budget_hours for t in planned), Decimal(0))
    what = (
        f"Create a project from estimate id {est.id} for client id {client.id} "
        f"with {len(planned)} task(s), {budget} h"
    )
    details = [
        Detail("estimate number", est.number or ""),
        Detail("project", name),
        Detail("client", client.name),
    ]
    if any(step.op == INVOICES_CREATE for step in steps):
        what += f", and a draft deposit invoice of {deposit}"
        if est.currency:
            details.append(Detail("currency", est.currency))
    return EstimatePlan(preview, plan, f"{what}?", tuple(details), tuple(roles))


async def estimate_to_project(
    ctx: ToolContext, args: EstimateToProjectInput
) -> EstimateToProjectOutput:
    """Plan the missing pieces, ask once, then run exactly that plan."""
    planned = await plan_estimate_to_project(ctx, args)
    if args.dry_run or not planned.plan.steps:
        return planned.preview
    confirmed(ctx, args, planned.question, details=planned.details)
    return planned.finish(await planned.plan.run(ctx.harvest))


ESTIMATE_TO_PROJECT = Tool(
    name="estimate_to_project",
    title="Turn an accepted estimate into a project",
    description=(
        "From an accepted estimate (by number): create the project (named after the estimate, "
        "billed by task) with one task per line item (rate = unit price, hour budget = "
        "quantity) and optionally a draft deposit invoice. Use it when a client accepted an "
        "estimate and work starts. Idempotent: running it again creates nothing. Asks first; "
        "dry_run: true shows the requests. Example: estimate='1004', deposit_percent=30."
    ),
    toolset=ESTIMATES,
    input_model=EstimateToProjectInput,
    output_model=EstimateToProjectOutput,
    annotations=Annotations(read_only=False, destructive=False, idempotent=True, open_world=True),
    operations=(
        ESTIMATES_LIST,
        ESTIMATES_RETRIEVE,
        PROJECTS_LIST,
        TASKS_LIST,
        PROJECTS_TASK_ASSIGNMENTS_LIST,
        INVOICES_LIST,
        INVOICE_ITEM_CATEGORIES_LIST,
        PROJECTS_CREATE,
        TASKS_CREATE,
        PROJECTS_TASK_ASSIGNMENTS_CREATE,
        INVOICES_CREATE,
    ),
    handler=estimate_to_project,
    moves_money=True,
    needs_confirmation=True,
    default=True,
    kind="outcome",
)
