"""Sandbox cases: people, clients, projects, tasks, assignments, time entries, CRUD rows."""

from __future__ import annotations

from decimal import Decimal

from .cases import Case, crud, gone, ids
from .world import SPENT

WORK_CASES: list[Case] = [
    *crud("clients", "client", {"name": "Acme Inc", "address": None}),
    Case("company.retrieve", lambda h, w: h.company.retrieve(), lambda r, w: bool(r.name)),
    Case(
        "company.update",
        lambda h, w: h.company.update(weekly_capacity=144000),
        lambda r, w: r.weekly_capacity == 144000,
    ),
    *crud("contacts", "contact", {"title": "CFO"}),
    *crud("tasks", "task", {"name": "Visual design"}),
    *crud("projects", "project", {"notes": "Phase 1"}),
    *crud("roles", "role", {"name": "Design team"}),
    *crud("expense_categories", "expense_category", {"unit_name": None}, money=True),
    *crud("invoice_item_categories", "invoice_item_category", {"name": "Advisory"}, money=True),
    *crud("estimate_item_categories", "estimate_item_category", {"name": "Advisory"}, money=True),
    *crud("expenses", "expense", {"notes": "Train, return"}, money=True),
    *crud("invoices", "invoice", {"subject": "November work"}, money=True),
    *crud("estimates", "estimate", {"subject": "Revised quote"}, money=True),
    # projects' nested resources
    Case(
        "projects.task_assignments.list",
        lambda h, w: (w.task_assignment, list(h.projects.task_assignments.list(w.project.id)))[-1],
        lambda r, w: w.task_assignment.id in ids(r),
    ),
    Case(
        "projects.task_assignments.create",
        lambda h, w: w.task_assignment,
        lambda r, w: r.task.id == w.task.id,
    ),
    Case(
        "projects.task_assignments.retrieve",
        lambda h, w: h.projects.task_assignments.retrieve(w.project.id, w.task_assignment.id),
        lambda r, w: r.id == w.task_assignment.id,
    ),
    Case(
        "projects.task_assignments.update",
        lambda h, w: h.projects.task_assignments.update(
            w.project.id, w.task_assignment.id, hourly_rate=Decimal(120)
        ),
        lambda r, w: r.hourly_rate == 120,
    ),
    Case(
        "projects.task_assignments.delete",
        lambda h, w: h.projects.task_assignments.delete(w.project.id, w.task_assignment.id),
        lambda r, w: gone(
            w.h, lambda: w.h.projects.task_assignments.retrieve(w.project.id, w.task_assignment.id)
        ),
    ),
    Case(
        "projects.user_assignments.list",
        lambda h, w: list(h.projects.user_assignments.list(w.project.id)),
        lambda r, w: w.user_assignment.id in ids(r),
    ),
    Case(
        "projects.user_assignments.create",
        lambda h, w: h.projects.user_assignments.create(w.project.id, user_id=w.user.id),
        lambda r, w: r.user.id == w.user.id,
    ),
    Case(
        "projects.user_assignments.retrieve",
        lambda h, w: h.projects.user_assignments.retrieve(w.project.id, w.user_assignment.id),
        lambda r, w: r.id == w.user_assignment.id,
    ),
    Case(
        "projects.user_assignments.update",
        lambda h, w: h.projects.user_assignments.update(
            w.project.id, w.user_assignment.id, budget=Decimal(40)
        ),
        lambda r, w: r.budget == 40,
    ),
    Case(
        "projects.user_assignments.delete",
        lambda h, w: h.projects.user_assignments.delete(
            w.project.id, h.projects.user_assignments.create(w.project.id, user_id=w.user.id).id
        ),
        lambda r, w: r is None,
    ),
    Case(
        "task_assignments.list",
        lambda h, w: (w.task_assignment, list(h.task_assignments.list()))[-1],
        lambda r, w: w.task_assignment.id in ids(r),
    ),
    Case(
        "user_assignments.list",
        lambda h, w: (w.user_assignment, list(h.user_assignments.list()))[-1],
        lambda r, w: w.user_assignment.id in ids(r),
    ),
    # time entries
    Case(
        "time_entries.list",
        lambda h, w: (w.time_entry, list(h.time_entries.list(from_=SPENT, to=SPENT)))[-1],
        lambda r, w: w.time_entry.id in ids(r),
    ),
    Case(
        "time_entries.create",
        lambda h, w: w.time_entry,
        lambda r, w: r.hours == Decimal("1.5") and r.external_reference.group_id == "harvestkit",
    ),
    Case(
        "time_entries.create_by_times",
        lambda h, w: (
            w.user_assignment,
            w.task_assignment,
            h.company.update(wants_timestamp_timers=True),
            h.time_entries.create_by_times(
                project_id=w.project.id,
                task_id=w.task.id,
                spent_date=SPENT,
                started_time="8:00am",
                ended_time="9:30am",
            ),
        )[-1],
        lambda r, w: r.hours == Decimal("1.5"),
        private=True,
    ),
    Case(
        "time_entries.retrieve",
        lambda h, w: h.time_entries.retrieve(w.time_entry.id),
        lambda r, w: r.id == w.time_entry.id,
    ),
    Case(
        "time_entries.update",
        lambda h, w: h.time_entries.update(w.time_entry.id, notes=None, hours=Decimal(2)),
        lambda r, w: r.notes in (None, "") and r.hours == 2,
    ),
    Case(
        "time_entries.delete",
        lambda h, w: h.time_entries.delete(w.time_entry.id),
        lambda r, w: gone(w.h, lambda: w.h.time_entries.retrieve(w.time_entry.id)),
    ),
    Case(
        "time_entries.delete_external_reference",
        lambda h, w: h.time_entries.delete_external_reference(w.time_entry.id),
        lambda r, w: w.h.time_entries.retrieve(w.time_entry.id).external_reference is None,
    ),
    Case(
        "time_entries.restart",
        lambda h, w: h.time_entries.restart(w.time_entry.id),
        lambda r, w: r.is_running is True,
    ),
    Case(
        "time_entries.stop",
        lambda h, w: h.time_entries.stop(w.entry(hours=None).id),
        lambda r, w: r.is_running is False,
    ),
    # users
    *[c for c in crud("users", "user", {"first_name": "Tessa"}) if c.name != "users.delete"],
    Case(
        "users.me",
        lambda h, w: h.users.me(),
        lambda r, w: "administrator" in (r.access_roles or []),
    ),
    Case(
        "users.archive", lambda h, w: h.users.archive(w.user.id), lambda r, w: r.is_active is False
    ),
    Case(
        "users.delete",
        lambda h, w: h.users.delete(w.user.id),
        lambda r, w: gone(w.h, lambda: w.h.users.retrieve(w.user.id)),
    ),
    Case(
        "users.billable_rates.list",
        lambda h, w: (
            h.users.billable_rates.create(w.user.id, amount=Decimal(90)),
            list(h.users.billable_rates.list(w.user.id)),
        )[-1],
        lambda r, w: [x.amount for x in r][-1] == 90,
    ),
    Case(
        "users.billable_rates.create",
        lambda h, w: h.users.billable_rates.create(w.user.id, amount=Decimal(90), start_date=SPENT),
        lambda r, w: r.amount == 90 and r.start_date == SPENT,
    ),
    Case(
        "users.billable_rates.retrieve",
        lambda h, w: h.users.billable_rates.retrieve(
            w.user.id, h.users.billable_rates.create(w.user.id, amount=Decimal(95)).id
        ),
        lambda r, w: r.amount == 95,
    ),
    Case(
        "users.cost_rates.list",
        lambda h, w: (
            h.users.cost_rates.create(w.user.id, amount=Decimal(50)),
            list(h.users.cost_rates.list(w.user.id)),
        )[-1],
        lambda r, w: [x.amount for x in r][-1] == 50,
    ),
    Case(
        "users.cost_rates.create",
        lambda h, w: h.users.cost_rates.create(w.user.id, amount=Decimal(50)),
        lambda r, w: r.amount == 50,
    ),
    Case(
        "users.cost_rates.retrieve",
        lambda h, w: h.users.cost_rates.retrieve(
            w.user.id, h.users.cost_rates.create(w.user.id, amount=Decimal(55)).id
        ),
        lambda r, w: r.amount == 55,
    ),
    Case(
        "users.project_assignments.list",
        lambda h, w: (w.user_assignment, list(h.users.project_assignments.list(w.me.id)))[-1],
        lambda r, w: w.project.id in [a.project.id for a in r],
    ),
    Case(
        "users.project_assignments.list_mine",
        lambda h, w: (w.user_assignment, list(h.users.project_assignments.list_mine()))[-1],
        lambda r, w: w.project.id in [a.project.id for a in r],
    ),
    Case(
        "users.teammates.update",
        lambda h, w: h.users.teammates.update(w.manager.id, teammate_ids=[w.user.id]),
        lambda r, w: [t.id for t in r.teammates or []] == [w.user.id],
    ),
    Case(
        "users.teammates.list",
        lambda h, w: (
            h.users.teammates.update(w.manager.id, teammate_ids=[w.user.id]),
            list(h.users.teammates.list(w.manager.id)),
        )[-1],
        lambda r, w: ids(r) == [w.user.id],
    ),
]
