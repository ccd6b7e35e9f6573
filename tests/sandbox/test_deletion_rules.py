"""API-NOTES §8.8 for contacts, tasks, projects, assignments and time entries: what may be
deleted, the exact refusal messages (422 with a Hint header), and what a delete takes along."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from harvestkit.sandbox import store, tables
from tests.conftest import as_user, sandbox_of
from tests.sandbox.test_time_entries import World, add_user, build, ok, set_row


@pytest.fixture
def world(empty: TestClient) -> World:
    return build(empty)


def _refused(response: Any, message: str) -> None:
    assert (response.status_code, response.json()) == (422, {"message": message})
    assert response.headers["hint"] == message


def _count(client: TestClient, table: Any, **where: Any) -> int:
    query = select(func.count()).select_from(table)
    for name, value in where.items():
        query = query.where(table.c[name] == value)
    with sandbox_of(client).engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def _add_expense(world: World, user_id: int) -> int:
    sandbox = sandbox_of(world.admin)
    now = sandbox.clock.utcnow()
    stamps = {"created_at": now, "updated_at": now}
    with sandbox.engine.begin() as conn:
        category = store.add(conn, tables.expense_categories, {"name": "Travel", **stamps})
        return store.add(conn, tables.expenses, {
            "client_id": world.client_id, "project_id": world.project_id, "user_id": user_id,
            "expense_category_id": category, "spent_date": date(2026, 1, 15),
            "total_cost": Decimal("12.5"), **stamps,
        })  # fmt: skip


# -- contacts, tasks, task assignments -----------------------------------------------------


def test_contacts_are_always_removable(world: World) -> None:
    contact = ok(world.admin.post("/v2/contacts", json={"client_id": world.client_id,
                                                        "first_name": "Jo"}), 201)  # fmt: skip
    ok(world.admin.delete(f"/v2/contacts/{contact['id']}"))


def test_task_with_time_entries_is_not_removable(world: World) -> None:
    ok(world.log(), 201)
    _refused(world.admin.delete(f"/v2/tasks/{world.task_id}"),
             "This task is not removable. It still has time entries.")  # fmt: skip


def test_task_without_time_entries_goes_with_its_assignments(world: World) -> None:
    ok(world.admin.delete(f"/v2/tasks/{world.task_id}"))
    assert _count(world.admin, tables.task_assignments, task_id=world.task_id) == 0


def test_task_assignment_rules(world: World) -> None:
    url = f"/v2/projects/{world.project_id}/task_assignments/{world.task_assignment_id}"
    entry = ok(world.log(), 201)
    _refused(
        world.admin.delete(url), "This task assignment is not removable. It still has time entries."
    )
    ok(world.admin.delete(f"/v2/time_entries/{entry['id']}"))
    ok(world.admin.delete(url))


# -- user assignments -----------------------------------------------------------------------

USER_ASSIGNMENT = (
    "This user assignment is not removable. The user still has time entries or expenses "
    "on this project."
)


def test_user_assignment_with_time_entries_is_not_removable(world: World) -> None:
    member = add_user(world.admin)
    assignment = world.assign(member)
    ok(world.log(user_id=member), 201)
    url = f"/v2/projects/{world.project_id}/user_assignments/{assignment}"
    _refused(world.admin.delete(url), USER_ASSIGNMENT)


def test_user_assignment_with_expenses_is_not_removable(world: World) -> None:
    member = add_user(world.admin)
    assignment = world.assign(member)
    _add_expense(world, member)
    url = f"/v2/projects/{world.project_id}/user_assignments/{assignment}"
    _refused(world.admin.delete(url), USER_ASSIGNMENT)


def test_other_peoples_time_does_not_block_a_user_assignment(world: World) -> None:
    member = add_user(world.admin)
    assignment = world.assign(member)
    ok(world.log(), 201)  # the administrator's entry
    ok(world.admin.delete(f"/v2/projects/{world.project_id}/user_assignments/{assignment}"))


# -- projects -------------------------------------------------------------------------------


def test_project_delete_cascades_but_keeps_invoices(world: World) -> None:
    entry = ok(world.log(), 201)
    expense = _add_expense(world, entry["user"]["id"])
    sandbox = sandbox_of(world.admin)
    now = sandbox.clock.utcnow()
    with sandbox.engine.begin() as conn:
        invoice = store.add(conn, tables.invoices, {
            "client_id": world.client_id, "number": "1001", "currency": "USD",
            "issue_date": date(2026, 1, 31), "due_date": date(2026, 1, 31),
            "client_key": "k" * 40, "created_at": now, "updated_at": now,
        })  # fmt: skip
    set_row(world.admin, tables.time_entries, entry["id"], invoice_id=invoice, is_locked=True)
    deleted = ok(world.admin.delete(f"/v2/projects/{world.project_id}"))
    assert deleted["id"] == world.project_id
    assert world.admin.get(f"/v2/time_entries/{entry['id']}").status_code == 404
    assert _count(world.admin, tables.expenses, id=expense) == 0
    for table in (tables.user_assignments, tables.task_assignments):
        assert _count(world.admin, table, project_id=world.project_id) == 0
    assert _count(world.admin, tables.invoices, id=invoice) == 1


# -- time entries ---------------------------------------------------------------------------


def _member_entry(world: World) -> tuple[TestClient, int]:
    member = add_user(world.admin)
    world.assign(member)
    return as_user(world.admin, member), ok(world.log(user_id=member), 201)["id"]


def test_approved_entries_only_administrators_delete(world: World) -> None:
    member, entry = _member_entry(world)
    set_row(world.admin, tables.time_entries, entry, approval_status="approved")
    _refused(member.delete(f"/v2/time_entries/{entry}"),
             "This time entry is not removable. It has been approved.")  # fmt: skip
    assert ok(world.admin.delete(f"/v2/time_entries/{entry}"))["is_closed"] is True


def test_locked_entries_only_administrators_delete(world: World) -> None:
    member, entry = _member_entry(world)
    set_row(world.admin, tables.time_entries, entry, is_locked=True)
    _refused(
        member.delete(f"/v2/time_entries/{entry}"),
        "This time entry is not removable. It is locked.",
    )
    ok(world.admin.delete(f"/v2/time_entries/{entry}"))


@pytest.mark.parametrize("archived", ["project", "task"])
def test_entries_on_archived_projects_or_tasks_stay(world: World, archived: str) -> None:
    member, entry = _member_entry(world)
    table = tables.projects if archived == "project" else tables.tasks
    row_id = world.project_id if archived == "project" else world.task_id
    set_row(world.admin, table, row_id, is_active=False)
    message = "This time entry is not removable. Its project or task is archived."
    _refused(member.delete(f"/v2/time_entries/{entry}"), message)
    _refused(world.admin.delete(f"/v2/time_entries/{entry}"), message)


def test_members_delete_their_own_entries_only(world: World) -> None:
    member, entry = _member_entry(world)
    admins = ok(world.log(), 201)["id"]
    assert member.delete(f"/v2/time_entries/{admins}").status_code == 403
    deleted = ok(member.delete(f"/v2/time_entries/{entry}"))
    assert deleted["id"] == entry
