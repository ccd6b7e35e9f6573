"""Expenses: costs from units or totals, locking, visibility by role, filters (§8.6, §10.11)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.conftest import as_user, sandbox_of
from tests.sandbox._ledger import Ledger
from tests.spec import assert_conforms


@dataclass
class Books:
    ledger: Ledger
    client: int
    project: int
    meals: int
    mileage: int


@pytest.fixture
def books(empty: TestClient) -> Books:
    ledger = Ledger(empty)
    client = ledger.client("ABC Corp")
    project = ledger.project(client, "Marketing Website", code="MW")
    ledger.assign(project, ledger.admin_id, is_project_manager=True)
    meals = ledger.category("Meals")
    mileage = ledger.category("Mileage", unit_name="mile", unit_price="0.535")
    return Books(ledger, client, project, meals, mileage)


def _create(c: TestClient, books: Books, **body: Any) -> Any:
    payload = {
        "project_id": books.project,
        "expense_category_id": books.meals,
        "spent_date": "2026-03-01",
        **body,
    }
    return c.post("/v2/expenses", json=payload)


def test_create_with_a_total(empty: TestClient, books: Books) -> None:
    response = _create(empty, books, total_cost=13.59, notes="Lunch")
    assert response.status_code == 201
    assert_conforms(response)
    expense = response.json()
    assert response.headers["location"].endswith(f"/api/v2/expenses/{expense['id']}")
    assert list(expense) == [
        "id",
        "notes",
        "total_cost",
        "units",
        "is_closed",
        "approval_status",
        "is_locked",
        "is_billed",
        "locked_reason",
        "spent_date",
        "created_at",
        "updated_at",
        "billable",
        "receipt",
        "user",
        "user_assignment",
        "project",
        "expense_category",
        "client",
        "invoice",
    ]
    assert (expense["total_cost"], expense["units"], expense["billable"]) == (13.59, 1.0, True)
    assert expense["project"] == {"id": books.project, "name": "Marketing Website", "code": "MW"}
    assert expense["client"] == {"id": books.client, "name": "ABC Corp", "currency": "USD"}
    assert expense["user"] == {"id": books.ledger.admin_id, "name": "Avery Admin"}
    assert expense["expense_category"] == {
        "id": books.meals,
        "name": "Meals",
        "unit_price": None,
        "unit_name": None,
    }
    assert expense["user_assignment"]["is_project_manager"] is True
    assert (expense["invoice"], expense["receipt"], expense["is_locked"]) == (None, None, False)
    assert (expense["approval_status"], expense["is_closed"]) == ("unsubmitted", False)


def test_unit_based_category_prices_the_units(empty: TestClient, books: Books) -> None:
    response = _create(empty, books, expense_category_id=books.mileage, units=12, total_cost=1)
    assert_conforms(response)
    assert (response.json()["units"], response.json()["total_cost"]) == (12.0, 6.42)
    assert response.json()["expense_category"]["unit_price"] == 0.535


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "Total cost can't be blank"),
        ({"units": 3}, "Total cost can't be blank"),
        ({"expense_category_id": "mileage", "total_cost": 5}, "Units can't be blank"),
        (
            {"project_id": None, "spent_date": ""},
            "Project can't be blank, Spent date can't be blank",
        ),
        ({"project_id": 999, "total_cost": 1}, "Project can't be blank"),
        ({"expense_category_id": 999, "total_cost": 1}, "Expense category can't be blank"),
        ({"spent_date": "2026-02-30", "total_cost": 1}, "Spent date is not a valid date"),
        ({"total_cost": "12,50"}, "Total cost is not a number"),
        ({"total_cost": 10**20}, "Total cost is not a number"),
        ({"units": "1e400", "expense_category_id": "mileage"}, "Units is not a number"),
        ({"user_id": "me", "total_cost": 1}, "User is not a number"),
        ({"user_id": 424242, "total_cost": 1}, "User can't be blank"),
        ({"billable": "sometimes", "total_cost": 1}, "Billable is not a boolean"),
        ({"notes": {"a": 1}, "total_cost": 1}, "Notes is invalid"),
    ],
)
def test_validation(empty: TestClient, books: Books, body: dict[str, Any], message: str) -> None:
    if body.get("expense_category_id") == "mileage":
        body["expense_category_id"] = books.mileage
    response = _create(empty, books, **body)
    assert (response.status_code, response.json()) == (422, {"message": message})


def test_the_user_must_be_assigned_to_an_active_project(empty: TestClient, books: Books) -> None:
    other = books.ledger.project(books.client, "Unassigned")
    assert _create(empty, books, project_id=other, total_cost=1).status_code == 422
    archived = books.ledger.project(books.client, "Old", is_active=False)
    books.ledger.assign(archived, books.ledger.admin_id)
    response = _create(empty, books, project_id=archived, total_cost=1)
    assert response.json() == {"message": "Project is archived"}


def test_billable_follows_the_project(empty: TestClient, books: Books) -> None:
    internal = books.ledger.project(books.client, "Internal", is_billable=False)
    books.ledger.assign(internal, books.ledger.admin_id)
    assert _create(empty, books, project_id=internal, total_cost=1).json()["billable"] is False
    assert _create(empty, books, total_cost=1, billable=False).json()["billable"] is False
    assert _create(empty, books, total_cost=1).json()["billable"] is True


def test_form_encoded_create(empty: TestClient, books: Books) -> None:
    response = empty.post(
        "/v2/expenses",
        data={
            "project_id": str(books.project),
            "expense_category_id": str(books.meals),
            "spent_date": "2026-03-01",
            "total_cost": "20.00",
            "billable": "false",
        },
    )
    assert response.status_code == 201
    assert (response.json()["total_cost"], response.json()["billable"]) == (20.0, False)


def test_list_sorted_by_spent_date_newest_first(empty: TestClient, books: Books) -> None:
    days = ["2026-03-02", "2026-03-05", "2026-03-01"]
    ids = {d: _create(empty, books, spent_date=d, total_cost=1).json()["id"] for d in days}
    listed = empty.get("/v2/expenses")
    assert_conforms(listed)
    assert [e["id"] for e in listed.json()["expenses"]] == [
        ids["2026-03-05"],
        ids["2026-03-02"],
        ids["2026-03-01"],
    ]
    page = empty.get("/v2/expenses?per_page=1&page=2").json()
    assert (page["total_pages"], page["page"], page["next_page"]) == (3, 2, 3)
    assert page["links"]["next"].endswith("/v2/expenses?page=3&per_page=1")


def test_list_filters(empty: TestClient, books: Books) -> None:
    ledger = books.ledger
    other_client = ledger.client("Globex", "EUR")
    other_project = ledger.project(other_client, "Portal")
    member = ledger.user()
    ledger.assign(other_project, member)
    invoice = ledger.invoice(books.client)
    add = ledger.expense
    a = add(ledger.admin_id, books.project, books.meals, date(2026, 3, 1), "10", invoice_id=invoice)
    b = add(member, other_project, books.meals, date(2026, 3, 10), "20", approval_status="approved")
    sandbox_of(empty).clock.advance(3600)
    c = add(ledger.admin_id, books.project, books.meals, date(2026, 4, 1), "30")
    later = sandbox_of(empty).clock.utcnow().strftime("%Y-%m-%dT%H:%M:%SZ")
    cases = {
        f"user_id={member}": [b],
        f"client_id={books.client}": [c, a],
        f"project_id={other_project}": [b],
        "is_billed=true": [a],
        "is_billed=false": [c, b],
        "approval_status=approved": [b],
        "from=2026-03-05": [c, b],
        "to=20260305": [a],
        "from=2026-03-01&to=2026-03-31": [b, a],
        f"updated_since={later}": [c],
    }
    for query, expected in cases.items():
        listed = empty.get(f"/v2/expenses?{query}").json()["expenses"]
        assert [e["id"] for e in listed] == expected, query
    assert empty.get("/v2/expenses?from=yesterday").status_code == 422


def test_invoiced_and_approved_expenses_are_locked(empty: TestClient, books: Books) -> None:
    ledger = books.ledger
    invoice = ledger.invoice(books.client, "1001")
    billed = ledger.expense(
        ledger.admin_id, books.project, books.meals, date(2026, 3, 1), "33.35", invoice_id=invoice
    )
    approved = ledger.expense(
        ledger.admin_id,
        books.project,
        books.meals,
        date(2026, 3, 1),
        "9",
        approval_status="approved",
    )
    got = empty.get(f"/v2/expenses/{billed}")
    assert_conforms(got)
    body = got.json()
    assert (body["is_locked"], body["is_billed"], body["locked_reason"]) == (
        True,
        True,
        "Expense is invoiced.",
    )
    assert body["invoice"] == {"id": invoice, "number": "1001"}
    body = empty.get(f"/v2/expenses/{approved}").json()
    assert (body["is_locked"], body["is_closed"], body["approval_status"]) == (
        True,
        True,
        "approved",
    )


def test_locked_expense_silently_keeps_project_and_category(
    empty: TestClient, books: Books
) -> None:
    ledger = books.ledger
    other = ledger.project(books.client, "Other")
    ledger.assign(other, ledger.admin_id)
    invoice = ledger.invoice(books.client)
    locked = ledger.expense(
        ledger.admin_id, books.project, books.meals, date(2026, 3, 1), "5", invoice_id=invoice
    )
    response = empty.patch(
        f"/v2/expenses/{locked}",
        json={"project_id": other, "expense_category_id": books.mileage, "units": 2, "notes": "x"},
    )
    assert response.status_code == 200
    assert_conforms(response)
    body = response.json()
    assert (body["project"]["id"], body["expense_category"]["id"]) == (books.project, books.meals)
    assert body["notes"] == "x"


def test_update_recomputes_the_cost(empty: TestClient, books: Books) -> None:
    expense = _create(empty, books, total_cost=10).json()
    to_units = empty.patch(
        f"/v2/expenses/{expense['id']}", json={"expense_category_id": books.mileage}
    )
    assert to_units.json() == {"message": "Units can't be blank"}
    miles = empty.patch(
        f"/v2/expenses/{expense['id']}", json={"expense_category_id": books.mileage, "units": 100}
    ).json()
    assert (miles["units"], miles["total_cost"]) == (100.0, 53.5)
    more = empty.patch(f"/v2/expenses/{expense['id']}", json={"units": 200}).json()
    assert more["total_cost"] == 107.0
    back = empty.patch(
        f"/v2/expenses/{expense['id']}", json={"expense_category_id": books.meals, "total_cost": 12}
    ).json()
    assert (back["units"], back["total_cost"]) == (1.0, 12.0)
    moved = empty.patch(f"/v2/expenses/{expense['id']}", json={"spent_date": None})
    assert moved.json() == {"message": "Spent date can't be blank"}


def test_delete_returns_the_expense(empty: TestClient, books: Books) -> None:
    expense = _create(empty, books, total_cost=10).json()
    deleted = empty.delete(f"/v2/expenses/{expense['id']}")
    assert deleted.status_code == 200
    assert_conforms(deleted)
    assert deleted.json()["id"] == expense["id"]
    assert empty.get(f"/v2/expenses/{expense['id']}").json() == {
        "status": 404,
        "error": "Not Found",
    }


def _team(books: Books) -> dict[str, int]:
    """A manager with a teammate and a managed project, a member, and an outsider."""
    ledger = books.ledger
    people = {
        "manager": ledger.user("Mia", "Manager", "manager"),
        "teammate": ledger.user("Tom", "Mate"),
        "member": ledger.user("Meg", "Member"),
        "outsider": ledger.user("Oz", "Side"),
    }
    ledger.teammate(people["manager"], people["teammate"])
    managed = ledger.project(books.client, "Managed")
    ledger.assign(managed, people["manager"], is_project_manager=True)
    for name in ("teammate", "member", "outsider"):
        ledger.assign(books.project, people[name])
    ledger.assign(managed, people["member"])
    day = date(2026, 3, 1)
    for name in list(people):
        project = managed if name == "member" else books.project
        if name == "manager":
            ledger.assign(books.project, people[name])
        people[f"{name}_expense"] = ledger.expense(people[name], project, books.meals, day, "1")
    return people


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("manager", {"manager", "teammate", "member"}),
        ("member", {"member"}),
        ("teammate", {"teammate"}),
    ],
)
def test_visibility_by_role(empty: TestClient, books: Books, who: str, sees: set[str]) -> None:
    people = _team(books)
    caller = as_user(empty, people[who])
    ids = {e["id"] for e in caller.get("/v2/expenses").json()["expenses"]}
    assert ids == {people[f"{name}_expense"] for name in sees}
    assert len(empty.get("/v2/expenses").json()["expenses"]) == 4
    hidden = people["outsider_expense"]
    assert caller.get(f"/v2/expenses/{hidden}").json() == {"message": "Not authorized!"}


def test_writing_for_others_needs_the_time_and_expenses_permission(
    empty: TestClient, books: Books
) -> None:
    people = _team(books)
    manager = as_user(empty, people["manager"])
    teammate_expense = people["teammate_expense"]
    body = {
        "project_id": books.project,
        "expense_category_id": books.meals,
        "spent_date": "2026-03-02",
        "total_cost": 5,
        "user_id": people["teammate"],
    }
    assert manager.patch(f"/v2/expenses/{teammate_expense}", json={"notes": "n"}).status_code == 403
    assert manager.post("/v2/expenses", json=body).status_code == 403
    permitted_id = books.ledger.user(
        "Pat", "Permitted", "manager", permissions=["time_and_expenses_manager"]
    )
    books.ledger.teammate(permitted_id, people["teammate"])
    permitted = as_user(empty, permitted_id)
    created = permitted.post("/v2/expenses", json=body)
    assert created.status_code == 201
    assert created.json()["user"]["id"] == people["teammate"]
    member = as_user(empty, people["member"])
    assert member.post("/v2/expenses", json=body).status_code == 403


def test_members_cannot_change_locked_expenses(empty: TestClient, books: Books) -> None:
    member = books.ledger.user()
    books.ledger.assign(books.project, member)
    approved = books.ledger.expense(
        member, books.project, books.meals, date(2026, 3, 1), "5", approval_status="approved"
    )
    caller = as_user(empty, member)
    edited = caller.patch(f"/v2/expenses/{approved}", json={"notes": "n"})
    assert (edited.status_code, edited.json()) == (
        422,
        {"message": "This expense is locked and can't be changed"},
    )
    deleted = caller.delete(f"/v2/expenses/{approved}")
    assert deleted.status_code == 422
    assert deleted.headers["hint"] == "This expense is not removable. It is locked."
    assert empty.patch(f"/v2/expenses/{approved}", json={"notes": "n"}).status_code == 200
    assert empty.delete(f"/v2/expenses/{approved}").status_code == 200


def test_switched_off_expenses_feature(empty: TestClient, books: Books) -> None:
    books.ledger.company(expense_feature=False)
    assert empty.get("/v2/expenses").json() == {"message": "Not authorized!"}
    assert _create(empty, books, total_cost=1).status_code == 403


def test_demo_expenses_conform_and_billed_ones_are_locked(demo: TestClient) -> None:
    listed = demo.get("/v2/expenses")
    assert_conforms(listed)
    expenses = listed.json()["expenses"]
    assert expenses, "the demo company records expenses"
    dates = [e["spent_date"] for e in expenses]
    assert dates == sorted(dates, reverse=True)
    for expense in expenses:
        assert expense["is_billed"] == (expense["invoice"] is not None)
        if expense["is_billed"]:
            assert (expense["is_locked"], expense["locked_reason"]) == (
                True,
                "Expense is invoiced.",
            )
        assert expense["is_closed"] == (expense["approval_status"] == "approved")
