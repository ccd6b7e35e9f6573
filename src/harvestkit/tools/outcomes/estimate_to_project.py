"""`estimate_to_project`: an accepted estimate becomes a project (tasks, rates and hour budgets
from its line items) and a deposit invoice. Idempotent: what exists already is reused, so a
second run creates nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field, model_validator

from harvestkit.api import AsyncHarvest

from .._tool import ESTIMATES, Annotations, Detail, Tool, ToolContext, ToolError
from ._common import Ref, collect, hours, item_kinds, money
from ._confirm import ConfirmInput, PlannedRequest, confirmed, plan
from .invoicing import InvoiceBrief, brief

__all__ = ["ESTIMATE_TO_PROJECT"]


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


async def _estimate(h: AsyncHarvest, reference: str) -> Any:
    text = reference.strip().lstrip("#")
    found = [e async for e in h.paginate("estimates.list") if e.number == text]
    if not found and text.isdigit():
        found = [e async for e in h.paginate("estimates.list") if e.id == int(text)]
    if not found:
        raise ToolError(f"no estimate numbered {text!r}", hint="check the estimate number")
    estimate = await h.call("estimates.retrieve", estimate_id=found[0].id)
    if estimate.state != "accepted":
        raise ToolError(
            f"estimate id {estimate.id} is {estimate.state}, not accepted",
            hint="mark it accepted first",
            details=(
                Detail("estimate number", estimate.number or ""),
                Detail("client", estimate.client.name or ""),
            ),
        )
    return estimate


def _deposit(args: EstimateToProjectInput, total: Decimal) -> Decimal | None:
    if args.deposit_amount is not None:
        return money(args.deposit_amount)
    if args.deposit_percent is not None:
        return money(total * args.deposit_percent / 100)
    return None


async def estimate_to_project(
    ctx: ToolContext, args: EstimateToProjectInput
) -> EstimateToProjectOutput:
    """Read everything first, plan the missing pieces, ask once, then create them."""
    h = ctx.harvest
    est = await _estimate(h, args.estimate)
    client = Ref(id=est.client.id, name=est.client.name or "")
    name = est.subject or f"Estimate {est.number}"
    project = next(
        (p for p in await collect(h, "projects.list", client_id=client.id) if p.name == name),
        None,
    )
    tasks_by_name = {(t.name or "").lower(): t for t in await collect(h, "tasks.list")}
    assigned: set[int] = set()
    if project is not None:
        assigned = {
            a.task.id
            for a in await collect(h, "projects.task_assignments.list", project_id=project.id)
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
                for i in await collect(h, "invoices.list", client_id=client.id)
                if i.estimate is not None and i.estimate.id == est.id
            ),
            None,
        )
    project_body: dict[str, Any] = {
        "client_id": client.id,
        "name": name,
        "is_billable": True,
        "bill_by": "Tasks",
        "budget_by": "task",
        "notes": f"From estimate {est.number}",
    }
    requests: list[PlannedRequest] = []
    if project is None:
        requests.append(plan(h, "projects.create", **project_body))
    pid = project.id if project is not None else 0
    for t in planned:
        if t.task is None:
            requests.append(plan(h, "tasks.create", name=t.name))
        if not t.exists:
            requests.append(
                plan(
                    h,
                    "projects.task_assignments.create",
                    project_id=pid,
                    task_id=0,
                    hourly_rate=t.hourly_rate,
                    budget=t.budget_hours,
                )
            )
    invoice_body: dict[str, Any] | None = None
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
                }
            ],
        }
        requests.append(plan(h, "invoices.create", **invoice_body))
    out = EstimateToProjectOutput(
        estimate=Ref(id=est.id, name=f"#{est.number} {est.subject or ''}".strip()),
        client=client,
        project=Ref(id=project.id, name=project.name) if project is not None else None,
        project_created=False,
        tasks=planned,
        deposit_invoice=brief(existing_invoice) if existing_invoice is not None else None,
        dry_run=args.dry_run,
        planned_requests=requests,
    )
    if args.dry_run or not requests:
        return out
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
    if invoice_body is not None:
        what += f", and a draft deposit invoice of {deposit}"
        if est.currency:
            details.append(Detail("currency", est.currency))
    confirmed(ctx, args, f"{what}?", details=details)
    return await _create(h, out, project_body, invoice_body, deposit)


async def _create(
    h: AsyncHarvest,
    out: EstimateToProjectOutput,
    project_body: dict[str, Any],
    invoice_body: dict[str, Any] | None,
    deposit: Decimal | None,
) -> EstimateToProjectOutput:
    created_project = out.project is None
    if out.project is None:
        made = await h.call("projects.create", **project_body)
        project = Ref(id=made.id, name=made.name or "")
    else:
        project = out.project
    tasks = []
    for t in out.tasks:
        task = t.task
        if task is None:
            made_task = await h.call("tasks.create", name=t.name)
            task = Ref(id=made_task.id, name=made_task.name or t.name)
        if not t.exists:
            await h.call(
                "projects.task_assignments.create",
                project_id=project.id,
                task_id=task.id,
                hourly_rate=t.hourly_rate,
                budget=t.budget_hours,
            )
        tasks.append(t.model_copy(update={"task": task, "exists": True}))
    invoice = out.deposit_invoice
    if invoice_body is not None and deposit is not None:
        invoice_body["line_items"][0]["project_id"] = project.id
        invoice = brief(await h.call("invoices.create", **invoice_body))
    return out.model_copy(
        update={
            "project": project,
            "project_created": created_project,
            "tasks": tasks,
            "deposit_invoice": invoice,
            "deposit_created": invoice_body is not None,
            "planned_requests": [],
        }
    )


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
        "estimates.list",
        "estimates.retrieve",
        "projects.list",
        "tasks.list",
        "projects.task_assignments.list",
        "invoices.list",
        "projects.create",
        "tasks.create",
        "projects.task_assignments.create",
        "invoices.create",
    ),
    handler=estimate_to_project,
    moves_money=True,
    needs_confirmation=True,
    default=True,
    kind="outcome",
)
