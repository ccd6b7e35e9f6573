"""Roles: administrators' CRUD, membership replacement, and users' `roles` kept in step."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.conftest import as_user
from tests.spec import assert_conforms


def _user(client: TestClient, first: str, **fields: Any) -> int:
    body = {"first_name": first, "last_name": "X", "email": f"{first.lower()}@x.example"}
    user_id: int = client.post("/v2/users", json={**body, **fields}).json()["id"]
    return user_id


def _role_names(client: TestClient, user_id: int) -> list[str]:
    names: list[str] = client.get(f"/v2/users/{user_id}").json()["roles"]
    return names


def test_create_get_list(empty: TestClient) -> None:
    jim = _user(empty, "Jim")
    created = empty.post("/v2/roles", json={"name": "Sales", "user_ids": [jim]})
    assert created.status_code == 201
    assert_conforms(created)
    role = created.json()
    assert created.headers["location"].endswith(f"/api/v2/roles/{role['id']}")
    assert list(role) == ["id", "name", "created_at", "updated_at", "user_ids"]
    assert role["user_ids"] == [jim]
    assert _role_names(empty, jim) == ["Sales"]
    fetched = empty.get(f"/v2/roles/{role['id']}")
    assert_conforms(fetched)
    assert fetched.json() == role
    listed = empty.get("/v2/roles")
    assert_conforms(listed)
    assert [r["id"] for r in listed.json()["roles"]] == [role["id"]]


def test_list_newest_first_with_cursor(empty: TestClient) -> None:
    ids = [empty.post("/v2/roles", json={"name": n}).json()["id"] for n in ("A", "B", "C")]
    page = empty.get("/v2/roles?per_page=2").json()
    assert [r["id"] for r in page["roles"]] == [ids[2], ids[1]]
    rest = empty.get(page["links"]["next"]).json()
    assert [r["id"] for r in rest["roles"]] == [ids[0]]


def test_update_replaces_members_and_renames(empty: TestClient) -> None:
    jim, ann = _user(empty, "Jim"), _user(empty, "Ann")
    role = empty.post("/v2/roles", json={"name": "Sales", "user_ids": [jim]}).json()
    updated = empty.patch(f"/v2/roles/{role['id']}", json={"name": "Growth", "user_ids": [ann]})
    assert updated.status_code == 200
    assert_conforms(updated)
    assert (updated.json()["name"], updated.json()["user_ids"]) == ("Growth", [ann])
    assert (_role_names(empty, jim), _role_names(empty, ann)) == ([], ["Growth"])


def test_rename_alone_keeps_members(empty: TestClient) -> None:
    jim = _user(empty, "Jim", roles=["Sales", "Design"])
    role = next(r for r in empty.get("/v2/roles").json()["roles"] if r["name"] == "Sales")
    empty.patch(f"/v2/roles/{role['id']}", data={"name": "Growth"})
    assert _role_names(empty, jim) == ["Design", "Growth"]


def test_delete_unlinks_users(empty: TestClient) -> None:
    jim = _user(empty, "Jim")
    role = empty.post("/v2/roles", json={"name": "Sales", "user_ids": [jim]}).json()
    deleted = empty.delete(f"/v2/roles/{role['id']}")
    assert deleted.status_code == 200
    assert_conforms(deleted)
    assert deleted.json()["id"] == role["id"]
    assert _role_names(empty, jim) == []
    assert empty.get(f"/v2/roles/{role['id']}").status_code == 404


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "Name can't be blank"),
        ({"name": "  "}, "Name can't be blank"),
        ({"name": "Taken"}, "Name has already been taken"),
        ({"name": "New", "user_ids": [999]}, "User ids are invalid"),
        ({"name": "New", "user_ids": ["x"]}, "Users is not a number"),
    ],
)
def test_validation(empty: TestClient, body: dict[str, Any], message: str) -> None:
    empty.post("/v2/roles", json={"name": "Taken"})
    response = empty.post("/v2/roles", json=body)
    assert (response.status_code, response.json()) == (422, {"message": message})


def test_administrators_only(empty: TestClient) -> None:
    manager = as_user(empty, _user(empty, "Maya", access_roles=["manager", "project_creator"]))
    role = empty.post("/v2/roles", json={"name": "Sales"}).json()
    for method, path in [
        ("GET", "/v2/roles"),
        ("POST", "/v2/roles"),
        ("GET", f"/v2/roles/{role['id']}"),
        ("PATCH", f"/v2/roles/{role['id']}"),
        ("DELETE", f"/v2/roles/{role['id']}"),
    ]:
        response = manager.request(method, path, json={"name": "X"})
        assert (response.status_code, response.json()) == (403, {"message": "Not authorized!"})
