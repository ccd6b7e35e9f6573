"""budget_status: the project lead's question, money budgets, verdicts, the chart."""

from __future__ import annotations

import base64
import struct
import zlib
from datetime import date
from decimal import Decimal

import pytest

from harvestkit.tools import ToolError
from harvestkit.tools.outcomes._chart import Canvas, encode_png
from harvestkit.tools.outcomes.budget import BUDGET_STATUS

from .conftest import ETHAN, MARCUS, RAVI, World, run

pytestmark = pytest.mark.anyio


async def test_project_lead_learns_how_many_weeks_of_budget_remain(world: World) -> None:
    result = await run(BUDGET_STATUS, world.ctx(MARCUS), {"project": "Dispatch Dashboard"})
    assert (result.budget_by, result.unit, result.budget) == ("project", "hours", Decimal("645"))
    assert result.remaining == result.budget - result.spent
    assert result.burn_per_week > 0
    assert result.weeks_remaining == (result.remaining / result.burn_per_week).quantize(
        Decimal("0.1")
    )
    assert result.projected_run_out is not None and result.projected_run_out > date(2026, 11, 20)
    assert len(result.recent_weeks) == 4
    assert result.recent_weeks[-1].week_start == date(2026, 11, 9)  # weeks start on Monday
    average = sum(w.spent for w in result.recent_weeks) / 4
    assert abs(average - result.burn_per_week) <= Decimal("0.01")
    # About three weeks left: inside the four-week horizon, so it warns.
    assert result.percent_used == Decimal("79.2") and result.verdict == "at_risk"
    assert result.weeks_remaining is not None and result.weeks_remaining < 4


async def test_crossing_the_notification_threshold_puts_a_project_at_risk(world: World) -> None:
    from harvestkit.tools.outcomes.log_time import LOG_TIME

    entry = {"project": "Dispatch Dashboard", "task": "QA", "duration": "6h"}
    await run(LOG_TIME, world.ctx(), {"entries": [entry]})
    result = await run(BUDGET_STATUS, world.ctx(), {"project": "Dispatch Dashboard"})
    assert result.percent_used == Decimal("80.1") and result.verdict == "at_risk"


async def test_over_budget_project(world: World) -> None:
    result = await run(BUDGET_STATUS, world.ctx(), {"project": "WCO-WEB"})
    assert result.verdict == "over" and result.remaining < 0


async def test_money_budget_in_the_client_currency(world: World) -> None:
    result = await run(BUDGET_STATUS, world.ctx(), {"project": "e-commerce launch"})
    assert (result.budget_by, result.unit) == ("project_cost", "USD")
    assert result.budget == Decimal("124000")
    assert result.budget_kind == "total project fees"


async def test_project_without_budget(world: World) -> None:
    result = await run(BUDGET_STATUS, world.ctx(), {"project": "Internal Admin"})
    assert result.verdict == "no_budget" and result.budget is None


async def test_monthly_budget_horizon_is_the_month_end(world: World) -> None:
    result = await run(BUDGET_STATUS, world.ctx(), {"project": "SEO Retainer", "weeks": 2})
    assert result.monthly and len(result.recent_weeks) == 2
    assert result.verdict in ("on_track", "at_risk")


async def test_member_cannot_ask_about_a_project_they_are_not_on(world: World) -> None:
    with pytest.raises(ToolError) as failed:
        await run(BUDGET_STATUS, world.ctx(RAVI), {"project": "Website Redesign"})
    assert all("Website Redesign" not in c["name"] for c in failed.value.candidates)


async def test_member_without_budget_visibility_is_told_so(world: World) -> None:
    with pytest.raises(ToolError) as failed:
        await run(BUDGET_STATUS, world.ctx(ETHAN), {"project": "Website Maintenance"})
    assert "not shown to you" in failed.value.message


async def test_chart_is_a_valid_png(world: World) -> None:
    result = await run(
        BUDGET_STATUS, world.ctx(), {"project": "Website Maintenance", "chart": True}
    )
    assert result.chart is not None and result.chart.mime_type == "image/png"
    png = base64.b64decode(result.chart.data_base64)
    width, height = _decode_size(png)
    assert (width, height) == (480, 240)


def _decode_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    length, kind = struct.unpack(">I4s", png[8:16])
    assert kind == b"IHDR" and length == 13
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_png_encoder_round_trips_pixels() -> None:
    canvas = Canvas(4, 3)
    canvas.line(0, 0, 3, 2, (255, 0, 0), width=1)
    png = canvas.png()
    idat_at = png.index(b"IDAT")
    (length,) = struct.unpack(">I", png[idat_at - 4 : idat_at])
    raw = zlib.decompress(png[idat_at + 4 : idat_at + 4 + length])
    rows = [raw[r * 13 + 1 : (r + 1) * 13] for r in range(3)]
    assert rows[0][0:3] == b"\xff\x00\x00" and rows[2][9:12] == b"\xff\x00\x00"
    assert rows[0][9:12] == b"\xff\xff\xff"
    crc_at = idat_at + 4 + length
    assert struct.unpack(">I", png[crc_at : crc_at + 4])[0] == zlib.crc32(
        png[idat_at : idat_at + 4 + length]
    )
    assert encode_png(1, 1, b"\x00\x00\x00").endswith(b"IEND\xaeB`\x82")


@pytest.mark.parametrize(
    ("project", "kind"), [("Patient Portal", "task"), ("Website Maintenance", "person")]
)
async def test_detailed_shows_each_task_or_person_budget(
    world: World, project: str, kind: str
) -> None:
    args = {"project": project, "response_format": "detailed"}
    result = await run(BUDGET_STATUS, world.ctx(), args)
    assert result.budget_by == kind and result.parts
    budgets = [p.budget for p in result.parts if p.budget is not None]
    assert sum(budgets) == result.budget
    for part in result.parts:
        if part.budget is not None:
            assert part.remaining == part.budget - part.spent
    assert abs(sum(p.spent for p in result.parts) - result.spent) <= Decimal("0.05") * result.spent
    concise = await run(BUDGET_STATUS, world.ctx(), {"project": project})
    assert concise.parts == []
