"""Time entries: create, read, update, filters, visibility, rates, embedded objects.

The helpers at the top build small worlds (people, a project with a task) and are shared
by the other sandbox tests of projects, assignments, timers and deletion rules.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import event, insert, update
from starlette.testclient import TestClient

from harvestkit.sandbox import store, tables
from tests.conftest import as_user, sandbox_of
from tests.spec import assert_conforms

_numbers = itertools.count(1)


def add_user(client: TestClient, level: str = "member", *permissions: str, **extra: Any) -> int:
    """A user written straight into the store (the users resource is not needed)."""
    sandbox = sandbox_of(client)
    now = sandbox.clock.utcnow()
    n = next(_numbers)
    values = {
        "first_name": "Robin",
        "last_name": f"Person{n}",
        "email": f"robin{n}@example.com",
        "timezone": "UTC",
        "weekly_capacity": 126000,
        "roles": [],
        "access_roles": [level, *permissions],
        "created_at": now,
        "updated_at": now,
        **extra,
    }
    with sandbox.engine.begin() as conn:
        return store.add(conn, tables.users, values)


def add_teammate(client: TestClient, manager_id: int, teammate_id: int) -> None:
    with sandbox_of(client).engine.begin() as conn:
        conn.execute(
            insert(tables.teammates).values(manager_id=manager_id, teammate_id=teammate_id)
        )


def set_row(client: TestClient, table: Any, row_id: int | None = None, **values: Any) -> None:
    """Change stored fields the API can't (company settings, locks, approval)."""
    statement = update(table).values(**values)
    if row_id is not None:
        statement = statement.where(table.c.id == row_id)
    with sandbox_of(client).engine.begin() as conn:
        conn.execute(statement)


def ok(response: Any, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert_conforms(response)
    body: dict[str, Any] = response.json()
    return body


@dataclass
class World:
    admin: TestClient
    client_id: int
    project_id: int
    task_id: int
    task_assignment_id: int

    def assign(self, user_id: int, **fields: Any) -> int:
        url = f"/v2/projects/{self.project_id}/user_assignments"
        return int(ok(self.admin.post(url, json={"user_id": user_id, **fields}), 201)["id"])

    def log(self, who: TestClient | None = None, /, **fields: Any) -> Any:
        body = {
            "project_id": self.project_id,
            "task_id": self.task_id,
            "spent_date": "2026-01-15",
            "hours": 1.5,
            **fields,
        }
        return (who or self.admin).post(
            "/v2/time_entries", json={k: v for k, v in body.items() if v is not None}
        )


def build(admin: TestClient, **project: Any) -> World:
    """A client, a billable task and a project billed at 100/h; the administrator (who has
    access to all future projects) is assigned by the project's creation."""
    suffix = next(_numbers)
    client_id = ok(admin.post("/v2/clients", json={"name": f"Acme {suffix}"}), 201)["id"]
    task_id = ok(admin.post("/v2/tasks", json={"name": f"Design {suffix}"}), 201)["id"]
    fields = {"client_id": client_id, "name": f"Site {suffix}", "code": "S1", "bill_by": "Project",
              "hourly_rate": 100, **project}  # fmt: skip
    project_id = ok(admin.post("/v2/projects", json=fields), 201)["id"]
    url = f"/v2/projects/{project_id}/task_assignments"
    assignment = ok(admin.post(url, json={"task_id": task_id}), 201)["id"]
    return World(admin, client_id, project_id, task_id, assignment)


@pytest.fixture
def world(empty: TestClient) -> World:
    return build(empty)


# -- create and read ----------------------------------------------------------------------


def test_create_with_hours_is_a_stopped_entry_with_embedded_objects(world: World) -> None:
    created = world.log(notes="Wireframes")
    entry = ok(created, 201)
    assert created.headers["location"].endswith(f"/api/v2/time_entries/{entry['id']}")
    assert entry["hours"] == 1.5 and entry["hours_without_timer"] == 1.5
    assert entry["is_running"] is False and entry["timer_started_at"] is None
    assert entry["started_time"] is None and entry["ended_time"] is None
    assert entry["client"] == {
        "id": world.client_id,
        "name": entry["client"]["name"],
        "currency": "USD",
    }
    assert entry["project"]["code"] == "S1" and set(entry["task"]) == {"id", "name"}
    assert set(entry["user"]) == {"id", "name"} and entry["user"]["name"] == "Avery Admin"
    assert list(entry["user_assignment"]) == [
        "id", "is_project_manager", "is_active", "use_default_rates", "budget",
        "created_at", "updated_at", "hourly_rate",
    ]  # fmt: skip
    assert entry["task_assignment"]["id"] == world.task_assignment_id
    assert entry["invoice"] is None and entry["external_reference"] is None
    assert entry["is_closed"] is False and entry["approval_status"] == "unsubmitted"
    assert (entry["billable"], entry["billable_rate"], entry["budgeted"]) == (True, 100.0, False)
    fetched = ok(world.admin.get(f"/v2/time_entries/{entry['id']}"))
    assert fetched == entry


def test_list_envelope_sort_and_conformance(world: World) -> None:
    ids = [
        ok(world.log(spent_date=d), 201)["id"] for d in ("2026-01-10", "2026-01-12", "2026-01-12")
    ]
    listed = ok(world.admin.get("/v2/time_entries"))
    assert [e["id"] for e in listed["time_entries"]] == [ids[2], ids[1], ids[0]]
    assert listed["links"]["first"].endswith("page=1&per_page=2000&ref=first")
    second = ok(world.admin.get("/v2/time_entries?per_page=2&page=2"))
    assert [e["id"] for e in second["time_entries"]] == [ids[0]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("from=2026-01-11", ["b", "c"]),
        ("to=2026-01-11", ["a"]),
        ("from=2026-01-11&to=2026-01-12", ["b"]),
        ("is_running=true", ["c"]),
        ("is_running=false", ["a", "b"]),
        ("external_reference_id=CARD-1", ["b"]),
        ("is_billed=false", ["a", "b", "c"]),
        ("is_billed=true", []),
        ("approval_status=unsubmitted", ["a", "b", "c"]),
        ("approval_status=approved", []),
    ],
)
def test_list_filters(world: World, query: str, expected: list[str]) -> None:
    ids = {
        "a": ok(world.log(spent_date="2026-01-10"), 201)["id"],
        "b": ok(world.log(spent_date="2026-01-12", external_reference={"id": "CARD-1"}), 201)["id"],
        "c": ok(world.log(spent_date="2026-01-13", hours=None), 201)["id"],
    }
    listed = ok(world.admin.get(f"/v2/time_entries?{query}"))["time_entries"]
    assert sorted(e["id"] for e in listed) == sorted(ids[name] for name in expected)


def test_list_filters_by_user_project_client_task(world: World) -> None:
    other = build(world.admin)
    mine = ok(world.log(), 201)["id"]
    ok(other.log(), 201)
    for name, value in (("project_id", world.project_id), ("client_id", world.client_id),
                        ("task_id", world.task_id)):  # fmt: skip
        listed = ok(world.admin.get(f"/v2/time_entries?{name}={value}"))["time_entries"]
        assert [e["id"] for e in listed] == [mine]
    assert ok(world.admin.get("/v2/time_entries?user_id=1"))["total_entries"] == 0


def test_bad_filters_are_422(world: World) -> None:
    for query in ("approval_status=done", "from=yesterday", "is_running=maybe", "user_id=x"):
        assert world.admin.get(f"/v2/time_entries?{query}").status_code == 422, query


# -- validation ---------------------------------------------------------------------------


def test_blank_fields_are_reported_together(world: World) -> None:
    response = world.admin.post("/v2/time_entries", json={"hours": 1})
    assert response.status_code == 422
    assert response.json() == {
        "message": "Project can't be blank, Task can't be blank, Spent date can't be blank"
    }


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"project_id": 1}, "Project does not exist"),
        ({"task_id": 1}, "Task does not exist"),
        ({"spent_date": "2026-02-30"}, "Spent date is not a valid date"),
        ({"hours": -1}, "Hours must be greater than or equal to 0"),
        ({"hours": "lots"}, "Hours is not a number"),
        ({"project_id": "abc"}, "Project is not a number"),
        (
            {"started_time": "8:00am"},
            "Started time and ended time can't be used: this account tracks time by duration",
        ),
        ({"external_reference": "CARD-1"}, "External reference is invalid"),
    ],
)
def test_invalid_input(world: World, change: dict[str, Any], message: str) -> None:
    response = world.log(**change)
    assert (response.status_code, response.json()) == (422, {"message": message})


def test_project_must_be_active_and_assigned(world: World) -> None:
    other_task = ok(world.admin.post("/v2/tasks", json={"name": "Unassigned"}), 201)["id"]
    response = world.log(task_id=other_task)
    assert response.json() == {"message": "Task is not assigned to this project"}
    member = add_user(world.admin)
    response = world.log(user_id=member)
    assert response.json() == {"message": "User is not assigned to this project"}
    ok(world.admin.patch(f"/v2/projects/{world.project_id}", json={"is_active": False}))
    assert world.log().json() == {"message": "Project is archived"}


def test_a_datetime_spent_date_is_cut_to_its_date(world: World) -> None:
    entry = ok(world.log(spent_date="2026-01-24T18:31:12+00:00"), 201)
    assert entry["spent_date"] == "2026-01-24"


# -- rates ----------------------------------------------------------------------------------


def _rate_world(empty: TestClient, bill_by: str, **assignment: Any) -> tuple[World, int]:
    world = build(empty, bill_by=bill_by, hourly_rate=100)
    ta = world.task_assignment_id
    ok(
        world.admin.patch(
            f"/v2/projects/{world.project_id}/task_assignments/{ta}", json={"hourly_rate": 80}
        )
    )
    person = add_user(world.admin, default_hourly_rate=Decimal("60"), cost_rate=Decimal("30"))
    world.assign(person, **assignment)
    return world, person


@pytest.mark.parametrize(
    ("bill_by", "assignment", "rate"),
    [
        ("Project", {}, 100.0),
        ("Tasks", {}, 80.0),
        ("People", {}, 60.0),
        ("People", {"use_default_rates": False, "hourly_rate": 75}, 75.0),
        ("none", {}, None),
    ],
)
def test_billable_rate_follows_bill_by(
    empty: TestClient, bill_by: str, assignment: dict[str, Any], rate: float | None
) -> None:
    world, person = _rate_world(empty, bill_by, **assignment)
    entry = ok(world.log(user_id=person), 201)
    assert entry["billable_rate"] == rate and entry["cost_rate"] == 30.0


def test_rates_in_force_on_the_spent_date(empty: TestClient) -> None:
    world, person = _rate_world(empty, "People")
    now = sandbox_of(empty).clock.utcnow()
    with sandbox_of(empty).engine.begin() as conn:
        for table, amount in ((tables.billable_rates, "90"), (tables.cost_rates, "40")):
            rate = {"user_id": person, "amount": Decimal(amount), "start_date": date(2026, 1, 1)}
            store.add(conn, table, {**rate, "created_at": now, "updated_at": now})
    before = ok(world.log(user_id=person, spent_date="2025-12-31"), 201)
    after = ok(world.log(user_id=person, spent_date="2026-01-02"), 201)
    assert (before["billable_rate"], before["cost_rate"]) == (60.0, 30.0)
    assert (after["billable_rate"], after["cost_rate"]) == (90.0, 40.0)


def test_non_billable_task_or_project_has_no_rate(world: World) -> None:
    url = f"/v2/projects/{world.project_id}/task_assignments/{world.task_assignment_id}"
    ok(world.admin.patch(url, json={"billable": False}))
    entry = ok(world.log(), 201)
    assert (entry["billable"], entry["billable_rate"]) == (False, None)


def test_budgeted_when_the_project_has_a_budget(empty: TestClient) -> None:
    world = build(empty, budget_by="project", budget=40)
    assert ok(world.log(), 201)["budgeted"] is True


# -- update ---------------------------------------------------------------------------------


def test_update_fields_and_relink_project(world: World) -> None:
    entry = ok(world.log(), 201)
    other = build(world.admin, bill_by="none")
    ok(
        world.admin.post(
            f"/v2/projects/{other.project_id}/task_assignments", json={"task_id": world.task_id}
        ),
        201,
    )
    change = {"notes": "Reviewed", "hours": 2.25, "project_id": other.project_id,
              "spent_date": "2026-01-20"}  # fmt: skip
    updated = ok(world.admin.patch(f"/v2/time_entries/{entry['id']}", json=change))
    assert (updated["notes"], updated["hours"], updated["spent_date"]) == (
        "Reviewed",
        2.25,
        "2026-01-20",
    )
    assert (
        updated["project"]["id"] == other.project_id and updated["client"]["id"] == other.client_id
    )
    assert updated["billable_rate"] is None


def test_external_reference_set_and_removed(world: World) -> None:
    ref = {
        "id": "8",
        "group_id": "3",
        "account_id": "1",
        "permalink": "https://github.com/o/r/issues/8",
    }
    entry = ok(world.log(external_reference=ref), 201)
    assert entry["external_reference"]["service"] == "github.com"
    assert entry["external_reference"]["permalink"] == ref["permalink"]
    cleared = world.admin.delete(f"/v2/time_entries/{entry['id']}/external_reference")
    assert ok(cleared)["external_reference"] is None
    assert ok(world.admin.get("/v2/time_entries?external_reference_id=8"))["total_entries"] == 0


def test_locked_entries_are_editable_only_by_administrators(world: World) -> None:
    member = add_user(world.admin)
    world.assign(member)
    entry = ok(world.log(as_user(world.admin, member)), 201)
    set_row(world.admin, tables.time_entries, entry["id"], is_locked=True,
            locked_reason="Item Approved and Locked for this Time Period")  # fmt: skip
    refused = as_user(world.admin, member).patch(
        f"/v2/time_entries/{entry['id']}", json={"notes": "x"}
    )
    assert refused.status_code == 422
    assert refused.json() == {"message": "This time entry is locked and can't be changed"}
    assert (
        ok(world.admin.patch(f"/v2/time_entries/{entry['id']}", json={"notes": "x"}))["notes"]
        == "x"
    )


def test_unknown_entry_is_json_404(world: World) -> None:
    for method in ("GET", "PATCH", "DELETE"):
        response = world.admin.request(method, "/v2/time_entries/99999999999")
        assert response.json() == {"status": 404, "error": "Not Found"}


# -- who sees and writes what ---------------------------------------------------------------


def test_visibility_by_role(world: World) -> None:
    member, teammate, stranger = (add_user(world.admin) for _ in range(3))
    manager = add_user(world.admin, "manager", "time_and_expenses_manager")
    for person in (member, teammate, stranger, manager):
        world.assign(person, is_project_manager=False)
    add_teammate(world.admin, manager, teammate)
    own = {p: ok(world.log(user_id=p), 201)["id"] for p in (member, teammate, stranger, manager)}
    as_member = as_user(world.admin, member)
    assert [e["id"] for e in ok(as_member.get("/v2/time_entries"))["time_entries"]] == [own[member]]
    assert as_member.get(f"/v2/time_entries/{own[stranger]}").status_code == 403
    seen = {
        e["id"] for e in ok(as_user(world.admin, manager).get("/v2/time_entries"))["time_entries"]
    }
    assert seen == {own[manager], own[teammate]}
    assert ok(world.admin.get("/v2/time_entries"))["total_entries"] == 4


def test_logging_for_someone_else(world: World) -> None:
    member, teammate = add_user(world.admin), add_user(world.admin)
    manager = add_user(world.admin, "manager", "time_and_expenses_manager")
    plain_manager = add_user(world.admin, "manager")
    for person in (member, teammate, plain_manager):
        world.assign(person, is_project_manager=False)
    manager_assignment = world.assign(manager, is_project_manager=False)
    add_teammate(world.admin, manager, teammate)
    add_teammate(world.admin, plain_manager, teammate)
    assert world.log(as_user(world.admin, member), user_id=teammate).status_code == 403
    assert world.log(as_user(world.admin, plain_manager), user_id=teammate).status_code == 403
    assert world.log(as_user(world.admin, manager), user_id=member).status_code == 403
    entry = ok(world.log(as_user(world.admin, manager), user_id=teammate), 201)
    assert entry["user"]["id"] == teammate
    assert world.log(user_id=12345).json() == {"message": "User does not exist"}
    # Managing the project is enough, teammate or not.
    ok(world.admin.patch(f"/v2/projects/{world.project_id}/user_assignments/{manager_assignment}",
                         json={"is_project_manager": True}))  # fmt: skip
    assert ok(world.log(as_user(world.admin, manager), user_id=member), 201)["user"]["id"] == member


# -- speed ------------------------------------------------------------------------------------


def test_listing_20000_entries_is_fast_and_uses_few_queries(world: World) -> None:
    sandbox = sandbox_of(world.admin)
    template = ok(world.log(), 201)
    now = sandbox.clock.utcnow()
    row = {
        "user_id": template["user"]["id"], "client_id": world.client_id,
        "project_id": world.project_id, "task_id": world.task_id,
        "user_assignment_id": template["user_assignment"]["id"],
        "task_assignment_id": world.task_assignment_id, "hours_without_timer": Decimal("1"),
        "billable": True, "budgeted": False, "created_at": now, "updated_at": now,
    }  # fmt: skip
    start = date(2020, 1, 1)
    with sandbox.engine.begin() as conn:
        conn.execute(
            insert(tables.time_entries),
            [{**row, "spent_date": start + timedelta(days=i % 2000)} for i in range(20000)],
        )
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    event.listen(sandbox.engine, "before_cursor_execute", count)
    try:
        began = time.perf_counter()
        response = world.admin.get("/v2/time_entries")
        elapsed = time.perf_counter() - began
    finally:
        event.remove(sandbox.engine, "before_cursor_execute", count)
    assert response.status_code == 200  # conformance is checked on smaller lists above
    listed = response.json()
    assert listed["total_entries"] == 20001 and len(listed["time_entries"]) == 2000
    time_entry_queries = [s for s in statements if "time_entries" in s]
    assert len(time_entry_queries) <= 3, time_entry_queries
    assert elapsed < 2, elapsed


def test_demo_data_renders_and_conforms(demo: TestClient) -> None:
    page = ok(demo.get("/v2/time_entries?per_page=200&page=2"))
    assert page["total_entries"] > 1000 and len(page["time_entries"]) == 200
    dates = [e["spent_date"] for e in page["time_entries"]]
    assert dates == sorted(dates, reverse=True)
    for url in ("/v2/projects", "/v2/tasks", "/v2/contacts", "/v2/user_assignments",
                "/v2/task_assignments", "/v2/users/me/project_assignments"):  # fmt: skip
        ok(demo.get(url))
