"""estimate_to_project: project, tasks, budgets and deposit from an accepted estimate."""

from __future__ import annotations

from decimal import Decimal

import pytest

from harvestkit.tools import NeedsInput, ToolError
from harvestkit.tools.outcomes.estimate_to_project import ESTIMATE_TO_PROJECT

from .conftest import World, run

pytestmark = pytest.mark.anyio

ARGS = {"estimate": "1004", "deposit_percent": 30}


async def test_creates_project_tasks_and_deposit_once(world: World) -> None:
    dry = await run(ESTIMATE_TO_PROJECT, world.ctx(), {**ARGS, "dry_run": True})
    assert dry.project is None and [t.name for t in dry.tasks] == [
        "Discovery workshops",
        "UX and visual design",
        "App development",
        "QA",
    ]
    assert dry.planned_requests[0].path == "/v2/projects"
    assert dry.planned_requests[-1].body["line_items"][0]["unit_price"] == 28536
    with pytest.raises(NeedsInput) as asked:
        await run(ESTIMATE_TO_PROJECT, world.ctx(), ARGS)
    assert all(m == "GET" for m, _ in world.counter.requests)
    details = {d.label: d.value for d in asked.value.question.details}
    assert details["estimate number"] == "1004"
    assert details["project"] == "Mobile App Phase 1"
    assert "Mobile App" not in asked.value.question.message
    done = await run(ESTIMATE_TO_PROJECT, world.ctx(), {**ARGS, "confirm": True})
    assert done.project_created and done.project.name == "Mobile App Phase 1"
    assert done.deposit_created and done.deposit_invoice.amount == Decimal("28536.00")
    h = world.ctx().harvest
    project = await h.call("projects.retrieve", project_id=done.project.id)
    assert (project.bill_by, project.budget_by) == ("Tasks", "task")
    assigned = [
        a async for a in h.paginate("projects.task_assignments.list", project_id=project.id)
    ]
    budgets = {a.task.name: (a.budget, a.hourly_rate) for a in assigned}
    assert budgets["App development"] == (Decimal("360"), Decimal("175"))
    writes = len([r for r in world.counter.requests if r[0] != "GET"])
    again = await run(ESTIMATE_TO_PROJECT, world.ctx(), {**ARGS, "confirm": True})
    assert not again.project_created and not again.deposit_created
    assert again.project.id == done.project.id
    assert again.deposit_invoice.id == done.deposit_invoice.id
    assert len([r for r in world.counter.requests if r[0] != "GET"]) == writes


async def test_only_accepted_estimates(world: World) -> None:
    with pytest.raises(ToolError) as failed:
        await run(ESTIMATE_TO_PROJECT, world.ctx(), {"estimate": "1003", "confirm": True})
    assert "declined" in failed.value.message


async def test_one_kind_of_deposit(world: World) -> None:
    with pytest.raises(ToolError):
        await run(
            ESTIMATE_TO_PROJECT,
            world.ctx(),
            {"estimate": "1002", "deposit_percent": 10, "deposit_amount": 100},
        )
