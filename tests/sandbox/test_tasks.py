"""Tasks: CRUD, defaults, filters, cursor pagination, permissions."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from tests.conftest import as_user
from tests.sandbox.test_time_entries import add_user, ok


def test_create_list_get_update_delete(empty: TestClient) -> None:
    created = empty.post("/v2/tasks", json={"name": "Design"})
    task = ok(created, 201)
    assert created.headers["location"].endswith(f"/api/v2/tasks/{task['id']}")
    # Observed defaults: default_hourly_rate comes back null, not 0.
    assert (task["billable_by_default"], task["default_hourly_rate"]) == (True, None)
    assert (task["is_default"], task["is_active"]) == (False, True)
    assert ok(empty.get(f"/v2/tasks/{task['id']}")) == task
    assert [t["id"] for t in ok(empty.get("/v2/tasks"))["tasks"]] == [task["id"]]
    url = f"/v2/tasks/{task['id']}"
    updated = ok(empty.patch(url, data={"default_hourly_rate": "95.5", "is_active": "false"}))
    assert (updated["default_hourly_rate"], updated["is_active"]) == (95.5, False)
    assert ok(empty.delete(url))["id"] == task["id"]
    assert empty.get(url).status_code == 404


def test_is_active_filter_and_cursor(empty: TestClient) -> None:
    for name in ("A", "B", "C"):
        ok(empty.post("/v2/tasks", json={"name": name, "is_active": name != "B"}), 201)
    assert [t["name"] for t in ok(empty.get("/v2/tasks?is_active=true"))["tasks"]] == ["C", "A"]
    assert [t["name"] for t in ok(empty.get("/v2/tasks?is_active=false"))["tasks"]] == ["B"]
    first = ok(empty.get("/v2/tasks?per_page=2"))
    assert [t["name"] for t in first["tasks"]] == ["C", "B"]
    rest = ok(empty.get(first["links"]["next"]))
    assert [t["name"] for t in rest["tasks"]] == ["A"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "Name can't be blank"),
        ({"name": ""}, "Name can't be blank"),
        ({"name": "Design"}, "Name has already been taken"),
        ({"name": "X", "default_hourly_rate": "cheap"}, "Default hourly rate is not a number"),
        (
            {"name": "X", "default_hourly_rate": -1},
            "Default hourly rate must be greater than or equal to 0",
        ),
        ({"name": "X", "default_hourly_rate": 1e20}, "Default hourly rate is not a number"),
        ({"name": "X", "is_default": "perhaps"}, "Is default is not a boolean"),
    ],
)
def test_validation(empty: TestClient, body: dict[str, object], message: str) -> None:
    ok(empty.post("/v2/tasks", json={"name": "Design"}), 201)
    response = empty.post("/v2/tasks", json=body)
    assert (response.status_code, response.json()) == (422, {"message": message})


def test_permissions(empty: TestClient) -> None:
    member = as_user(empty, add_user(empty))
    assert member.get("/v2/tasks").status_code == 403
    assert member.post("/v2/tasks", json={"name": "X"}).status_code == 403
    manager = as_user(empty, add_user(empty, "manager", "client_and_task_manager"))
    ok(manager.post("/v2/tasks", json={"name": "X"}), 201)
