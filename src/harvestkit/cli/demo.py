"""`harvestkit demo`: the outcome tools at work, in one command.

Starts the demo sandbox in process ("Bright Harbor Studio"), serves the catalog through the
MCP server, connects a real MCP client session as different people of the company, plays
the stories below and prints each tool call and its result. Nothing leaves the machine and
nothing is kept: the sandbox lives in memory.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from typing import Any

import httpx
import typer
from mcp import Client
from mcp_types import ElicitRequestFormParams, ElicitRequestParams, ElicitResult

from harvestkit.api import AsyncHarvest
from harvestkit.api.operations import (
    USERS_LIST,
)
from harvestkit.cli._clock import NowOption, clock_for
from harvestkit.clock import system_now
from harvestkit.mcp import create_server
from harvestkit.sandbox import SandboxConfig, create_app
from harvestkit.tools import select
from harvestkit.tools.outcomes import OUTCOME_TOOLS
from harvestkit.tools.timeframes import zone_for

TOKEN = "demo-admin-token"
ACCOUNT_ID = 4477001
NEW_YORK = zone_for("Eastern Time (US & Canada)")
MAX_ITEMS = 4
"""Lists in printed results are cut to this many items (the rest are counted)."""


@dataclass(frozen=True)
class Step:
    """One tool call in a story."""

    tool: str
    arguments: dict[str, Any]
    choose: str | None = None
    """When the tool asks to choose, pick the option whose label contains this."""


@dataclass(frozen=True)
class Story:
    """A person of the demo company and what they ask for."""

    title: str
    person: str
    steps: list[Step] = field(default_factory=list)


STORIES = [
    Story(
        "A consultant in New York logs the day at 6 pm",
        "Ethan Brooks",
        [
            Step(
                "log_time",
                {
                    "entries": [
                        {
                            "project": "the Williams account",
                            "task": "Development",
                            "duration": "4 hours",
                        },
                        {"project": "internal training", "duration": "2h"},
                    ]
                },
            ),
            Step(
                "log_time",
                {"entries": [{"project": "Website", "task": "Design", "duration": "1:30"}]},
                choose="Redesign",
            ),
            Step("log_time", {"entries": [{"project": "Moon Base", "duration": "1h"}]}),
            Step("my_time", {"period": "today"}),
        ],
    ),
    Story(
        "A project lead asks how many weeks of budget remain",
        "Marcus Bell",
        [Step("budget_status", {"project": "Dispatch Dashboard"})],
    ),
    Story(
        "An administrator asks why the Williams invoice is what it is",
        "Avery Admin",
        [
            Step("explain_invoice", {"client": "Williams"}),
            Step("timesheet_gaps", {"period": "last week"}),
        ],
    ),
]


def _trim(value: Any) -> Any:
    if isinstance(value, list):
        shown = [_trim(v) for v in value[:MAX_ITEMS]]
        if len(value) > MAX_ITEMS:
            shown.append(f"… {len(value) - MAX_ITEMS} more")
        return shown
    if isinstance(value, dict):
        return {k: _trim(v) for k, v in value.items() if v is not None}
    return value


class Chooser:
    """Answers elicitation like a person would: picks the option the story names."""

    def __init__(self, echo: Callable[[str], None]) -> None:
        self.echo = echo
        self.word: str | None = None

    async def __call__(self, context: Any, params: ElicitRequestParams) -> ElicitResult:
        assert isinstance(params, ElicitRequestFormParams)
        options = params.requested_schema["properties"].get("choice", {}).get("oneOf", [])
        pick = next((o for o in options if self.word and self.word in o["title"]), None)
        if pick is None:
            self.echo(f"  ? {params.message} → declined")
            return ElicitResult(action="decline")
        self.echo(f"  ? {params.message} → {pick['title']}")
        return ElicitResult(action="accept", content={"choice": pick["const"]})


def _evening(now: datetime) -> datetime:
    """18:00 in New York on today's date there."""
    local = now.astimezone(NEW_YORK).date()
    return datetime.combine(local, time(18, 0), tzinfo=NEW_YORK).astimezone(UTC)


async def _user_id(app: Any, name: str) -> int:
    async with _client(app, TOKEN) as harvest:
        async for user in harvest.paginate(USERS_LIST):
            if f"{user.first_name} {user.last_name}" == name:
                return int(user.id)
    raise RuntimeError(f"the demo company has no {name}")


def _client(app: Any, token: str) -> AsyncHarvest:
    return AsyncHarvest(
        token,
        ACCOUNT_ID,
        base_url="http://sandbox.test/v2",
        identity_url="http://sandbox.test",
        transport=httpx.ASGITransport(app=app),
    )


def _factory(app: Any, token: str) -> Callable[[], AsyncHarvest]:
    return lambda: _client(app, token)


async def play(echo: Callable[[str], None], at: datetime | None = None) -> int:
    """Play every story at `at` (default: 6 pm in New York today, by the pinned clock if any);
    returns how many calls failed unexpectedly (the unknown-name call is meant to fail and is
    not counted)."""
    now = at or _evening(system_now())
    config = SandboxConfig(db=":memory:", seed="demo", token=TOKEN, account_id=ACCOUNT_ID, now=now)
    app = create_app(config)
    # Stopped, so every story sees the same instant as the sandbox does.
    app.state.sandbox.clock.set(now)
    clock = app.state.sandbox.clock.exact
    tools = select(OUTCOME_TOOLS, defaults=False)
    failures = 0
    echo(
        f"Bright Harbor Studio (demo sandbox), {now.astimezone(NEW_YORK):%A %d %B %Y %H:%M} "
        "in New York\n"
    )
    for story in STORIES:
        token = app.state.sandbox.mint_token(await _user_id(app, story.person))
        server = create_server(tools, _factory(app, token), clock=clock)
        chooser = Chooser(echo)
        echo(f"== {story.title} ({story.person})")
        async with Client(server, elicitation_callback=chooser) as session:
            for step in story.steps:
                chooser.word = step.choose
                echo(f"→ {step.tool} {json.dumps(step.arguments, ensure_ascii=False)}")
                result = await session.call_tool(step.tool, step.arguments)
                if result.is_error:
                    text = " ".join(getattr(block, "text", "") for block in result.content)
                    echo(f"← error: {text}")
                    failures += "Moon Base" not in json.dumps(step.arguments)
                else:
                    shown = json.dumps(
                        _trim(result.structured_content), indent=2, ensure_ascii=False
                    )
                    echo("← " + shown.replace("\n", "\n  "))
        echo("")
    app.state.sandbox.close()
    return failures


def demo(now: NowOption = None) -> None:
    """Play the outcome stories against the demo sandbox through a real MCP client session."""
    clock = clock_for(now, sandbox=True)
    failures = asyncio.run(play(typer.echo, clock.start))
    if failures:
        raise typer.Exit(1)
