"""Names as people say them: a task narrows the projects, a near miss is a question, and a
project one is not assigned to is named as such instead of misrouted."""

from __future__ import annotations

import pytest

from harvestkit.tools import NeedsInput, ToolError
from harvestkit.tools.outcomes.import_time import IMPORT_TIME
from harvestkit.tools.outcomes.log_time import LOG_TIME
from harvestkit.tools.outcomes.timers import START_TIMER
from harvestkit.tools.resolve import my_projects

from .conftest import PRIYA, RAVI, World, run

pytestmark = pytest.mark.anyio


async def test_a_task_narrows_the_projects(world: World) -> None:
    williams = [p for p in await my_projects(world.ctx(PRIYA)) if p.client_name == "Williams & Co"]
    with_qa = [p for p in williams if any(t.name == "QA" for t in p.tasks)]
    assert len(williams) >= 2 and len(with_qa) == 1  # only Website Redesign has QA
    entry = {"project": "Williams", "task": "QA", "duration": "1h"}
    result = await run(LOG_TIME, world.ctx(PRIYA), {"entries": [entry]})
    assert (result.logged[0].project.name, result.logged[0].task.name) == (
        "Website Redesign",
        "QA",
    )


async def test_project_and_task_said_together(world: World) -> None:
    entry = {"project": "Williams, Development", "duration": "1h"}
    result = await run(LOG_TIME, world.ctx(PRIYA), {"entries": [entry]})
    assert (result.logged[0].project.name, result.logged[0].task.name) == (
        "Website Redesign",
        "Development",
    )


async def test_a_one_letter_typo_is_a_question_with_the_candidates(world: World) -> None:
    entry = {"project": "Wiliams", "task": "Project Management", "duration": "1h"}
    with pytest.raises(NeedsInput) as asked:
        await run(LOG_TIME, world.ctx(PRIYA), {"entries": [entry]})
    labels = [c.label for c in asked.value.question.choices]
    assert labels and all("Williams & Co" in label for label in labels)


async def test_a_typo_and_a_task_ask_only_about_projects_with_that_task(world: World) -> None:
    entry = {"project": "Wiliams", "task": "QA", "duration": "1h"}
    with pytest.raises(NeedsInput) as asked:
        await run(LOG_TIME, world.ctx(PRIYA), {"entries": [entry]})
    labels = [c.label for c in asked.value.question.choices]
    assert len(labels) == 1 and labels[0].startswith("Website Redesign")


async def test_a_task_narrows_the_projects_in_an_import_and_a_timer(world: World) -> None:
    csv = "date,project,task,duration,notes\n2026-11-16,Williams,QA,1h,imported qa\n"
    report = await run(IMPORT_TIME, world.ctx(PRIYA), {"csv": csv, "confirm": True})
    assert (report.created, report.problems) == (1, [])
    [entry] = [
        e
        async for e in world.ctx(PRIYA).harvest.paginate("time_entries.list", user_id=PRIYA)
        if e.notes == "imported qa"
    ]
    assert (entry.project.name, entry.task.name) == ("Website Redesign", "QA")
    timer = await run(START_TIMER, world.ctx(PRIYA), {"project": "Williams", "task": "QA"})
    assert timer.timer is not None
    assert (timer.timer.project.name, timer.timer.task.name) == ("Website Redesign", "QA")


async def _not_mine(world: World, user_id: int | None) -> str:
    mine = {p.name for p in await my_projects(world.ctx(user_id))}
    every = [p async for p in world.ctx().harvest.paginate("projects.list", is_active=True)]
    return next(p.name for p in every if p.name not in mine)


async def test_a_project_one_is_not_assigned_to_is_named_as_such(world: World) -> None:
    name = await _not_mine(world, None)  # the administrator may list every project
    entry = {"project": name, "duration": "1h"}
    with pytest.raises(ToolError) as refused:
        await run(LOG_TIME, world.ctx(), {"entries": [entry]})
    assert "you are not assigned to project" in refused.value.message
    assert refused.value.candidates == []
    assert [d.value for d in refused.value.details] == [name]


async def test_a_member_who_cannot_list_projects_hears_it_may_be_an_assignment(
    world: World,
) -> None:
    entry = {"project": await _not_mine(world, RAVI), "duration": "1h"}
    with pytest.raises(ToolError) as refused:
        await run(LOG_TIME, world.ctx(RAVI), {"entries": [entry]})
    assert "no project matching" in refused.value.message
    assert "not be assigned" in (refused.value.hint or "")
