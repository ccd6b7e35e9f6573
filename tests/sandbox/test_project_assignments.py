"""A user's active project assignments, with their projects' active task assignments."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from tests.conftest import as_user
from tests.sandbox.test_time_entries import World, add_teammate, add_user, build, ok


@pytest.fixture
def world(empty: TestClient) -> World:
    return build(empty)


def test_my_project_assignments(world: World) -> None:
    member_id = add_user(world.admin)
    assignment = world.assign(member_id, hourly_rate=90)
    extra = ok(world.admin.post("/v2/tasks", json={"name": "Archived task"}), 201)["id"]
    url = f"/v2/projects/{world.project_id}/task_assignments"
    ok(world.admin.post(url, json={"task_id": extra, "is_active": False}), 201)
    archived = build(world.admin)
    archived_assignment = archived.assign(member_id)
    ok(world.admin.patch(f"/v2/projects/{archived.project_id}", json={"is_active": False}))
    inactive = build(world.admin)
    inactive.assign(member_id, is_active=False)

    listed = ok(as_user(world.admin, member_id).get("/v2/users/me/project_assignments"))
    items = listed["project_assignments"]
    assert [a["id"] for a in items] == [assignment]
    item = items[0]
    assert list(item) == [
        "id", "is_project_manager", "is_active", "use_default_rates", "budget", "created_at",
        "updated_at", "hourly_rate", "project", "client", "task_assignments",
    ]  # fmt: skip
    assert item["hourly_rate"] == 90.0
    assert item["project"]["id"] == world.project_id and item["project"]["code"] == "S1"
    assert item["client"] == {
        "id": world.client_id,
        "name": item["client"]["name"],
        "currency": "USD",
    }
    assert [t["id"] for t in item["task_assignments"]] == [world.task_assignment_id]
    assert item["task_assignments"][0]["task"]["id"] == world.task_id
    assert archived_assignment not in [a["id"] for a in items]


def test_by_user_id_with_cursor(world: World) -> None:
    member_id = add_user(world.admin)
    world.assign(member_id)
    build(world.admin).assign(member_id)
    first = ok(world.admin.get(f"/v2/users/{member_id}/project_assignments?per_page=1"))
    assert first["total_entries"] == 2 and "cursor=" in first["links"]["next"]
    rest = ok(world.admin.get(first["links"]["next"]))
    assert len(rest["project_assignments"]) == 1 and rest["links"]["next"] is None
    assert world.admin.get("/v2/users/5/project_assignments").json()["status"] == 404


def test_who_may_read_someone_elses(world: World) -> None:
    member_id, other_id = add_user(world.admin), add_user(world.admin)
    manager_id = add_user(world.admin, "manager")
    add_teammate(world.admin, manager_id, member_id)
    url = f"/v2/users/{member_id}/project_assignments"
    ok(as_user(world.admin, member_id).get(url))
    ok(as_user(world.admin, manager_id).get(url))
    denied = as_user(world.admin, other_id).get(url)
    assert (denied.status_code, denied.json()) == (403, {"message": "Not authorized!"})
    assert (
        as_user(world.admin, manager_id)
        .get(f"/v2/users/{other_id}/project_assignments")
        .status_code
        == 403
    )
