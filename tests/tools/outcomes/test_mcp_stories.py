"""The stories through a real MCP client session against the demo sandbox: a consultant's
evening in New York, an invoice explained, a project lead's budget question, and a name
that needs a choice (by elicitation, and by calling again where the client can't elicit)."""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from typing import Any, Literal

import pytest
from mcp import Client
from mcp_types import ElicitRequestFormParams, ElicitRequestParams, ElicitResult, TextContent

from harvestkit.api import AsyncHarvest, RateLimits
from harvestkit.mcp import create_server
from harvestkit.tools import select
from harvestkit.tools.outcomes import OUTCOME_TOOLS
from tests.conftest import ACCOUNT_ID

from .conftest import ETHAN, MARCUS, NY_EVENING, RATE_LIMIT_SCALE, World

pytestmark = pytest.mark.anyio

MODES = ["auto", "legacy"]


def server_for(world: World, user_id: int | None, now: datetime = NY_EVENING) -> Any:
    """A server acting as `user_id`, its clock and the sandbox's pinned to `now`."""
    world.pin(now)
    secret = world.token(user_id)

    def factory() -> AsyncHarvest:
        return AsyncHarvest(
            secret,
            ACCOUNT_ID,
            base_url="http://sandbox.test/v2",
            identity_url="http://sandbox.test",
            transport=world.counter,
            rate_limits=RateLimits().scaled(RATE_LIMIT_SCALE),
        )

    tools = select(OUTCOME_TOOLS, defaults=False)
    return create_server(tools, factory, clock=lambda: now)


class Pick:
    """Answers a choice elicitation with the option whose label contains `word`."""

    def __init__(self, word: str, action: Literal["accept", "decline"] = "accept") -> None:
        self.word, self.action = word, action
        self.asked: list[str] = []

    async def __call__(self, context: Any, params: ElicitRequestParams) -> ElicitResult:
        assert isinstance(params, ElicitRequestFormParams)
        self.asked.append(params.message)
        options = params.requested_schema["properties"]["choice"]["oneOf"]
        value = next(o["const"] for o in options if self.word in o["title"])
        return ElicitResult(action=self.action, content={"choice": value})


async def test_consultant_logs_williams_and_training_at_six_pm_in_new_york(
    world: World,
) -> None:
    story = {
        "entries": [
            {"project": "the Williams account", "task": "Development", "duration": "4 hours"},
            {"project": "internal training", "duration": "2h"},
        ]
    }
    async with Client(server_for(world, ETHAN)) as client:
        result = await client.call_tool("log_time", story)
    assert not result.is_error, result.content
    logged = result.structured_content["logged"]
    assert [(e["project"]["name"], e["hours"], e["spent_date"]) for e in logged] == [
        ("Website Redesign", "4.00", "2026-11-20"),
        ("Internal Training", "2.00", "2026-11-20"),
    ]
    assert [w["kind"] for w in result.structured_content["warnings"]] == ["over_budget"]


async def test_a_clients_invoice_is_explained_line_by_line(world: World) -> None:
    async with Client(server_for(world, None)) as client:
        result = await client.call_tool(
            "explain_invoice", {"client": "Williams", "period": "this month"}
        )
    assert not result.is_error, result.content
    data = result.structured_content
    assert data["invoice"]["number"] == "1037" and data["lines"]
    assert data["comparison"]["previous"]["number"] == "1029"
    assert {p["ref"]["name"] for p in data["by_person"]}


async def test_project_lead_learns_how_many_weeks_of_budget_remain(world: World) -> None:
    async with Client(server_for(world, MARCUS)) as client:
        result = await client.call_tool(
            "budget_status", {"project": "Dispatch Dashboard", "chart": True}
        )
    assert not result.is_error, result.content
    data = result.structured_content
    assert float(data["weeks_remaining"]) > 0 and data["projected_run_out"] > "2026-11-20"
    images = [block for block in result.content if block.type == "image"]
    assert len(images) == 1 and images[0].mime_type == "image/png"
    assert base64.b64decode(images[0].data).startswith(b"\x89PNG")


@pytest.mark.parametrize("mode", MODES)
async def test_two_website_projects_are_asked_about_by_elicitation(world: World, mode: str) -> None:
    pick = Pick("Maintenance")
    args = {"entries": [{"project": "Website", "task": "Development", "duration": "1h"}]}
    async with Client(server_for(world, ETHAN), mode=mode, elicitation_callback=pick) as client:
        result = await client.call_tool("log_time", args)
    assert not result.is_error, result.content
    assert pick.asked == ["Which project did you mean by 'Website'?"]
    assert result.structured_content["logged"][0]["project"]["name"] == "Website Maintenance"


@pytest.mark.parametrize("mode", MODES)
async def test_without_elicitation_a_needs_choice_result_then_a_second_call(
    world: World, mode: str
) -> None:
    args: dict[str, Any] = {
        "entries": [{"project": "Website", "task": "Development", "duration": "1h"}]
    }
    async with Client(server_for(world, ETHAN), mode=mode) as client:
        pending = await client.call_tool("log_time", args)
        data = pending.structured_content
        assert data["status"] == "needs_choice"
        assert len(data["choices"]) == 2
        redesign = next(c["value"] for c in data["choices"] if "Redesign" in c["label"])
        done = await client.call_tool("log_time", {**args, "entries.0.project": redesign})
    assert not done.is_error, done.content
    assert done.structured_content["logged"][0]["project"]["name"] == "Website Redesign"


async def test_unknown_name_is_an_error_with_candidates_and_no_write(world: World) -> None:
    args = {"entries": [{"project": "Moon Base", "duration": "1h"}]}
    async with Client(server_for(world, ETHAN)) as client:
        result = await client.call_tool("log_time", args)
    assert result.is_error
    text = result.content[0]
    assert isinstance(text, TextContent) and "nothing was changed" in text.text
    writes = [r for r in world.counter.requests if r[0] != "GET"]
    assert writes == []


async def test_evening_in_berlin_is_already_tomorrow(world: World) -> None:
    # Lena works from Berlin: at 23:00 UTC it is Saturday there.
    lena = 1782891
    async with Client(server_for(world, lena, datetime(2026, 11, 20, 23, tzinfo=UTC))) as c:
        result = await c.call_tool(
            "log_time", {"entries": [{"project": "internal training", "duration": "1h"}]}
        )
    assert result.structured_content["logged"][0]["spent_date"] == "2026-11-21"
