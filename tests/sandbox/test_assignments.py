"""Project user and task assignments: lists (global cursor, per project page), CRUD,
defaults, duplicates, permissions."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from tests.conftest import as_user
from tests.sandbox.test_time_entries import World, add_user, build, ok


@pytest.fixture
def world(empty: TestClient) -> World:
    return build(empty)


# -- user assignments -----------------------------------------------------------------------


def test_user_assignment_crud(world: World) -> None:
    member = add_user(world.admin)
    base = f"/v2/projects/{world.project_id}/user_assignments"
    created = world.admin.post(base, json={"user_id": member, "budget": 10})
    assignment = ok(created, 201)
    assert created.headers["location"].endswith(f"/api{base}/{assignment['id']}")
    assert (assignment["is_project_manager"], assignment["use_default_rates"]) == (False, True)
    assert (assignment["hourly_rate"], assignment["budget"]) == (None, 10.0)
    assert assignment["project"] == {"id": world.project_id, "name": assignment["project"]["name"],
                                     "code": "S1"}  # fmt: skip
    assert assignment["user"]["id"] == member
    assert ok(world.admin.get(f"{base}/{assignment['id']}")) == assignment
    updated = ok(world.admin.patch(f"{base}/{assignment['id']}", json={
        "use_default_rates": False, "hourly_rate": 150, "is_active": False}))  # fmt: skip
    assert (updated["use_default_rates"], updated["hourly_rate"], updated["is_active"]) == (
        False, 150.0, False,
    )  # fmt: skip
    assert ok(world.admin.delete(f"{base}/{assignment['id']}"))["id"] == assignment["id"]
    assert world.admin.get(f"{base}/{assignment['id']}").status_code == 404


def test_managers_default_to_project_manager(world: World) -> None:
    manager = add_user(world.admin, "manager")
    base = f"/v2/projects/{world.project_id}/user_assignments"
    assert ok(world.admin.post(base, json={"user_id": manager}), 201)["is_project_manager"] is True


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "User can't be blank"),
        ({"user_id": 42}, "User must exist"),
        ({"user_id": "me"}, "User is not a number"),
        ({"user_id": "admin"}, "User has already been assigned to this project"),
        (
            {"user_id": "member", "hourly_rate": -1},
            "Hourly rate must be greater than or equal to 0",
        ),
    ],
)
def test_user_assignment_validation(world: World, body: dict[str, object], message: str) -> None:
    admin = ok(world.admin.get("/v2/user_assignments"))["user_assignments"][0]["user"]["id"]
    names = {"admin": admin, "member": add_user(world.admin)}
    body = {k: names.get(v, v) if isinstance(v, str) else v for k, v in body.items()}
    response = world.admin.post(f"/v2/projects/{world.project_id}/user_assignments", json=body)
    assert (response.status_code, response.json()) == (422, {"message": message})


def test_user_assignment_lists(world: World) -> None:
    other = build(world.admin)
    member = add_user(world.admin)
    world.assign(member, is_active=False)
    everything = ok(world.admin.get("/v2/user_assignments"))["user_assignments"]
    assert len(everything) == 3  # the administrator on both projects, and the member
    mine = ok(world.admin.get(f"/v2/user_assignments?user_id={member}"))["user_assignments"]
    assert [a["user"]["id"] for a in mine] == [member]
    assert len(ok(world.admin.get("/v2/user_assignments?is_active=false"))["user_assignments"]) == 1
    first = ok(world.admin.get("/v2/user_assignments?per_page=2"))
    assert "cursor=" in first["links"]["next"]
    page = ok(world.admin.get(f"/v2/projects/{other.project_id}/user_assignments?per_page=1"))
    assert page["links"]["next"] is None and page["total_entries"] == 1
    assert world.admin.get("/v2/projects/999/user_assignments").json()["status"] == 404


def test_an_assignment_belongs_to_its_project(world: World) -> None:
    other = build(world.admin)
    theirs = ok(world.admin.get(f"/v2/projects/{other.project_id}/user_assignments"))
    wrong = (
        f"/v2/projects/{world.project_id}/user_assignments/{theirs['user_assignments'][0]['id']}"
    )
    assert world.admin.get(wrong).json() == {"status": 404, "error": "Not Found"}


def test_user_assignment_permissions(world: World) -> None:
    member = as_user(world.admin, add_user(world.admin))
    manager_id = add_user(world.admin, "manager")
    manager = as_user(world.admin, manager_id)
    assert member.get("/v2/user_assignments").status_code == 403
    base = f"/v2/projects/{world.project_id}/user_assignments"
    assert manager.get(base).status_code == 403
    world.assign(manager_id)  # managers become the project's managers by default
    assert len(ok(manager.get(base))["user_assignments"]) == 2
    assert len(ok(manager.get("/v2/user_assignments"))["user_assignments"]) == 2


# -- task assignments -----------------------------------------------------------------------


def test_task_assignment_crud(world: World) -> None:
    task = ok(world.admin.post("/v2/tasks", json={"name": "Research", "billable_by_default": False,
                                                  "default_hourly_rate": 70}), 201)  # fmt: skip
    base = f"/v2/projects/{world.project_id}/task_assignments"
    created = world.admin.post(base, json={"task_id": task["id"]})
    assignment = ok(created, 201)
    assert created.headers["location"].endswith(f"/api{base}/{assignment['id']}")
    assert (assignment["billable"], assignment["hourly_rate"]) == (False, 70.0)
    assert assignment["task"] == {"id": task["id"], "name": "Research"}
    assert ok(world.admin.get(f"{base}/{assignment['id']}")) == assignment
    updated = ok(
        world.admin.patch(f"{base}/{assignment['id']}", json={"billable": True, "budget": 12})
    )
    assert (updated["billable"], updated["budget"]) == (True, 12.0)
    assert ok(world.admin.delete(f"{base}/{assignment['id']}"))["id"] == assignment["id"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "Task can't be blank"),
        ({"task_id": 42}, "Task must exist"),
        ({"task_id": "assigned"}, "Task has already been assigned to this project"),
        ({"task_id": "assigned", "budget": "lots"}, "Budget is not a number"),
    ],
)
def test_task_assignment_validation(world: World, body: dict[str, object], message: str) -> None:
    if body.get("task_id") == "assigned":
        body = {**body, "task_id": world.task_id}
    response = world.admin.post(f"/v2/projects/{world.project_id}/task_assignments", json=body)
    assert (response.status_code, response.json()) == (422, {"message": message})


def test_task_assignment_lists(world: World) -> None:
    other = build(world.admin)
    url = f"/v2/projects/{other.project_id}/task_assignments/{other.task_assignment_id}"
    ok(world.admin.patch(url, json={"is_active": False}))
    assert len(ok(world.admin.get("/v2/task_assignments"))["task_assignments"]) == 2
    inactive = ok(world.admin.get("/v2/task_assignments?is_active=false"))["task_assignments"]
    assert [a["id"] for a in inactive] == [other.task_assignment_id]
    first = ok(world.admin.get("/v2/task_assignments?per_page=1"))
    assert [a["id"] for a in ok(world.admin.get(first["links"]["next"]))["task_assignments"]] == [
        world.task_assignment_id
    ]
    page = ok(world.admin.get(f"/v2/projects/{world.project_id}/task_assignments"))
    assert [a["id"] for a in page["task_assignments"]] == [world.task_assignment_id]


def test_task_assignment_permissions(world: World) -> None:
    member_id = add_user(world.admin)
    world.assign(member_id)
    member = as_user(world.admin, member_id)
    assert member.get("/v2/task_assignments").status_code == 403
    assert member.get(f"/v2/projects/{world.project_id}/task_assignments").status_code == 403
    manager_id = add_user(world.admin, "manager")
    world.assign(manager_id, is_project_manager=True)
    manager = as_user(world.admin, manager_id)
    assert len(ok(manager.get("/v2/task_assignments"))["task_assignments"]) == 1
