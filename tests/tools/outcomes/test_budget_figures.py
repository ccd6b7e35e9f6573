"""budget_status for every demo project, recomputed on its own from the sandbox's store:
its entries, rates and expenses, and its projects' budgets and fees."""

from __future__ import annotations

import math
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from sqlalchemy import select

from harvestkit.sandbox import tables
from harvestkit.tools.outcomes.budget import BUDGET_STATUS
from harvestkit.tools.outcomes.forecast import forecast

from .conftest import MARCUS, NY_EVENING, PRIYA, World, run

pytestmark = pytest.mark.anyio

TODAY = date(2026, 11, 20)  # NY_EVENING in New York
WINDOW = date(2026, 10, 19)  # the four full weeks (Mondays) before the week of TODAY
CENT = Decimal("0.01")


def _rows(world: World, table: Any) -> list[Any]:
    with world.sandbox.engine.connect() as conn:
        return list(conn.execute(select(table)))


def _hours(entry: Any) -> Decimal:
    """Hours as Harvest counts them at NY_EVENING (rounding is off in the demo)."""
    value = Decimal(str(entry.hours_without_timer))
    if entry.timer_started_at is not None:
        started = entry.timer_started_at.replace(tzinfo=NY_EVENING.tzinfo)
        value += Decimal(str(max((NY_EVENING - started).total_seconds(), 0) / 3600))
    return value


class Expected:
    """What the figures of one project are, from the store alone."""

    def __init__(self, world: World, project: Any) -> None:
        self.project = project
        self.entries = [e for e in _rows(world, tables.time_entries) if e.project_id == project.id]
        self.expenses = [
            x for x in _rows(world, tables.expenses) if x.project_id == project.id and x.billable
        ]
        self.tasks = [
            a for a in _rows(world, tables.task_assignments) if a.project_id == project.id
        ]
        self.people = [
            a for a in _rows(world, tables.user_assignments) if a.project_id == project.id
        ]
        self.fixed_fee = project.budget_by == "none" and project.is_fixed_fee
        self.money = project.budget_by in ("project_cost", "task_fees") or self.fixed_fee
        self.with_expenses = self.fixed_fee or (
            project.budget_by == "project_cost" and bool(project.cost_budget_include_expenses)
        )

    def value(self, entry: Any) -> Decimal:
        if not self.money:
            return _hours(entry)
        rate = entry.billable_rate if entry.billable else None
        if self.fixed_fee and self.project.bill_by == "none":
            rate = entry.cost_rate
        return _hours(entry) * Decimal(str(rate)) if rate is not None else Decimal(0)

    def dated(self) -> list[tuple[date, Decimal]]:
        items = [(e.spent_date, self.value(e)) for e in self.entries if e.spent_date <= TODAY]
        if self.with_expenses:
            items += [(x.spent_date, Decimal(str(x.total_cost))) for x in self.expenses]
        return items

    def budget(self) -> Decimal:
        p = self.project
        if self.fixed_fee:
            return Decimal(str(p.fee))
        if p.budget_by == "project_cost":
            return Decimal(str(p.cost_budget))
        parts = {"task": self.tasks, "task_fees": self.tasks, "person": self.people}
        assigned = [a.budget for a in parts.get(p.budget_by, []) if a.budget is not None]
        return (
            sum((Decimal(str(b)) for b in assigned), Decimal(0))
            if assigned
            else Decimal(str(p.budget))
        )

    def spent(self) -> Decimal:
        first = TODAY.replace(day=1)
        counted = [v for d, v in self.dated() if not self.project.budget_is_monthly or d >= first]
        return sum(counted, Decimal(0)).quantize(CENT, ROUND_HALF_UP)

    def weekly(self) -> list[Decimal]:
        weeks = [Decimal(0)] * 4
        for day, value in self.dated():
            if WINDOW <= day < WINDOW + timedelta(weeks=4):
                weeks[(day - WINDOW).days // 7] += value
        return weeks


async def test_every_project_figure_is_what_the_store_says(world: World) -> None:
    projects = _rows(world, tables.projects)
    kinds = {(p.bill_by, p.budget_by, bool(p.is_fixed_fee)) for p in projects}
    assert {b for b, _, _ in kinds} == {"Project", "Tasks", "People", "none"}
    assert {b for _, b, _ in kinds} >= {"project", "project_cost", "task", "task_fees", "person"}
    assert {(b == "none", f) for _, b, f in kinds} >= {(True, True), (False, True)}
    for project in projects:
        result = await run(BUDGET_STATUS, world.ctx(), {"project": str(project.id)})
        expected = Expected(world, project)
        if project.budget_by == "none" and not project.is_fixed_fee:
            assert result.verdict == "no_budget", project.name
            continue
        budget, spent = expected.budget(), expected.spent()
        assert result.budget == budget, project.name
        assert abs(result.spent - spent) <= CENT * (len(expected.entries) + 1), project.name
        assert result.remaining == result.budget - result.spent, project.name
        weekly = expected.weekly()
        burn = (sum(weekly, Decimal(0)) / 4).quantize(CENT, ROUND_HALF_UP)
        assert abs(result.burn_per_week - burn) <= CENT * 4, project.name
        assert result.burn_weeks == "2026-10-19..2026-11-15"
        if result.remaining <= 0:
            assert result.projected_run_out == TODAY and result.verdict == "over"
        elif result.burn_per_week > 0:
            days = math.ceil(result.remaining / result.burn_per_week * 7)
            assert result.projected_run_out == TODAY + timedelta(days=days), project.name


async def test_fixed_fee_without_a_budget_is_measured_against_its_fee(world: World) -> None:
    audit = await run(BUDGET_STATUS, world.ctx(), {"project": "Accessibility Audit"})
    assert (audit.budget_kind, audit.budget, audit.unit) == ("fixed fee", Decimal(12000), "USD")
    assert audit.spent is not None and audit.spent > 0 and audit.verdict != "no_budget"
    assert "against the fixed fee" in audit.counts
    annual = await run(BUDGET_STATUS, world.ctx(), {"project": "Annual Report Site"})
    assert annual.budget == Decimal(9000) and annual.spent is not None and annual.spent > 0
    assert "cost rates" in annual.counts  # no billable rates on that project


async def test_burn_counts_expenses_where_the_budget_does(world: World) -> None:
    result = await run(BUDGET_STATUS, world.ctx(), {"project": "Holiday Campaign"})
    expected = Expected(world, _project(world, "Holiday Campaign"))
    assert expected.with_expenses and "expenses" in result.counts
    time_only = sum(
        (
            expected.value(e)
            for e in expected.entries
            if WINDOW <= e.spent_date < WINDOW + timedelta(weeks=4)
        ),
        Decimal(0),
    )
    assert result.burn_per_week is not None and result.burn_per_week * 4 > time_only


async def test_the_projects_manager_and_an_administrator_get_the_same_figures(
    world: World,
) -> None:
    lead = await run(BUDGET_STATUS, world.ctx(MARCUS), {"project": "Dispatch Dashboard"})
    admin = await run(BUDGET_STATUS, world.ctx(), {"project": "Dispatch Dashboard"})
    keys = ("spent", "remaining", "burn_per_week", "weeks_remaining", "projected_run_out")
    assert {k: getattr(lead, k) for k in keys} == {k: getattr(admin, k) for k in keys}
    assert not lead.partial and lead.verdict == "at_risk"


async def test_another_manager_gets_a_clear_partial(world: World) -> None:
    other = await run(BUDGET_STATUS, world.ctx(PRIYA), {"project": "Dispatch Dashboard"})
    admin = await run(BUDGET_STATUS, world.ctx(), {"project": "Dispatch Dashboard"})
    assert other.partial and other.partial_reason and "manager" in other.partial_reason
    assert other.spent == admin.spent  # Harvest's budget report covers the whole project
    assert other.burn_per_week is None and other.projected_run_out is None


async def test_a_run_out_within_four_weeks_warns_without_an_end_date(world: World) -> None:
    result = await run(BUDGET_STATUS, world.ctx(), {"project": "Dispatch Dashboard"})
    assert _project(world, "Dispatch Dashboard").ends_on is None
    assert result.verdict == "at_risk"
    assert result.reason.startswith("at this pace the budget runs out in about 3 weeks, on ")


def test_forecast_warns_within_the_horizon_or_before_the_end() -> None:
    weekly = [Decimal(10)] * 4
    soon = forecast(Decimal(30), weekly, TODAY)
    assert soon.warns and soon.run_out == date(2026, 12, 11)
    assert soon.message == "at this pace the budget runs out in about 3 weeks, on 11 December"
    later = forecast(Decimal(100), weekly, TODAY)
    assert not later.warns and later.weeks_remaining == Decimal(10)
    ends = forecast(Decimal(100), weekly, TODAY, ends_on=date(2027, 3, 1))
    assert ends.warns and "before the end on 1 March" in ends.message
    assert not forecast(Decimal(100), [Decimal(0)] * 4, TODAY).warns
    assert forecast(Decimal(-1), weekly, TODAY).warns


def _project(world: World, name: str) -> Any:
    return next(p for p in _rows(world, tables.projects) if p.name == name)


async def test_running_out_before_the_end_date_warns_beyond_four_weeks(world: World) -> None:
    before = await run(BUDGET_STATUS, world.ctx(), {"project": "Patient Portal"})
    assert before.verdict == "on_track" and before.projected_run_out is not None
    assert before.projected_run_out > TODAY + timedelta(weeks=4)
    ends = before.projected_run_out - timedelta(days=10)
    await world.ctx().harvest.call("projects.update", project_id=before.project.id, ends_on=ends)
    ended = await run(BUDGET_STATUS, world.ctx(), {"project": "Patient Portal"})
    assert ended.verdict == "on_track"  # the project ends before the budget runs out
    ends = before.projected_run_out + timedelta(days=10)
    await world.ctx().harvest.call("projects.update", project_id=before.project.id, ends_on=ends)
    short = await run(BUDGET_STATUS, world.ctx(), {"project": "Patient Portal"})
    assert short.verdict == "at_risk" and "before the end on" in short.reason


async def test_a_run_out_within_four_weeks_warns_with_an_end_date(world: World) -> None:
    project = _project(world, "Dispatch Dashboard")
    await world.ctx().harvest.call(
        "projects.update", project_id=project.id, ends_on=date(2027, 6, 30)
    )
    result = await run(BUDGET_STATUS, world.ctx(), {"project": "Dispatch Dashboard"})
    assert result.verdict == "at_risk" and "about 3 weeks" in result.reason
