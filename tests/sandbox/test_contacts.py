"""Client contacts: CRUD, defaults of omitted fields, filters, permissions."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from tests.conftest import as_user
from tests.sandbox.test_time_entries import add_user, ok


@pytest.fixture
def client_id(empty: TestClient) -> int:
    return int(ok(empty.post("/v2/clients", json={"name": "Acme"}), 201)["id"])


def test_create_list_get_update_delete(empty: TestClient, client_id: int) -> None:
    created = empty.post("/v2/contacts", json={"client_id": client_id, "first_name": "Jane"})
    contact = ok(created, 201)
    assert created.headers["location"].endswith(f"/api/v2/contacts/{contact['id']}")
    assert contact["client"] == {"id": client_id, "name": "Acme"}
    assert (contact["title"], contact["last_name"]) == (None, None)
    assert [contact[f] for f in ("email", "phone_office", "phone_mobile", "fax")] == [""] * 4
    assert list(contact) == [
        "id", "client", "title", "first_name", "last_name", "email", "phone_office",
        "phone_mobile", "fax", "created_at", "updated_at",
    ]  # fmt: skip

    listed = ok(empty.get("/v2/contacts"))
    assert [c["id"] for c in listed["contacts"]] == [contact["id"]]
    assert ok(empty.get(f"/v2/contacts/{contact['id']}")) == contact

    url = f"/v2/contacts/{contact['id']}"
    updated = ok(empty.patch(url, json={"title": "CTO", "email": "jane@acme.example"}))
    assert (updated["title"], updated["email"], updated["first_name"]) == (
        "CTO", "jane@acme.example", "Jane",
    )  # fmt: skip
    assert ok(empty.delete(url))["id"] == contact["id"]
    assert empty.get(url).json() == {"status": 404, "error": "Not Found"}


def test_filters_by_client_and_pages_by_cursor(empty: TestClient, client_id: int) -> None:
    other = ok(empty.post("/v2/clients", json={"name": "Other"}), 201)["id"]
    mine = [
        ok(empty.post("/v2/contacts", json={"client_id": client_id, "first_name": n}), 201)["id"]
        for n in ("A", "B")
    ]
    ok(empty.post("/v2/contacts", json={"client_id": other, "first_name": "C"}), 201)
    listed = ok(empty.get(f"/v2/contacts?client_id={client_id}"))
    assert sorted(c["id"] for c in listed["contacts"]) == sorted(mine)
    first = ok(empty.get("/v2/contacts?per_page=2"))
    assert "cursor=" in first["links"]["next"]
    rest = ok(empty.get(first["links"]["next"]))
    assert len(rest["contacts"]) == 1 and rest["links"]["next"] is None
    assert ok(empty.get("/v2/contacts?updated_since=2999-01-01T00:00:00Z"))["contacts"] == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "Client can't be blank, First name can't be blank"),
        ({"client_id": 1, "first_name": "A"}, "Client must exist"),
        ({"client_id": "x", "first_name": "A"}, "Client is not a number"),
        ({"first_name": "A", "email": "not-an-email"}, "Email is invalid"),
        ({"first_name": "   "}, "First name can't be blank"),
    ],
)
def test_validation(
    empty: TestClient, client_id: int, body: dict[str, object], message: str
) -> None:
    if "email" in body or body.get("first_name") == "   ":
        body = {"client_id": client_id, **body}
    response = empty.post("/v2/contacts", json=body)
    assert (response.status_code, response.json()) == (422, {"message": message})


def test_permissions_follow_clients(empty: TestClient, client_id: int) -> None:
    member = as_user(empty, add_user(empty))
    manager = as_user(empty, add_user(empty, "manager"))
    client_manager = as_user(empty, add_user(empty, "manager", "client_and_task_manager"))
    for who in (member, manager):
        response = who.get("/v2/contacts")
        assert (response.status_code, response.json()) == (403, {"message": "Not authorized!"})
    body = {"client_id": client_id, "first_name": "Kim"}
    ok(client_manager.post("/v2/contacts", json=body), 201)
