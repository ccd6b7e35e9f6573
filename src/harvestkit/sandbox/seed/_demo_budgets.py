"""Budgets fitted to the tracked time, so each project tells its story whatever the day:
Website Redesign a little over budget, Dispatch Dashboard running out in about three weeks,
the others with room left."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal

from ._demo_world import Row, World

_OVER = Decimal("1.06")  # Website Redesign: 6 % over budget
_RUNWAY_WEEKS = 3  # Dispatch Dashboard


def _up(value: Decimal, step: int) -> Decimal:
    return (value / step).to_integral_value(rounding=ROUND_CEILING) * step


def fit_budgets(world: World, entries: list[Row], expenses: list[Row]) -> None:
    """Set project, task and person budgets from what was tracked, and the date each
    notified project passed 80 % of its budget."""
    by_id = {project["id"]: key for key, project in world.projects.items()}
    hours: dict[str, Decimal] = defaultdict(Decimal)
    fees: dict[str, Decimal] = defaultdict(Decimal)
    task_hours: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    task_fees: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    person_hours: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    recent: dict[str, Decimal] = defaultdict(Decimal)
    month_hours: dict[tuple[str, int, int], Decimal] = defaultdict(Decimal)
    four_weeks_ago = world.end - timedelta(days=28)
    for entry in entries:
        key = by_id[entry["project_id"]]
        spent = entry["hours_without_timer"]
        fee = spent * (entry["billable_rate"] or 0)
        hours[key] += spent
        fees[key] += fee
        task_hours[(key, entry["task_assignment_id"])] += spent
        task_fees[(key, entry["task_assignment_id"])] += fee
        person_hours[(key, entry["user_assignment_id"])] += spent
        month_hours[(key, entry["spent_date"].year, entry["spent_date"].month)] += spent
        if entry["spent_date"] > four_weeks_ago:
            recent[key] += spent
    spent_expenses: dict[str, Decimal] = defaultdict(Decimal)
    for expense in expenses:
        spent_expenses[by_id[expense["project_id"]]] += expense["total_cost"]

    projects = world.projects
    projects["redesign"]["budget"] = _up(hours["redesign"] / _OVER, 10)
    weekly = recent["dispatch"] / 4
    projects["dispatch"]["budget"] = _up(hours["dispatch"] + _RUNWAY_WEEKS * weekly, 5)
    projects["training"]["budget"] = _up(hours["training"] * Decimal("1.5"), 10)
    months = [v for (k, _, _), v in month_hours.items() if k == "seo"]
    projects["seo"]["budget"] = _up(max(months, default=Decimal(20)) * Decimal("1.1"), 5)
    projects["holiday"]["cost_budget"] = projects["holiday"]["fee"]
    projects["ecommerce"]["cost_budget"] = _up(
        (fees["ecommerce"] + spent_expenses["ecommerce"]) * Decimal("1.15"), 1000
    )
    _split(world, "portal", "task_assignments", task_hours, Decimal("1.3"), 10, "budget")
    _split(world, "listing", "task_assignments", task_fees, Decimal("1.25"), 500, "cost_budget")
    _split(world, "maintenance", "user_assignments", person_hours, Decimal("1.2"), 10, "budget")

    for key in ("redesign", "dispatch", "ecommerce"):
        limit = projects[key]["budget"] or projects[key]["cost_budget"]
        money = key == "ecommerce"
        projects[key]["over_budget_notification_date"] = _crossed(
            entries, projects[key]["id"], limit * Decimal("0.8"), money
        )


def _split(
    world: World,
    key: str,
    table: str,
    spent: dict[tuple[str, int], Decimal],
    factor: Decimal,
    step: int,
    total_field: str,
) -> None:
    """Per-task or per-person budgets with some room, and the project's total of them."""
    total = Decimal(0)
    project_id = world.projects[key]["id"]
    for row in world.rows[table]:
        if row["project_id"] != project_id:
            continue
        used = spent.get((key, row["id"]), Decimal(0))
        if table == "task_assignments" and not row["billable"] and total_field == "cost_budget":
            continue  # no fee budget for non-billable tasks
        row["budget"] = max(_up(used * factor, step), Decimal(step))
        total += row["budget"]
    world.projects[key][total_field] = total


def _crossed(entries: list[Row], project_id: int, limit: Decimal, money: bool) -> date | None:
    """The day the project's spend first reached `limit` (the last over-budget notice)."""
    total = Decimal(0)
    for entry in sorted(
        (e for e in entries if e["project_id"] == project_id), key=lambda e: e["spent_date"]
    ):
        amount = entry["hours_without_timer"]
        total += amount * (entry["billable_rate"] or 0) if money else amount
        if total >= limit:
            day: date = entry["spent_date"]
            return day
    return None
