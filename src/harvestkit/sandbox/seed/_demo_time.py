"""Six months of tracked time: weekdays of 7–8 hours in many small entries."""

from __future__ import annotations

from bisect import bisect
from datetime import date, datetime, timedelta
from decimal import Decimal
from itertools import accumulate
from operator import itemgetter

from ._demo_catalog import PROJECTS
from ._demo_staff import DISCIPLINES, PersonSpec
from ._demo_world import Row, World, at, weekdays

APPROVED = "Item Approved and Locked for this Time Period"
CHUNKS = (0.25, 0.25, 0.33, 0.33, 0.42, 0.5, 0.5, 0.58, 0.67, 0.75)
SPEC = {spec.key: spec for spec in PROJECTS}

# What people write on their entries, by task.
_VOCABULARY = {
    "Design": (
        "Homepage wireframes; Style guide updates; Mobile layouts; Icon set; Design "
        "review fixes; Component library; Landing page mockups; Checkout flow screens; "
        "Typography pass; Colour contrast fixes"
    ),
    "Development": (
        "API integration; Fix navigation bug; Code review; Search filters; Deploy to "
        "staging; Checkout refactor; Database migration; Performance tuning; Unit tests; "
        "Form validation; CMS templates; Payment gateway"
    ),
    "Project Management": (
        "Sprint planning; Status report; Client call prep; Timeline update; Backlog "
        "grooming; Budget review; Scope discussion; Resourcing"
    ),
    "Meetings": (
        "Standup; Weekly sync; Client check-in; Retrospective; Kickoff meeting; Design critique"
    ),
    "Research": (
        "User interviews; Competitor review; Analytics deep dive; Survey analysis; "
        "Usability testing"
    ),
    "QA": (
        "Regression testing; Cross-browser testing; Bug verification; Test plan; "
        "Accessibility checks; Release smoke test"
    ),
    "Content Strategy": (
        "Content audit; Sitemap revisions; Copy edits; Editorial calendar; Messaging framework"
    ),
    "Photography": "Product shoot; Photo retouching; Shot list; Location scouting",
    "SEO": (
        "Keyword research; Technical SEO audit; Meta descriptions; Backlink review; "
        "Monthly ranking report"
    ),
    "Training": (
        "Accessibility course; Conference talk prep; Figma workshop; TypeScript course; "
        "Lunch and learn"
    ),
    "Admin": (
        "Timesheets; Email; Invoicing prep; Hiring interviews; Office admin; 1:1s; Tooling setup"
    ),
}
NOTES = {task: tuple(text.split("; ")) for task, text in _VOCABULARY.items()}


def approval(world: World, day: date) -> str:
    """Approved before last week, submitted last week, unsubmitted this week (Monday weeks)."""
    this_week = world.today - timedelta(days=world.today.weekday())
    if day >= this_week:
        return "unsubmitted"
    return "submitted" if day >= this_week - timedelta(days=7) else "approved"


def build_time(
    world: World, periods: list[tuple[date, date, date]], expenses: list[Row]
) -> list[Row]:
    """Every person's time entries, ids in the order they were created."""
    entries: list[Row] = []
    days = weekdays(world.start, world.end)
    tasks = {p.key: {key: _task_weights(p, key) for key in p.projects} for p in world.people}
    for person in world.people:
        for day in days:
            offset = world.offset(day)
            if not person.active[0] <= offset < person.active[1] or world.rng.random() < 0.04:
                continue
            _workday(world, person, day, tasks[person.key], entries)
    if len(periods) >= 2:
        _launch_push(world, entries, expenses, periods[-2], periods[-1], tasks)
    entries.sort(key=itemgetter("created_at", "user_id"))
    return [world.add("time_entries", row) for row in entries]


def _launch_push(
    world: World,
    entries: list[Row],
    expenses: list[Row],
    previous: tuple[date, date, date],
    latest: tuple[date, date, date],
    tasks: dict[str, dict[str, tuple[list[str], list[float]]]],
) -> None:
    """Williams & Co's latest month bills about 40 % more than the one before: the team
    moves time from other work to Website Redesign for the launch (plus the workshop trip,
    an expense) until the month is there."""
    client_id = world.clients["williams"]["id"]

    def billed(period: tuple[date, date, date]) -> Decimal:
        time = sum(
            (
                e["hours_without_timer"] * e["billable_rate"]
                for e in entries
                if e["client_id"] == client_id
                and e["billable_rate"] is not None
                and period[0] <= e["spent_date"] <= period[1]
            ),
            Decimal(0),
        )
        return time + sum(
            (
                x["total_cost"]
                for x in expenses
                if x["client_id"] == client_id and period[0] <= x["spent_date"] <= period[1]
            ),
            Decimal(0),
        )

    target, amount = billed(previous) * Decimal("1.4"), billed(latest)
    people = {world.users[p.key]["id"]: p for p in world.people if "redesign" in p.projects}
    movable = [
        i
        for i, e in enumerate(entries)
        if e["user_id"] in people
        and e["client_id"] != client_id
        and latest[0] <= e["spent_date"] <= latest[1]
    ]
    world.rng.shuffle(movable)
    for index in movable:
        if amount >= target:
            return
        old = entries[index]
        person = people[old["user_id"]]
        names, weights = tasks[person.key]["redesign"]
        task = names[bisect(weights, world.rng.random() * weights[-1])]
        new = _entry(
            world,
            person,
            old["spent_date"],
            "redesign",
            task,
            float(old["hours_without_timer"]),
            old["created_at"],
            _day_fields(world, person, old["spent_date"]),
        )
        entries[index] = new
        amount += new["hours_without_timer"] * (new["billable_rate"] or 0)


def _task_weights(person: PersonSpec, key: str) -> tuple[list[str], list[float]]:
    """The tasks a person books on a project (their discipline's first), cumulative weights."""
    tasks = SPEC[key].tasks
    preferred = [t for t in DISCIPLINES[person.discipline] if t in tasks] or list(tasks)
    return preferred, list(accumulate(6.0 if i == 0 else 1.5 for i in range(len(preferred))))


def _workday(
    world: World,
    person: PersonSpec,
    day: date,
    tasks: dict[str, tuple[list[str], list[float]]],
    out: list[Row],
) -> None:
    rng = world.rng
    offset = world.offset(day)
    weights = {
        key: weight
        for key, weight in person.projects.items()
        if SPEC[key].window[0] <= offset < SPEC[key].window[1]
    }
    if not weights:
        return
    focus: dict[str, float] = {}
    for _ in range(3):
        pool = [key for key in weights if key not in focus]
        if not pool:
            break
        key = rng.choices(pool, [weights[k] for k in pool])[0]
        focus[key] = weights[key]
    remaining = round(person.hours / 5 * rng.uniform(0.92, 1.08), 2)
    clock = 9 + rng.random() * 0.75
    worked = 0.0
    keys, cumulative = list(focus), list(accumulate(focus.values()))
    midnight = at(day, 0, person.timezone)
    common = _day_fields(world, person, day)
    while remaining > 0.01:
        hours = rng.choice(CHUNKS)
        if remaining - hours < 0.17:
            hours = round(remaining, 2)
        remaining = round(remaining - hours, 2)
        if worked < 4 <= worked + hours:
            clock += 0.75  # lunch
        worked += hours
        clock += hours
        key = keys[bisect(cumulative, rng.random() * cumulative[-1])]
        names, task_weights = tasks[key]
        task = names[bisect(task_weights, rng.random() * task_weights[-1])]
        stamp = midnight + timedelta(seconds=round(clock * 3600))
        out.append(_entry(world, person, day, key, task, hours, stamp, common))


def _day_fields(world: World, person: PersonSpec, day: date) -> Row:
    status = approval(world, day)
    return {
        "spent_date": day,
        "user_id": world.users[person.key]["id"],
        "is_locked": status == "approved",
        "locked_reason": APPROVED if status == "approved" else None,
        "approval_status": status,
        "invoice_id": None,
        "timer_started_at": None,
        "started_time": None,
        "ended_time": None,
        "cost_rate": world.cost_rates[person.key].on(day),
        "external_reference": None,
        "external_reference_id": None,
    }


def _entry(
    world: World,
    person: PersonSpec,
    day: date,
    key: str,
    task: str,
    hours: float,
    stamp: datetime,
    common: Row,
) -> Row:
    project = world.projects[key]
    ua = world.user_assignments[(key, person.key)]
    ta = world.task_assignments[(key, task)]
    billable = bool(project["is_billable"] and ta["billable"])
    return {
        **common,
        "client_id": project["client_id"],
        "project_id": project["id"],
        "task_id": ta["task_id"],
        "user_assignment_id": ua["id"],
        "task_assignment_id": ta["id"],
        "hours_without_timer": Decimal(f"{hours:.2f}"),
        "notes": None if world.rng.random() < 0.08 else world.rng.choice(NOTES[task]),
        "billable": billable,
        "budgeted": project["budget_by"] != "none",
        "billable_rate": _rate(world, person, day, project, ua, ta) if billable else None,
        "created_at": stamp,
        "updated_at": stamp,
    }


def _rate(
    world: World, person: PersonSpec, day: date, project: Row, ua: Row, ta: Row
) -> Decimal | None:
    """The billable rate of an entry, by the project's bill_by (API-NOTES §8.2)."""
    bill_by = project["bill_by"]
    rate: Decimal | None = None
    if bill_by == "Project":
        rate = project["hourly_rate"]
    elif bill_by == "Tasks":
        rate = ta["hourly_rate"]
    elif bill_by == "People":
        rate = ua["hourly_rate"] if not ua["use_default_rates"] else None
        rate = rate or world.billable_rates[person.key].on(day)
    return rate
