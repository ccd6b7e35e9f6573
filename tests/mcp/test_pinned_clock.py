"""One clock: `--now` (or HARVESTKIT_NOW) pins "today" for the tools and the embedded
sandbox alike, and is refused against Harvest itself.

The instant is 23:30 in New York on Friday 20 November 2026, already Saturday in UTC: a
tool that read the machine's clock or UTC's date would log on the wrong day.
"""

from __future__ import annotations

import json
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from mcp import Client, StdioServerParameters
from typer.testing import CliRunner

from harvestkit.cli.main import app
from harvestkit.clock import ClockError, parse_instant
from tests.conftest import private_env

HARVESTKIT = str(Path(sys.executable).with_name("harvestkit"))
PINNED = "2026-11-20T23:30-05:00"
DAY = date(2026, 11, 20)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def _call(client: Client, tool: str, arguments: dict[str, Any]) -> dict[str, Any]:
    result = await client.call_tool(tool, arguments)
    assert not result.is_error, result.content
    assert result.structured_content is not None
    return result.structured_content


@pytest.mark.anyio
@pytest.mark.parametrize("how", ["option", "variable"])
async def test_serve_sandbox_lives_on_the_pinned_day(how: str) -> None:
    args = ["serve", "--sandbox"] + (["--now", PINNED] if how == "option" else [])
    env = private_env(**({"HARVESTKIT_NOW": PINNED} if how == "variable" else {}))
    params = StdioServerParameters(command=HARVESTKIT, args=args, env=env)
    async with Client(params) as client:
        logged = await _call(
            client,
            "log_time",
            {"entries": [{"project": "Internal Training", "duration": "1h", "notes": "pinned"}]},
        )
        started = await _call(client, "start_timer", {"project": "Internal Training"})
        listed = await _call(
            client, "harvest_time_entries_list", {"from_": str(DAY), "to": str(DAY)}
        )
        budget = await _call(client, "budget_status", {"project": "Website Redesign"})
    assert json.dumps(logged).count(str(DAY)) >= 1, logged
    assert started["timer"]["spent_date"] == str(DAY)
    # Harvest's own state: both entries on the pinned day, written at the pinned instant by
    # the sandbox's clock (its timestamps are UTC, already the 21st there).
    ours = [e for e in listed["time_entries"] if e.get("notes") == "pinned" or e["is_running"]]
    assert len(ours) == 2, listed["time_entries"]
    assert all(e["spent_date"] == str(DAY) for e in ours)
    # budget_status counts weeks up to the same day, not the machine's.
    weeks = [date.fromisoformat(w["week_start"]) for w in budget.get("recent_weeks", [])]
    assert weeks, budget
    assert DAY - timedelta(days=13) <= max(weeks) <= DAY


@pytest.mark.anyio
async def test_the_embedded_sandbox_reads_the_same_clock() -> None:
    params = StdioServerParameters(
        command=HARVESTKIT, args=["serve", "--sandbox", "--now", PINNED], env=private_env()
    )
    async with Client(params) as client:
        started = await _call(client, "start_timer", {"project": "Internal Training"})
        listed = await _call(
            client,
            "harvest_time_entries_list",
            {"is_running": True, "response_format": "detailed"},
        )
    [entry] = [e for e in listed["time_entries"] if e["id"] == started["timer"]["id"]]
    created = datetime.fromisoformat(entry["created_at"].replace("Z", "+00:00"))
    assert timedelta(0) <= created - parse_instant(PINNED) < timedelta(minutes=5)


def _run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_call_takes_the_pinned_day_from_the_variable() -> None:
    code, out, err = _run(
        "call",
        "my_time",
        "--sandbox",
        "--json",
        '{"period": "today"}',
        env={"HARVESTKIT_NOW": PINNED},
    )
    assert code == 0, err
    result = json.loads(out)
    assert (result["start"], result["end"]) == (str(DAY), str(DAY))


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["call", "my_time", "--now", PINNED], "only with a sandbox"),
        (["call", "my_time", "--sandbox", "--now", "tomorrow"], "cannot read"),
        (["call", "my_time", "--sandbox", "--now", "2026-11-20T18:00"], "no UTC offset"),
        (["serve", "--now", PINNED], "only with a sandbox"),
        (["import", "time", __file__, "--now", PINNED], "only with a sandbox"),
    ],
)
def test_a_pinned_clock_against_harvest_is_refused(args: list[str], said: str) -> None:
    env = {"HARVEST_ACCESS_TOKEN": "t", "HARVEST_ACCOUNT_ID": "1", "HARVEST_BASE_URL": ""}
    code, _, err = _run(*args, env=env)
    assert code == 2 and said in err, err


def test_a_pinned_clock_may_reach_a_sandbox_served_elsewhere() -> None:
    from harvestkit.cli._clock import clock_for

    env_url = "http://127.0.0.1:8765/v2"
    assert clock_for(PINNED, sandbox=False, base_url=env_url).pinned


@pytest.mark.parametrize(
    ("text", "instant"),
    [
        ("2026-11-20T18:00-05:00", "2026-11-20T23:00:00+00:00"),
        ("2027-01-01T04:30Z", "2027-01-01T04:30:00+00:00"),
        (" 2028-02-29T12:00:00+00:00 ", "2028-02-29T12:00:00+00:00"),
    ],
)
def test_instants_are_read_with_their_offset(text: str, instant: str) -> None:
    assert parse_instant(text).isoformat() == instant


def test_an_instant_without_offset_is_refused() -> None:
    with pytest.raises(ClockError, match="no UTC offset"):
        parse_instant("2026-11-20T18:00")
