"""`line_items_import`: invoices from tracked time and expenses bill exactly the unbilled
billable items of the chosen projects and period, and nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from harvestkit.sandbox import tables
from tests.conftest import sandbox_of
from tests.sandbox.test_invoices import insert_row, new_client, new_user, set_company
from tests.spec import assert_conforms

TIME_LOCKED = "Item Invoiced and Approved and Locked for this Time Period"


@dataclass
class Books:
    client: int
    other_client: int
    project: int
    project2: int
    foreign_project: int
    billable: list[int]  # March, project 1, billable and unbilled: what a March import bills
    april: int
    untouchable: list[int]  # never billed by a project-1 import
    expenses: list[int]  # March, project 1, billable and unbilled
    other_expenses: list[int]


def entry(c: TestClient, books_ids: dict[str, int], **values: Any) -> int:
    row = {
        "spent_date": date(2017, 3, 1),
        "user_id": books_ids["ann"],
        "client_id": books_ids["client"],
        "project_id": books_ids["project"],
        "task_id": books_ids["pm"],
        "hours_without_timer": Decimal("1"),
        "billable": True,
        "budgeted": False,
        "billable_rate": Decimal("100"),
        **values,
    }
    return insert_row(c, tables.time_entries, **row)


def expense(c: TestClient, ids: dict[str, int], **values: Any) -> int:
    row = {
        "spent_date": date(2017, 3, 2),
        "user_id": ids["ann"],
        "client_id": ids["client"],
        "project_id": ids["project"],
        "expense_category_id": ids["travel"],
        "total_cost": Decimal("40"),
        "billable": True,
        **values,
    }
    return insert_row(c, tables.expenses, **row)


@pytest.fixture
def books(empty: TestClient) -> Books:
    c = empty
    client, other = new_client(c, "123 Industries"), new_client(c, "Other Co")
    ids = {
        "client": client,
        "project": insert_row(
            c, tables.projects, client_id=client, name="Online Store", code="OS1"
        ),
        "ann": new_user(c, "Ann", ["member"]),
        "bob": new_user(c, "Bob", ["member"]),
        "pm": insert_row(c, tables.tasks, name="Project Management"),
        "code": insert_row(c, tables.tasks, name="Programming"),
        "travel": insert_row(c, tables.expense_categories, name="Travel"),
        "meals": insert_row(c, tables.expense_categories, name="Meals"),
    }
    project2 = insert_row(c, tables.projects, client_id=client, name="Mobile App", code="MA")
    foreign = insert_row(c, tables.projects, client_id=other, name="Elsewhere", code=None)
    billable = [
        entry(
            c,
            ids,
            hours_without_timer=Decimal("2"),
            started_time="9:00am",
            ended_time="11:00am",
            notes="Planning meetings",
        ),
        entry(
            c,
            ids,
            task_id=ids["code"],
            started_time="1:00pm",
            ended_time="2:00pm",
            notes="Importing products",
        ),
        entry(
            c,
            ids,
            spent_date=date(2017, 3, 2),
            user_id=ids["bob"],
            task_id=ids["code"],
            hours_without_timer=Decimal("1.5"),
        ),
        entry(
            c,
            ids,
            spent_date=date(2017, 3, 3),
            hours_without_timer=Decimal("0.5"),
            billable_rate=Decimal("120"),
        ),
    ]
    april = entry(c, ids, spent_date=date(2017, 4, 3), notes="April")
    untouchable = [
        entry(c, ids, billable=False, billable_rate=None),
        entry(c, ids, invoice_id=1, is_locked=True, locked_reason=TIME_LOCKED),
        entry(c, ids, timer_started_at=sandbox_of(c).clock.utcnow()),
        entry(c, ids, project_id=project2),
    ]
    expenses = [
        expense(c, ids, notes="Flight"),
        expense(
            c, ids, expense_category_id=ids["meals"], total_cost=Decimal("12.5"), user_id=ids["bob"]
        ),
    ]
    other_expenses = [
        expense(c, ids, billable=False),
        expense(c, ids, project_id=project2),
        expense(c, ids, spent_date=date(2017, 4, 2)),
    ]
    return Books(
        client,
        other,
        ids["project"],
        project2,
        foreign,
        billable,
        april,
        untouchable,
        expenses,
        other_expenses,
    )


def import_invoice(c: TestClient, books: Books, **spec: Any) -> Any:
    body = {
        "client_id": books.client,
        "issue_date": "2017-04-01",
        "tax": 5,
        "line_items_import": {"project_ids": [books.project], **spec},
    }
    return c.post("/v2/invoices", json=body)


def rows(c: TestClient, table: Any, ids: list[int]) -> list[Any]:
    with sandbox_of(c).engine.connect() as conn:
        found = conn.execute(select(table).where(table.c.id.in_(ids)).order_by(table.c.id))
        return list(found)


MARCH = {"from": "2017-03-01", "to": "2017-03-31"}


def test_detailed_lines_read_like_the_docs(empty: TestClient, books: Books) -> None:
    response = import_invoice(empty, books, time={"summary_type": "detailed", **MARCH})
    assert response.status_code == 201
    assert_conforms(response)
    invoice = response.json()
    lines = [
        (li["kind"], li["description"], li["quantity"], li["unit_price"], li["amount"])
        for li in invoice["line_items"]
    ]
    assert lines == [
        (
            "Service",
            "03/01/2017 - Project Management: [9:00am - 11:00am] Planning meetings",
            2.0,
            100.0,
            200.0,
        ),
        (
            "Service",
            "03/01/2017 - Programming: [1:00pm - 2:00pm] Importing products",
            1.0,
            100.0,
            100.0,
        ),
        ("Service", "03/02/2017 - Programming", 1.5, 100.0, 150.0),
        ("Service", "03/03/2017 - Project Management", 0.5, 120.0, 60.0),
    ]
    assert invoice["line_items"][0]["project"] == {
        "id": books.project,
        "name": "Online Store",
        "code": "OS1",
    }
    assert all(li["taxed"] and not li["taxed2"] for li in invoice["line_items"])
    assert (invoice["period_start"], invoice["period_end"]) == ("2017-03-01", "2017-03-31")
    assert invoice["amount"] == 510 * 1.05


def test_exactly_the_unbilled_billable_items_are_billed(empty: TestClient, books: Books) -> None:
    before = {r.id: r for r in rows(empty, tables.time_entries, [books.april, *books.untouchable])}
    invoice = import_invoice(empty, books, time={"summary_type": "detailed", **MARCH}).json()
    billed = rows(empty, tables.time_entries, books.billable)
    assert {(r.invoice_id, r.is_locked, r.locked_reason) for r in billed} == {
        (invoice["id"], True, TIME_LOCKED)
    }
    after = {r.id: r for r in rows(empty, tables.time_entries, [books.april, *books.untouchable])}
    assert after == before
    again = import_invoice(empty, books, time={"summary_type": "detailed", **MARCH}).json()
    assert again["line_items"] == [] and again["amount"] == 0.0


def test_without_a_period_all_unbilled_time_is_billed(empty: TestClient, books: Books) -> None:
    invoice = import_invoice(empty, books, time={"summary_type": "detailed"}).json()
    assert len(invoice["line_items"]) == 5
    assert (invoice["period_start"], invoice["period_end"]) == ("2017-03-01", "2017-04-03")
    assert rows(empty, tables.time_entries, [books.april])[0].invoice_id == invoice["id"]


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        ("project", [("Online Store", 4.5, 100.0), ("Online Store", 0.5, 120.0)]),
        (
            "task",
            [
                ("Project Management", 2.0, 100.0),
                ("Programming", 2.5, 100.0),
                ("Project Management", 0.5, 120.0),
            ],
        ),
        ("people", [("Ann Doe", 3.0, 100.0), ("Bob Doe", 1.5, 100.0), ("Ann Doe", 0.5, 120.0)]),
    ],
)
def test_time_summaries(
    empty: TestClient, books: Books, summary: str, expected: list[tuple[str, float, float]]
) -> None:
    invoice = import_invoice(empty, books, time={"summary_type": summary, **MARCH}).json()
    assert [
        (li["description"], li["quantity"], li["unit_price"]) for li in invoice["line_items"]
    ] == expected
    assert invoice["amount"] == 510 * 1.05


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        ("project", [("Online Store", 1.0, 52.5)]),
        ("category", [("Travel", 1.0, 40.0), ("Meals", 1.0, 12.5)]),
        ("people", [("Ann Doe", 1.0, 40.0), ("Bob Doe", 1.0, 12.5)]),
        (
            "detailed",
            [("03/02/2017 - Travel: Flight", 1.0, 40.0), ("03/02/2017 - Meals", 1.0, 12.5)],
        ),
    ],
)
def test_expense_summaries(
    empty: TestClient, books: Books, summary: str, expected: list[tuple[str, float, float]]
) -> None:
    spec = {"summary_type": summary, **MARCH, "attach_receipt": True, "attach_receipts": "true"}
    response = import_invoice(empty, books, expenses=spec)
    assert response.status_code == 201
    invoice = response.json()
    assert [
        (li["description"], li["quantity"], li["unit_price"]) for li in invoice["line_items"]
    ] == expected
    assert {li["kind"] for li in invoice["line_items"]} == {"Product"}
    billed = rows(empty, tables.expenses, books.expenses)
    assert {(r.invoice_id, r.is_locked, r.locked_reason) for r in billed} == {
        (invoice["id"], True, "Expense is invoiced.")
    }
    assert all(r.invoice_id is None for r in rows(empty, tables.expenses, books.other_expenses))


def test_time_and_expenses_together(empty: TestClient, books: Books) -> None:
    invoice = import_invoice(
        empty,
        books,
        time={"summary_type": "project", **MARCH},
        expenses={"summary_type": "project"},
    ).json()
    assert [li["kind"] for li in invoice["line_items"]] == ["Service", "Service", "Product"]
    assert invoice["line_items"][2]["unit_price"] == 52.5 + 40  # April's expense too


def test_time_rounding_bills_rounded_hours(empty: TestClient, books: Books) -> None:
    set_company(empty, rounding_minutes=60)
    invoice = import_invoice(empty, books, time={"summary_type": "project", **MARCH}).json()
    # 2 + 1 + 1.5→2 at 100; 0.5→1 at 120
    assert [li["quantity"] for li in invoice["line_items"]] == [5.0, 1.0]


def test_several_projects_of_the_client(empty: TestClient, books: Books) -> None:
    body = {
        "client_id": books.client,
        "line_items_import": {
            "project_ids": [books.project, books.project2],
            "time": {"summary_type": "project"},
        },
    }
    invoice = empty.post("/v2/invoices", json=body).json()
    assert [li["project"]["id"] for li in invoice["line_items"]] == [
        books.project,
        books.project,
        books.project2,
    ]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (
            {"time": {"summary_type": "task", "from": "2017-03-01"}},
            "Time from and to must be given together",
        ),
        (
            {"expenses": {"summary_type": "category", "to": "2017-03-01"}},
            "Expenses from and to must be given together",
        ),
        ({"time": {"summary_type": "category"}}, "Time summary type is not included in the list"),
        (
            {"expenses": {"summary_type": "task"}},
            "Expenses summary type is not included in the list",
        ),
        (
            {"time": {"summary_type": "task", "from": "2017-04-01", "to": "2017-03-01"}},
            "Time from must be on or before to",
        ),
        ({"project_ids": []}, "Line items import project ids can't be blank"),
        (
            {"time": {"summary_type": "task", "from": "March", "to": "2017-03-01"}},
            "From is not a valid date",
        ),
    ],
)
def test_invalid_imports_are_refused_and_bill_nothing(
    empty: TestClient, books: Books, spec: dict[str, Any], message: str
) -> None:
    response = import_invoice(empty, books, **spec)
    assert (response.status_code, response.json()) == (422, {"message": message})
    assert all(r.invoice_id is None for r in rows(empty, tables.time_entries, books.billable))
    assert empty.get("/v2/invoices").json()["total_entries"] == 0


def test_projects_must_belong_to_the_invoice_client(empty: TestClient, books: Books) -> None:
    body = {
        "client_id": books.client,
        "line_items_import": {
            "project_ids": [books.foreign_project],
            "time": {"summary_type": "task"},
        },
    }
    response = empty.post("/v2/invoices", json=body)
    assert response.status_code == 422
    assert str(books.foreign_project) in response.json()["message"]


def test_deleting_the_invoice_releases_its_items(empty: TestClient, books: Books) -> None:
    invoice = import_invoice(
        empty, books, time={"summary_type": "task", **MARCH}, expenses={"summary_type": "project"}
    ).json()
    assert empty.delete(f"/v2/invoices/{invoice['id']}").status_code == 200
    for table, ids in ((tables.time_entries, books.billable), (tables.expenses, books.expenses)):
        assert {(r.invoice_id, r.is_locked, r.locked_reason) for r in rows(empty, table, ids)} == {
            (None, False, None)
        }
    again = import_invoice(empty, books, time={"summary_type": "task", **MARCH}).json()
    assert again["amount"] == 510 * 1.05


def test_free_form_lines_come_before_imported_ones(empty: TestClient, books: Books) -> None:
    body = {
        "client_id": books.client,
        "line_items": [{"kind": "Product", "description": "Setup", "unit_price": 99}],
        "line_items_import": {"project_ids": [books.project], "time": {"summary_type": "project"}},
    }
    invoice = empty.post("/v2/invoices", json=body).json()
    assert [li["description"] for li in invoice["line_items"]] == [
        "Setup",
        "Online Store",
        "Online Store",
    ]
