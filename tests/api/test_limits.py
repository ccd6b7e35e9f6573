"""Values over the SDK's limits are refused before anything is sent: hours beyond a day,
text beyond 10 000 characters, control characters other than tab and line breaks."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest

from harvestkit.api import RequestLimitError
from harvestkit.tools import ToolContext, ToolError, catalog, execute

from .conftest import mock_async_harvest, mock_harvest

ENTRY: dict[str, Any] = {"project_id": 1, "task_id": 2, "spent_date": date(2026, 11, 2)}
CREATED = {"id": 9, "spent_date": "2026-11-02", "hours": 1.0}


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"hours": Decimal("1e9")}, "hours is 1000000000; a time entry has 0 to 24 hours"),
        ({"hours": Decimal("-1")}, "hours is -1"),
        ({"hours": Decimal(1), "notes": "n" * 1_000_000}, "notes has 1000000 characters"),
        ({"hours": Decimal(1), "notes": "before\x00after"}, r"control character U\+0000"),
        ({"hours": Decimal(1), "notes": "bell\x07"}, r"control character U\+0007"),
    ],
    ids=["billion-hours", "negative-hours", "megabyte-notes", "nul", "bell"],
)
def test_over_a_limit_nothing_is_sent(fields: dict[str, Any], problem: str) -> None:
    sent: list[httpx.Request] = []
    h = mock_harvest(lambda r: sent.append(r) or httpx.Response(201, json=CREATED))
    with pytest.raises(RequestLimitError, match=problem):
        h.time_entries.create(**ENTRY, **fields)
    assert sent == []


@pytest.mark.parametrize(
    "fields",
    [
        {"hours": Decimal(24)},
        {"hours": Decimal(0)},
        {"hours": Decimal(1), "notes": "x" * 10_000},
        {"hours": Decimal(1), "notes": "tab\there\nline\r\nbreaks, ünïcode, emoji 🙂"},
    ],
    ids=["a-whole-day", "zero", "ten-thousand-characters", "tabs-and-line-breaks"],
)
def test_within_the_limits_it_is_sent(fields: dict[str, Any]) -> None:
    sent: list[httpx.Request] = []
    h = mock_harvest(lambda r: sent.append(r) or httpx.Response(201, json=CREATED))
    assert h.time_entries.create(**ENTRY, **fields).id == 9
    assert [r.method for r in sent] == ["POST"]


def test_other_resources_keep_the_text_limits_too() -> None:
    h = mock_harvest(lambda r: httpx.Response(201, json={"id": 1, "name": "x"}))
    with pytest.raises(RequestLimitError, match="name holds the control character"):
        h.clients.create(name="Acme\x00")


@pytest.mark.anyio
async def test_a_pass_through_tool_says_what_was_not_sent() -> None:
    sent: list[httpx.Request] = []
    h = mock_async_harvest(lambda r: sent.append(r) or httpx.Response(201, json=CREATED))
    tool = next(t for t in catalog() if t.name == "harvest_time_entries_create")
    arguments = {**ENTRY, "spent_date": "2026-11-02", "hours": 1e9}
    with pytest.raises(ToolError, match="Not sent to Harvest") as caught:
        await execute(tool, ToolContext(harvest=h), arguments)
    assert "0 to 24 hours" in caught.value.message
    assert sent == []


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
