"""log_time: the consultant's evening, ambiguity, unknown names, duplicates, budgets."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from harvestkit.tools import Detail, NeedsInput, ToolError
from harvestkit.tools.outcomes.log_time import LOG_TIME

from .conftest import ETHAN, World, run

pytestmark = pytest.mark.anyio

STORY = {
    "entries": [
        {"project": "the Williams account", "task": "development", "duration": "4 hours"},
        {"project": "internal training", "duration": "2h"},
    ]
}


async def test_consultant_logs_two_entries_on_new_york_today(world: World) -> None:
    # 18:00 in New York is already Saturday in UTC: both entries must land on Friday.
    result = await run(LOG_TIME, world.ctx(ETHAN), STORY)
    assert [(e.project.name, e.task.name, e.hours, e.spent_date) for e in result.logged] == [
        ("Website Redesign", "Development", Decimal("4.00"), date(2026, 11, 20)),
        ("Internal Training", "Training", Decimal("2.00"), date(2026, 11, 20)),
    ]
    assert [e.billable for e in result.logged] == [True, False]
    assert result.total_hours == Decimal("6.00")


async def test_two_website_projects_are_an_ambiguity_not_a_guess(world: World) -> None:
    args = {"entries": [{"project": "Website", "task": "Development", "duration": "1h"}]}
    before = len(world.counter.requests)
    with pytest.raises(NeedsInput) as asked:
        await run(LOG_TIME, world.ctx(ETHAN), args)
    question = asked.value.question
    assert question.kind == "choice"
    assert sorted(c.label for c in question.choices) == [
        "Website Maintenance [NWO-MNT] (Northwind Outfitters)",
        "Website Redesign [WCO-WEB] (Williams & Co)",
    ]
    assert all(m == "GET" for m, _ in world.counter.requests[before:])
    chosen = next(c.value for c in question.choices if "Maintenance" in c.label)
    ctx = world.ctx(ETHAN, answers={question.key: chosen})
    result = await run(LOG_TIME, ctx, args)
    assert result.logged[0].project.name == "Website Maintenance"


async def test_the_task_question_names_the_project_only_in_its_details(world: World) -> None:
    args = {"entries": [{"project": "Website Redesign", "duration": "1h"}]}
    with pytest.raises(NeedsInput) as asked:
        await run(LOG_TIME, world.ctx(ETHAN), args)
    question = asked.value.question
    assert (question.key, question.kind) == ("entries.0.task", "choice")
    assert question.details == (Detail("project", "Website Redesign"),)
    assert "Website" not in question.message


async def test_unknown_project_writes_nothing_and_lists_candidates(world: World) -> None:
    args = {"entries": [{"project": "Wiliams Retainer", "duration": "1h"}]}
    with pytest.raises(ToolError) as failed:
        await run(LOG_TIME, world.ctx(ETHAN), args)
    assert "nothing was changed" in failed.value.message
    assert failed.value.candidates
    assert all(m == "GET" for m, _ in world.counter.requests)


async def test_member_cannot_log_to_a_project_they_are_not_on(world: World) -> None:
    # Ravi is on SEO Retainer but not on Website Redesign.
    args = {"entries": [{"project": "Website Redesign", "task": "Design", "duration": "1h"}]}
    with pytest.raises(ToolError) as failed:
        await run(LOG_TIME, world.ctx(1782893), args)
    assert "Website Redesign" not in {c["name"].split(" [")[0] for c in failed.value.candidates}


async def test_identical_entry_is_asked_about_before_duplicating(world: World) -> None:
    await run(LOG_TIME, world.ctx(ETHAN), STORY)
    with pytest.raises(NeedsInput) as asked:
        await run(LOG_TIME, world.ctx(ETHAN), STORY)
    assert asked.value.question.kind == "confirm"
    assert [d.label for d in asked.value.question.details] == ["project", "client", "task"]
    posts = [r for r in world.counter.requests if r[0] == "POST"]
    assert len(posts) == 2
    with pytest.raises(ToolError):
        await run(LOG_TIME, world.ctx(ETHAN, answers={asked.value.question.key: False}), STORY)
    again = await run(LOG_TIME, world.ctx(ETHAN), {**STORY, "confirm": True})
    assert len(again.logged) == 2


async def test_just_after_midnight_in_new_york_is_the_new_day(world: World) -> None:
    # 00:30 on 21 November in New York (05:30 UTC); "yesterday" is the 20th.
    now = datetime(2026, 11, 21, 5, 30, tzinfo=UTC)
    args = {
        "entries": [
            {"project": "internal training", "duration": "30m", "date": "yesterday"},
            {"project": "internal training", "duration": "0:45", "date": "today"},
        ]
    }
    result = await run(LOG_TIME, world.ctx(ETHAN, now=now), args)
    assert [e.spent_date for e in result.logged] == [date(2026, 11, 20), date(2026, 11, 21)]


async def test_dst_change_day_uses_the_local_date(world: World) -> None:
    # 1 November 2026, 23:30 EST (after the fall-back) is 04:30 UTC on the 2nd.
    now = datetime(2026, 11, 2, 4, 30, tzinfo=UTC)
    args = {"entries": [{"project": "internal training", "duration": "1h"}]}
    result = await run(LOG_TIME, world.ctx(ETHAN, now=now), args)
    assert result.logged[0].spent_date == date(2026, 11, 1)


async def test_budget_warnings_over_budget_and_notification_threshold(world: World) -> None:
    # Website Redesign is already past its 2210 h; Dispatch Dashboard is at 79.2 % of 645 h,
    # so six more hours cross the 80 % notification threshold.
    args = {
        "entries": [
            {"project": "Website Redesign", "task": "Design", "duration": "1h"},
            {"project": "Dispatch Dashboard", "task": "QA", "duration": "6h"},
        ]
    }
    result = await run(LOG_TIME, world.ctx(), args)
    warnings = {w.project.name: w for w in result.warnings}
    assert warnings["Website Redesign"].kind == "over_budget"
    assert warnings["Dispatch Dashboard"].kind == "notification_threshold"
    assert warnings["Dispatch Dashboard"].spent == Decimal("516.61")
    assert warnings["Dispatch Dashboard"].percent_used == Decimal("80.1")


async def test_warm_budget_check_counts_what_was_logged_since_the_report(world: World) -> None:
    # Dispatch Dashboard is at 510.61 of 645 h (79.2 %): 3 h stay under the 80 % threshold,
    # 3 h more cross it. The second call reuses the report (the reports window is scarce)
    # and still sees the first call's hours.
    first = {"entries": [{"project": "Dispatch Dashboard", "task": "QA", "duration": "3h"}]}
    assert (await run(LOG_TIME, world.ctx(), first)).warnings == []
    before = len(world.counter.requests)
    second = {"entries": [{"project": "Dispatch Dashboard", "task": "QA", "duration": "3h"}]}
    result = await run(LOG_TIME, world.ctx(), {**second, "confirm": True})
    paths = [p for _, p in world.counter.requests[before:]]
    assert not [p for p in paths if p.startswith("/v2/reports/")]
    (warning,) = result.warnings
    assert (warning.kind, warning.spent) == ("notification_threshold", Decimal("516.61"))


async def test_no_warning_well_inside_the_budget(world: World) -> None:
    args = {"entries": [{"project": "SEO Retainer", "task": "SEO", "duration": "1h"}]}
    result = await run(LOG_TIME, world.ctx(), args)
    assert result.warnings == []


async def test_warm_log_time_spends_no_requests_on_reference_data(world: World) -> None:
    await run(LOG_TIME, world.ctx(ETHAN), {"entries": [{"project": "INT-TRN", "duration": "1h"}]})
    before = len(world.counter.requests)
    await run(LOG_TIME, world.ctx(ETHAN), {"entries": [{"project": "INT-TRN", "duration": "2h"}]})
    paths = [p for _, p in world.counter.requests[before:]]
    assert "/v2/users/me" not in paths and "/v2/company" not in paths
    assert paths.count("/v2/time_entries") == 2  # the duplicate check and the write


async def test_a_client_without_elicitation_answers_with_the_question_key(world: World) -> None:
    args = {"entries": [{"project": "Website", "task": "Development", "duration": "1h"}]}
    with pytest.raises(NeedsInput) as asked:
        await run(LOG_TIME, world.ctx(ETHAN), args)
    question = asked.value.question
    redesign = next(c.value for c in question.choices if "Redesign" in c.label)
    result = await run(LOG_TIME, world.ctx(ETHAN), {**args, question.key: redesign})
    assert result.logged[0].project.name == "Website Redesign"
    with pytest.raises(ToolError) as failed:
        await run(LOG_TIME, world.ctx(ETHAN), {**args, "bogus": 1})
    assert "bogus" in failed.value.message


async def test_timestamp_accounts_log_start_and_end_times(world: World) -> None:
    await world.ctx().harvest.call("company.update", wants_timestamp_timers=True)
    args = {"entries": [{"project": "internal training", "duration": "9:00-13:00"}]}
    result = await run(LOG_TIME, world.ctx(ETHAN), args)
    entry = result.logged[0]
    assert (entry.started_time, entry.ended_time, entry.hours) == (
        "9:00am",
        "1:00pm",
        Decimal("4.00"),
    )
    with pytest.raises(ToolError) as failed:
        await run(
            LOG_TIME, world.ctx(ETHAN), {"entries": [{"project": "INT-TRN", "duration": "4h"}]}
        )
    assert "time range" in (failed.value.hint or "")


async def test_duration_accounts_turn_a_time_range_into_hours(world: World) -> None:
    args = {"entries": [{"project": "internal training", "duration": "9:00-10:30"}]}
    result = await run(LOG_TIME, world.ctx(ETHAN), args)
    assert result.logged[0].hours == Decimal("1.50")
    assert result.logged[0].started_time is None


async def test_the_projects_own_notification_threshold_counts(world: World) -> None:
    await world.ctx().harvest.call(
        "projects.update", project_id=14307925, over_budget_notification_percentage=90
    )
    args = {"entries": [{"project": "Dispatch Dashboard", "task": "QA", "duration": "6h"}]}
    result = await run(LOG_TIME, world.ctx(), args)
    assert result.warnings == []  # 80.1 % is under this project's 90 %
