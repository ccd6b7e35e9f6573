"""Projects: defaults, validation, default assignments on create, filters, permissions."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.conftest import as_user
from tests.sandbox.test_time_entries import add_user, ok


@pytest.fixture
def client_id(empty: TestClient) -> int:
    return int(ok(empty.post("/v2/clients", json={"name": "Acme", "currency": "EUR"}), 201)["id"])


def test_only_client_and_name_are_needed(empty: TestClient, client_id: int) -> None:
    created = empty.post("/v2/projects", json={"client_id": client_id, "name": "Site"})
    project = ok(created, 201)
    assert created.headers["location"].endswith(f"/api/v2/projects/{project['id']}")
    expected = {
        "is_billable": True, "bill_by": "none", "budget_by": "none", "is_fixed_fee": False,
        "budget": None, "budget_is_monthly": False, "notify_when_over_budget": False,
        "over_budget_notification_percentage": 80.0, "show_budget_to_all": False,
        "cost_budget": None, "cost_budget_include_expenses": False, "hourly_rate": None,
        "fee": None, "notes": None, "code": None, "is_active": True,
    }  # fmt: skip
    assert {k: project[k] for k in expected} == expected
    assert project["client"] == {"id": client_id, "name": "Acme", "currency": "EUR"}
    assert ok(empty.get(f"/v2/projects/{project['id']}")) == project


def test_all_fields_round_trip(empty: TestClient, client_id: int) -> None:
    body = {
        "client_id": client_id, "name": "Retainer", "code": "R1", "is_billable": True,
        "is_fixed_fee": True, "fee": 5000, "bill_by": "Tasks", "hourly_rate": 120.5,
        "budget_by": "project_cost", "cost_budget": 9000, "cost_budget_include_expenses": True,
        "notify_when_over_budget": True, "over_budget_notification_percentage": 90,
        "show_budget_to_all": True, "budget_is_monthly": True, "notes": "Priority",
        "starts_on": "2026-01-01", "ends_on": "2026-12-31",
    }  # fmt: skip
    project = ok(empty.post("/v2/projects", json=body), 201)
    for key, value in body.items():
        if key != "client_id":
            assert project[key] == value, key


_OK = {"client_id": "the client", "name": "New"}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "Client can't be blank, Name can't be blank"),
        ({"name": "X"}, "Client can't be blank"),
        ({"client_id": 1, "name": "X"}, "Client must exist"),
        ({**_OK, "bill_by": "Hours"}, "Bill by is not included in the list"),
        ({**_OK, "bill_by": "project"}, "Bill by is not included in the list"),
        ({**_OK, "budget_by": "money"}, "Budget by is not included in the list"),
        ({**_OK, "budget": -5}, "Budget must be greater than or equal to 0"),
        ({**_OK, "budget": "1e30"}, "Budget is not a number"),
        ({**_OK, "starts_on": "someday"}, "Starts on is not a valid date"),
        ({**_OK, "is_billable": "sometimes"}, "Is billable is not a boolean"),
        ({**_OK, "name": "Taken"}, "Name has already been taken"),
    ],
)
def test_validation(empty: TestClient, client_id: int, body: dict[str, Any], message: str) -> None:
    ok(empty.post("/v2/projects", json={"client_id": client_id, "name": "Taken"}), 201)
    if body.get("client_id") == "the client":
        body = {**body, "client_id": client_id}
    response = empty.post("/v2/projects", json=body)
    assert (response.status_code, response.json()) == (422, {"message": message})


def test_creation_assigns_default_tasks_and_future_project_people(
    empty: TestClient, client_id: int
) -> None:
    default = ok(empty.post("/v2/tasks", json={"name": "Meetings", "is_default": True,
                                               "billable_by_default": False}), 201)  # fmt: skip
    ok(empty.post("/v2/tasks", json={"name": "Extra"}), 201)
    everyone = add_user(empty, has_access_to_all_future_projects=True)
    add_user(empty)
    project = ok(empty.post("/v2/projects", json={"client_id": client_id, "name": "Site"}), 201)
    tasks = ok(empty.get(f"/v2/projects/{project['id']}/task_assignments"))["task_assignments"]
    assert [(t["task"]["id"], t["billable"]) for t in tasks] == [(default["id"], False)]
    people = ok(empty.get(f"/v2/projects/{project['id']}/user_assignments"))["user_assignments"]
    assigned = {u["user"]["id"]: u["is_project_manager"] for u in people}
    assert assigned[everyone] is False and len(assigned) == 2  # plus the administrator


def test_filters(empty: TestClient, client_id: int) -> None:
    other = ok(empty.post("/v2/clients", json={"name": "Other"}), 201)["id"]
    a = ok(empty.post("/v2/projects", json={"client_id": client_id, "name": "A"}), 201)["id"]
    b = ok(empty.post("/v2/projects", json={"client_id": other, "name": "B",
                                            "is_active": False}), 201)["id"]  # fmt: skip
    assert [p["id"] for p in ok(empty.get("/v2/projects"))["projects"]] == [b, a]
    assert [p["id"] for p in ok(empty.get(f"/v2/projects?client_id={other}"))["projects"]] == [b]
    assert [p["id"] for p in ok(empty.get("/v2/projects?is_active=true"))["projects"]] == [a]
    assert empty.get("/v2/projects?client_id=abc").status_code == 422


def test_update_and_archive(empty: TestClient, client_id: int) -> None:
    project = ok(empty.post("/v2/projects", json={"client_id": client_id, "name": "A"}), 201)
    url = f"/v2/projects/{project['id']}"
    updated = ok(empty.patch(url, json={"is_active": False, "code": "A1", "budget_by": "person"}))
    assert (updated["is_active"], updated["code"], updated["budget_by"]) == (False, "A1", "person")
    assert empty.patch(url, json={"bill_by": "Everyone"}).status_code == 422
    assert empty.patch("/v2/projects/123", json={"name": "X"}).json()["status"] == 404


def test_permissions(empty: TestClient, client_id: int) -> None:
    member = as_user(empty, add_user(empty))
    manager = as_user(empty, add_user(empty, "manager"))
    creator_id = add_user(empty, "manager", "project_creator")
    creator = as_user(empty, creator_id)
    others = ok(empty.post("/v2/projects", json={"client_id": client_id, "name": "Admin's"}), 201)
    assert member.get("/v2/projects").status_code == 403
    assert member.get(f"/v2/projects/{others['id']}").status_code == 403
    assert (
        manager.post("/v2/projects", json={"client_id": client_id, "name": "X"}).status_code == 403
    )
    assert ok(manager.get("/v2/projects"))["projects"] == []
    own = ok(creator.post("/v2/projects", json={"client_id": client_id, "name": "Mine"}), 201)
    assert [p["id"] for p in ok(creator.get("/v2/projects"))["projects"]] == [own["id"]]
    ok(creator.patch(f"/v2/projects/{own['id']}", json={"notes": "mine"}))
    assert creator.get(f"/v2/projects/{others['id']}").status_code == 403
    assert creator.patch(f"/v2/projects/{others['id']}", json={"notes": "x"}).status_code == 403
