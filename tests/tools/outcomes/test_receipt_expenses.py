"""add_expense from a receipt alone: read, proposed, confirmed once, created with the
receipt attached; the same receipt never twice; unsure things asked; bad files refused."""

from __future__ import annotations

import base64
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from mcp import Client
from mcp_types import ElicitRequestFormParams, ElicitRequestParams, ElicitResult

from harvestkit.tools import NeedsInput, ToolError
from harvestkit.tools.outcomes._common import collect
from harvestkit.tools.outcomes.add_expense import ADD_EXPENSE
from harvestkit.tools.resolve import my_projects
from tests.receipts.corpus import simple_receipt

from .conftest import ETHAN, World, run
from .test_mcp_stories import server_for

pytestmark = pytest.mark.anyio

FARE = [("Taxi fare", Decimal("18.40")), ("Airport surcharge", Decimal("3.00"))]


async def _days(world: World) -> tuple[date, date]:
    """A recent day Ethan worked on one project only (a Saturday he spent 3 hours on one,
    logged here), and one he worked on several."""
    ctx = world.ctx(ETHAN)
    today = ctx.now().date()
    entries = await collect(
        ctx.harvest, "time_entries.list", user_id=ETHAN, from_=today - timedelta(days=13), to=today
    )
    projects: dict[date, set[int]] = defaultdict(set)
    for e in entries:
        projects[e.spent_date].add(e.project.id)
    several = max(d for d, p in projects.items() if len(p) > 1)
    saturday = max(
        today - timedelta(days=n) for n in range(1, 8) if (today - timedelta(days=n)).weekday() == 5
    )
    assert saturday not in projects
    redesign = next(p for p in await my_projects(ctx) if p.name == "Website Redesign")
    await ctx.harvest.call(
        "time_entries.create",
        project_id=redesign.id,
        task_id=redesign.tasks[0].id,
        spent_date=saturday,
        hours=3,
    )
    return saturday, several


async def _project_of(world: World, day: date) -> int:
    ctx = world.ctx(ETHAN)
    entries = await collect(ctx.harvest, "time_entries.list", user_id=ETHAN, from_=day, to=day)
    return int(entries[0].project.id)


def _taxi(day: date) -> tuple[dict[str, str], Decimal, bytes]:
    data, total = simple_receipt("CITY CAB CO", FARE, day, tax=Decimal("1.47"))
    args = {"receipt_base64": base64.b64encode(data).decode(), "receipt_file_name": "taxi.png"}
    return args, total, data


class Yes:
    """Answers every confirmation with yes and remembers what was asked."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    async def __call__(self, context: Any, params: ElicitRequestParams) -> ElicitResult:
        assert isinstance(params, ElicitRequestFormParams)
        self.asked.append(params.message)
        return ElicitResult(action="accept", content={"confirm": True})


async def test_a_receipt_alone_becomes_an_expense_after_one_confirmation(world: World) -> None:
    day, _ = await _days(world)
    args, total, data = _taxi(day)
    yes = Yes()
    async with Client(server_for(world, ETHAN), elicitation_callback=yes) as client:
        result = await client.call_tool("add_expense", args)
    assert not result.is_error, result.content
    assert len(yes.asked) == 1 and f"{total}" in yes.asked[0]
    made = result.structured_content["expense"]
    assert (made["total_cost"], made["spent_date"]) == (str(total), day.isoformat())
    assert made["category"]["name"] == "Travel"
    assert made["project"]["id"] == await _project_of(world, day)
    stored = await world.ctx(ETHAN).harvest.call("expenses.retrieve", expense_id=made["id"])
    assert stored.receipt is not None
    assert (stored.receipt.file_name, stored.receipt.file_size) == ("taxi.png", len(data))
    assert stored.notes.startswith("CITY CAB CO (receipt ")


async def test_the_same_receipt_twice_makes_one_expense(world: World) -> None:
    day, _ = await _days(world)
    args, _, _ = _taxi(day)
    first = await run(ADD_EXPENSE, world.ctx(ETHAN, answers={"confirm": True}), args)
    with pytest.raises(ToolError, match=f"expensed already: expense {first.expense.id}") as err:
        await run(ADD_EXPENSE, world.ctx(ETHAN, answers={"confirm": True}), args)
    assert ("project", first.expense.project.name) in [
        (d.label, d.value) for d in err.value.details
    ]
    ctx = world.ctx(ETHAN)
    mine = await collect(ctx.harvest, "expenses.list", user_id=ETHAN, from_=day, to=day)
    assert len([e for e in mine if e.notes and "(receipt " in e.notes]) == 1


async def test_without_elicitation_the_agent_confirms_by_calling_again(world: World) -> None:
    day, _ = await _days(world)
    args, total, _ = _taxi(day)
    before = len(world.counter.requests)
    async with Client(server_for(world, ETHAN)) as client:
        pending = await client.call_tool("add_expense", args)
        assert pending.structured_content["status"] == "needs_confirmation"
        assert all(method == "GET" for method, _ in world.counter.requests[before:])
        done = await client.call_tool("add_expense", {**args, "confirm": True})
    assert done.structured_content["expense"]["total_cost"] == str(total)


async def test_a_day_on_several_projects_asks_which_and_the_answer_confirms(
    world: World,
) -> None:
    _, day = await _days(world)
    args, total, _ = _taxi(day)
    with pytest.raises(NeedsInput) as asked:
        await run(ADD_EXPENSE, world.ctx(ETHAN), args)
    question = asked.value.question
    assert question.key == "receipt_project" and len(question.choices) >= 2
    pick = question.choices[1].value
    made = await run(ADD_EXPENSE, world.ctx(ETHAN, answers={"receipt_project": pick}), args)
    assert made.expense.project.id == int(pick) and made.expense.total_cost == total


async def test_a_dry_run_shows_the_proposal_and_writes_nothing(world: World) -> None:
    day, _ = await _days(world)
    args, total, _ = _taxi(day)
    before = len(world.counter.requests)
    out = await run(ADD_EXPENSE, world.ctx(ETHAN), {**args, "dry_run": True})
    assert out.expense is None and out.read_from_receipt.total == total
    assert out.read_from_receipt.vendor == "CITY CAB CO"
    assert out.planned_requests[0].body["spent_date"] == day.isoformat()
    assert all(method == "GET" for method, _ in world.counter.requests[before:])


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"%PDF-1.4\n garbage", r"cannot be read \(corrupt\): the PDF is damaged"),
        (b"hello", r"cannot be read \(unsupported\)"),
    ],
)
async def test_bad_receipt_files_are_refused_without_writes(
    world: World, data: bytes, words: str
) -> None:
    args = {"receipt_base64": base64.b64encode(data).decode(), "receipt_file_name": "r.pdf"}
    with pytest.raises(ToolError, match=words):
        await run(ADD_EXPENSE, world.ctx(ETHAN, answers={"confirm": True}), args)
    assert all(method == "GET" for method, _ in world.counter.requests)
