"""Expense categories: CRUD, unit-based categories, who may write, deletion rule."""

from __future__ import annotations

from datetime import date

import pytest
from starlette.testclient import TestClient

from tests.conftest import as_user
from tests.sandbox._ledger import Ledger
from tests.spec import assert_conforms


def test_create_get_list_update_delete(empty: TestClient) -> None:
    created = empty.post("/v2/expense_categories", json={"name": "Other"})
    assert created.status_code == 201
    assert_conforms(created)
    category = created.json()
    assert created.headers["location"].endswith(f"/api/v2/expense_categories/{category['id']}")
    assert list(category) == [
        "id",
        "name",
        "unit_name",
        "unit_price",
        "is_active",
        "created_at",
        "updated_at",
    ]
    assert (category["unit_name"], category["unit_price"], category["is_active"]) == (
        None,
        None,
        True,
    )

    fetched = empty.get(f"/v2/expense_categories/{category['id']}")
    assert_conforms(fetched)
    assert fetched.json() == category

    listed = empty.get("/v2/expense_categories")
    assert_conforms(listed)
    assert [c["id"] for c in listed.json()["expense_categories"]] == [category["id"]]

    updated = empty.patch(f"/v2/expense_categories/{category['id']}", json={"is_active": False})
    assert_conforms(updated)
    assert updated.json()["is_active"] is False

    deleted = empty.delete(f"/v2/expense_categories/{category['id']}")
    assert deleted.status_code == 200
    assert_conforms(deleted)
    assert empty.get(f"/v2/expense_categories/{category['id']}").status_code == 404


def test_unit_based_category(empty: TestClient) -> None:
    response = empty.post(
        "/v2/expense_categories",
        data={"name": "Mileage", "unit_name": "mile", "unit_price": "0.535"},
    )
    assert_conforms(response)
    assert (response.json()["unit_name"], response.json()["unit_price"]) == ("mile", 0.535)


def test_newest_first_and_filters(empty: TestClient) -> None:
    clock = empty.app.state.sandbox.clock  # type: ignore[attr-defined]
    first = empty.post("/v2/expense_categories", json={"name": "Lodging"}).json()
    clock.advance(60)
    second = empty.post("/v2/expense_categories", json={"name": "Meals", "is_active": False}).json()
    ids = [c["id"] for c in empty.get("/v2/expense_categories").json()["expense_categories"]]
    assert ids == [second["id"], first["id"]]
    active = empty.get("/v2/expense_categories?is_active=true").json()["expense_categories"]
    assert [c["id"] for c in active] == [first["id"]]
    since = empty.get("/v2/expense_categories", params={"updated_since": second["updated_at"]})
    assert [c["id"] for c in since.json()["expense_categories"]] == [second["id"]]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"unit_name": "mile"}, "Name can't be blank"),
        ({"name": "  "}, "Name can't be blank"),
        ({"name": "Other", "unit_price": "lots"}, "Unit price is not a number"),
        ({"name": "Other", "unit_price": -1}, "Unit price must be greater than or equal to 0"),
        ({"name": "Other", "unit_price": 1e30}, "Unit price is not a number"),
        ({"name": "Other", "is_active": "maybe"}, "Is active is not a boolean"),
    ],
)
def test_validation(empty: TestClient, body: dict[str, object], message: str) -> None:
    response = empty.post("/v2/expense_categories", json=body)
    assert (response.status_code, response.json()) == (422, {"message": message})


def test_names_are_unique(empty: TestClient) -> None:
    empty.post("/v2/expense_categories", json={"name": "Meals"})
    again = empty.post("/v2/expense_categories", json={"name": "Meals"})
    assert again.json() == {"message": "Name has already been taken"}


def test_members_read_but_only_administrators_write(empty: TestClient) -> None:
    category = empty.post("/v2/expense_categories", json={"name": "Meals"}).json()
    ledger = Ledger(empty)
    manager = as_user(
        empty, ledger.user("Mia", "Manager", "manager", permissions=["project_creator"])
    )
    member = as_user(empty, ledger.user())
    for caller in (manager, member):
        assert caller.get("/v2/expense_categories").status_code == 200
        assert caller.get(f"/v2/expense_categories/{category['id']}").status_code == 200
        refused = [
            caller.post("/v2/expense_categories", json={"name": "Other"}),
            caller.patch(f"/v2/expense_categories/{category['id']}", json={"name": "X"}),
            caller.delete(f"/v2/expense_categories/{category['id']}"),
        ]
        assert {(r.status_code, r.text) for r in refused} == {
            (403, '{"message":"Not authorized!"}')
        }


def test_a_category_with_expenses_is_not_removable(empty: TestClient) -> None:
    ledger = Ledger(empty)
    project = ledger.project(ledger.client())
    category = ledger.category("Meals")
    ledger.expense(ledger.admin_id, project, category, date(2026, 3, 1), "12.50")
    response = empty.delete(f"/v2/expense_categories/{category}")
    assert response.status_code == 422
    assert response.headers["hint"] == response.json()["message"]


def test_switched_off_expenses_feature(empty: TestClient) -> None:
    Ledger(empty).company(expense_feature=False)
    assert empty.get("/v2/expense_categories").status_code == 403


def test_unknown_category(empty: TestClient) -> None:
    assert empty.get("/v2/expense_categories/999").json() == {"status": 404, "error": "Not Found"}
    assert empty.patch("/v2/expense_categories/abc", json={}).status_code == 404
