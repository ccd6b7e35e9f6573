"""Invoice and estimate item categories: CRUD, names, and the invoice deletion rule."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from tests.conftest import as_user
from tests.sandbox.test_invoices import new_user
from tests.spec import assert_conforms

PATHS = ["/v2/invoice_item_categories", "/v2/estimate_item_categories"]


@pytest.mark.parametrize("path", PATHS)
def test_crud(empty: TestClient, path: str) -> None:
    created = empty.post(path, json={"name": "Hosting"})
    assert created.status_code == 201
    assert_conforms(created)
    category = created.json()
    assert created.headers["location"].endswith(f"{path.removeprefix('/v2')}/{category['id']}")
    listed = empty.get(path)
    assert_conforms(listed)
    key = path.removeprefix("/v2/")
    assert [c["name"] for c in listed.json()[key]] == ["Hosting", "Product", "Service"]
    got = empty.get(f"{path}/{category['id']}")
    assert_conforms(got)
    renamed = empty.patch(f"{path}/{category['id']}", json={"name": "Servers"})
    assert_conforms(renamed)
    assert renamed.json()["name"] == "Servers"
    deleted = empty.delete(f"{path}/{category['id']}")
    assert_conforms(deleted)
    assert empty.get(f"{path}/{category['id']}").status_code == 404


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "Name can't be blank"),
        ({"name": " "}, "Name can't be blank"),
        ({"name": "Service"}, "Name has already been taken"),
    ],
)
def test_names(empty: TestClient, path: str, body: dict[str, str], message: str) -> None:
    response = empty.post(path, json=body)
    assert (response.status_code, response.json()) == (422, {"message": message})


def test_new_invoice_categories_are_neither_service_nor_expense(empty: TestClient) -> None:
    category = empty.post(
        "/v2/invoice_item_categories", json={"name": "Hosting", "use_as_service": True}
    ).json()
    assert (category["use_as_service"], category["use_as_expense"]) == (False, False)


@pytest.mark.parametrize(("name", "use"), [("Service", "services"), ("Product", "expenses")])
def test_service_and_expense_categories_cannot_be_deleted(
    empty: TestClient, name: str, use: str
) -> None:
    categories = empty.get("/v2/invoice_item_categories").json()["invoice_item_categories"]
    category = next(c for c in categories if c["name"] == name)
    response = empty.delete(f"/v2/invoice_item_categories/{category['id']}")
    assert response.status_code == 422
    assert f"used for {use}" in response.json()["message"]
    assert response.headers["hint"] == response.json()["message"]


def test_estimate_categories_can_all_be_deleted(empty: TestClient) -> None:
    categories = empty.get("/v2/estimate_item_categories").json()["estimate_item_categories"]
    for category in categories:
        assert empty.delete(f"/v2/estimate_item_categories/{category['id']}").status_code == 200


def test_members_are_refused(empty: TestClient) -> None:
    member = as_user(empty, new_user(empty, "Mo", ["member"]))
    for path in PATHS:
        assert member.get(path).json() == {"message": "Not authorized!"}
