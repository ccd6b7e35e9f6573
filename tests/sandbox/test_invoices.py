"""Invoices: the money math, numbering, due dates, line-item PATCH semantics, filters,
deletion and who may touch them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import Table, insert, update
from starlette.testclient import TestClient

from harvestkit.sandbox import tables
from tests.conftest import as_user, sandbox_of
from tests.spec import assert_conforms

NOW = datetime(2017, 6, 27, 16, 0, 0)


def insert_row(c: TestClient, table: Table, **values: Any) -> int:
    """A row put straight into the sandbox's tables (for objects other resources own)."""
    if "created_at" in table.c:
        values = {"created_at": NOW, "updated_at": NOW, **values}
    with sandbox_of(c).engine.begin() as conn:
        key = conn.execute(insert(table).values(**values)).inserted_primary_key
    assert key is not None
    return int(key[0])


def set_company(c: TestClient, **values: Any) -> None:
    with sandbox_of(c).engine.begin() as conn:
        conn.execute(update(tables.company).values(**values))


def new_client(c: TestClient, name: str = "123 Industries", currency: str = "EUR") -> int:
    """The client of this name, created on first use."""
    for client in c.get("/v2/clients").json()["clients"]:
        if client["name"] == name:
            return int(client["id"])
    return int(c.post("/v2/clients", json={"name": name, "currency": currency}).json()["id"])


def new_project(c: TestClient, client_id: int, name: str = "Online Store - Phase 1") -> int:
    return insert_row(c, tables.projects, client_id=client_id, name=name, code="OS1")


def new_user(c: TestClient, first: str, access: list[str]) -> int:
    return insert_row(
        c,
        tables.users,
        first_name=first,
        last_name="Doe",
        email=f"{first.lower()}@example.com",
        timezone="Eastern Time (US & Canada)",
        weekly_capacity=126000,
        access_roles=access,
    )


def worked_example(client_id: int) -> dict[str, Any]:
    """The docs' invoice 1001: lines 200 + 100, discount 10, tax 5, tax2 2."""
    return {
        "client_id": client_id,
        "subject": "Online Store - Phase 1",
        "discount": 10,
        "tax": 5,
        "tax2": 2,
        "issue_date": "2017-04-01",
        "payment_term": "upon receipt",
        "line_items": [
            {
                "kind": "Service",
                "description": "Planning",
                "quantity": 2,
                "unit_price": 100,
                "taxed": True,
                "taxed2": True,
            },
            {
                "kind": "Service",
                "description": "Importing",
                "quantity": 1,
                "unit_price": 100,
                "taxed": True,
                "taxed2": True,
            },
        ],
    }


def test_the_worked_example_comes_to_288_90(empty: TestClient) -> None:
    response = empty.post("/v2/invoices", json=worked_example(new_client(empty)))
    assert response.status_code == 201
    assert_conforms(response)
    invoice = response.json()
    money = {
        k: invoice[k]
        for k in ("amount", "due_amount", "discount_amount", "tax_amount", "tax2_amount")
    }
    assert money == {
        "amount": 288.9,
        "due_amount": 288.9,
        "discount_amount": 30.0,
        "tax_amount": 13.5,
        "tax2_amount": 5.4,
    }
    assert [line["amount"] for line in invoice["line_items"]] == [200.0, 100.0]
    assert response.headers["location"].endswith(f"/api/v2/invoices/{invoice['id']}")
    got = empty.get(f"/v2/invoices/{invoice['id']}")
    assert_conforms(got)
    assert got.json() == invoice


def test_field_order_follows_the_docs(empty: TestClient) -> None:
    invoice = empty.post("/v2/invoices", json=worked_example(new_client(empty))).json()
    assert list(invoice)[:6] == [
        "id",
        "client_key",
        "number",
        "purchase_order",
        "amount",
        "due_amount",
    ]
    assert list(invoice)[-6:] == [
        "payment_options",
        "client",
        "estimate",
        "retainer",
        "creator",
        "line_items",
    ]
    assert list(invoice["line_items"][0]) == [
        "id",
        "kind",
        "description",
        "quantity",
        "unit_price",
        "amount",
        "taxed",
        "taxed2",
        "project",
    ]


def test_taxes_apply_only_to_their_taxed_lines(empty: TestClient) -> None:
    body = worked_example(new_client(empty))
    body["line_items"][1].update(taxed=False, taxed2=True)
    body["line_items"][0].update(taxed=True, taxed2=False)
    invoice = empty.post("/v2/invoices", json=body).json()
    # tax 5 % of 200 × 0.9; tax2 2 % of 100 × 0.9
    assert (invoice["tax_amount"], invoice["tax2_amount"]) == (9.0, 1.8)
    assert invoice["amount"] == 300 - 30 + 9.0 + 1.8


def test_cents_round_half_up(empty: TestClient) -> None:
    body = {
        "client_id": new_client(empty),
        "tax": 5,
        "line_items": [{"kind": "Service", "unit_price": "10.10", "taxed": True}],
    }
    invoice = empty.post("/v2/invoices", json=body).json()
    assert invoice["tax_amount"] == 0.51  # 0.505 → 0.51, not banker's 0.50
    assert invoice["amount"] == 10.61


def test_no_tax_or_discount_gives_zero_amounts_and_null_rates(empty: TestClient) -> None:
    body = {"client_id": new_client(empty), "line_items": [{"kind": "Service", "unit_price": 5000}]}
    invoice = empty.post("/v2/invoices", json=body).json()
    assert (invoice["tax"], invoice["tax_amount"], invoice["discount"]) == (None, 0.0, None)
    assert (invoice["amount"], invoice["line_items"][0]["quantity"]) == (5000.0, 1.0)
    assert invoice["state"] == "draft" and invoice["line_items"][0]["project"] is None


def test_defaults_number_key_currency_creator(empty: TestClient) -> None:
    client_id = new_client(empty, currency="EUR")
    first = empty.post("/v2/invoices", json={"client_id": client_id}).json()
    second = empty.post("/v2/invoices", json={"client_id": client_id}).json()
    assert (first["number"], second["number"]) == ("1001", "1002")
    assert len(first["client_key"]) == 40 and int(first["client_key"], 16) >= 0
    assert first["client_key"] != second["client_key"]
    assert first["currency"] == "EUR" and first["creator"]["name"] == "Avery Admin"
    assert first["client"] == {"id": client_id, "name": "123 Industries"}
    assert first["issue_date"] == first["due_date"]


def test_a_given_number_does_not_advance_the_sequence(empty: TestClient) -> None:
    client_id = new_client(empty)
    assert (
        empty.post("/v2/invoices", json={"client_id": client_id, "number": "A-7"}).json()["number"]
        == "A-7"
    )
    assert empty.post("/v2/invoices", json={"client_id": client_id}).json()["number"] == "1001"
    taken = empty.post("/v2/invoices", json={"client_id": client_id, "number": "A-7"})
    assert taken.json() == {"message": "Number has already been taken"}


def test_a_hand_picked_next_number_is_skipped(empty: TestClient) -> None:
    client_id = new_client(empty)
    empty.post("/v2/invoices", json={"client_id": client_id, "number": "1001"})
    assert empty.post("/v2/invoices", json={"client_id": client_id}).json()["number"] == "1002"


@pytest.mark.parametrize(
    ("term", "due_date", "expected"),
    [
        ("upon receipt", None, "2017-04-01"),
        ("net 15", None, "2017-04-16"),
        ("net 30", None, "2017-05-01"),
        ("net 45", "2017-12-31", "2017-05-16"),  # due_date ignored unless custom
        ("net 60", None, "2017-05-31"),
        ("custom", "2017-07-27", "2017-07-27"),
        ("custom", None, "2017-04-01"),
        (None, None, "2017-04-01"),
    ],
)
def test_payment_term_sets_due_date(
    empty: TestClient, term: str | None, due_date: str | None, expected: str
) -> None:
    body: dict[str, Any] = {"client_id": new_client(empty), "issue_date": "2017-04-01"}
    if term:
        body["payment_term"] = term
    if due_date:
        body["due_date"] = due_date
    invoice = empty.post("/v2/invoices", json=body).json()
    assert invoice["due_date"] == expected
    assert invoice["payment_term"] == (term or "custom")


def test_changing_the_issue_date_moves_a_net_due_date(empty: TestClient) -> None:
    body = {"client_id": new_client(empty), "issue_date": "2017-04-01", "payment_term": "net 30"}
    invoice = empty.post("/v2/invoices", json=body).json()
    patched = empty.patch(f"/v2/invoices/{invoice['id']}", json={"issue_date": "2017-05-01"})
    assert_conforms(patched)
    assert patched.json()["due_date"] == "2017-05-31"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "Client can't be blank"),
        ({"client_id": 999}, "Client can't be blank"),
        (
            {"line_items": [{"kind": "Nope", "unit_price": 1}]},
            "Line items kind Nope is not an item category",
        ),
        ({"line_items": [{"unit_price": 1}]}, "Line items kind can't be blank"),
        ({"line_items": [{"kind": "Service"}]}, "Line items unit price can't be blank"),
        (
            {"line_items": [{"kind": "Service", "unit_price": 1, "quantity": "two"}]},
            "Line items quantity is not a number",
        ),
        (
            {"line_items": [{"kind": "Service", "unit_price": 1e300}]},
            "Line items unit price is not a number",
        ),
        ({"line_items": "Service"}, "Line items is invalid"),
        ({"payment_term": "net 90"}, "Payment term is not included in the list"),
        ({"payment_options": ["cash"]}, "Payment options is not included in the list"),
        ({"currency": "XYZ"}, "Currency is not included in the list"),
        ({"tax": 150}, "Tax must be between 0 and 100"),
        ({"issue_date": "2017-02-30"}, "Issue date is not a valid date"),
        ({"estimate_id": 1}, "Estimate is invalid"),
    ],
)
def test_invalid_input_is_a_422(empty: TestClient, body: dict[str, Any], message: str) -> None:
    if "client_id" not in body and message != "Client can't be blank":
        body = {"client_id": new_client(empty), **body}
    response = empty.post("/v2/invoices", json=body)
    assert (response.status_code, response.json()) == (422, {"message": message})


def test_line_items_through_patch(empty: TestClient) -> None:
    invoice = empty.post("/v2/invoices", json=worked_example(new_client(empty))).json()
    first, second = (line["id"] for line in invoice["line_items"])
    project_id = new_project(empty, invoice["client"]["id"])
    patched = empty.patch(
        f"/v2/invoices/{invoice['id']}",
        json={
            "line_items": [
                {
                    "kind": "Product",
                    "description": "Hosting",
                    "unit_price": 50,
                    "project_id": project_id,
                },
                {"id": first, "quantity": 3},
                {"id": second, "_destroy": True},
            ]
        },
    )
    assert_conforms(patched)
    lines = patched.json()["line_items"]
    assert [(line["id"] == first, line["quantity"], line["amount"]) for line in lines] == [
        (True, 3.0, 300.0),
        (False, 1.0, 50.0),
    ]
    assert lines[0]["description"] == "Planning"  # fields not given stay
    assert lines[1]["project"] == {
        "id": project_id,
        "name": "Online Store - Phase 1",
        "code": "OS1",
    }
    untouched = empty.patch(f"/v2/invoices/{invoice['id']}", json={"subject": "New"}).json()
    assert [line["id"] for line in untouched["line_items"]] == [line["id"] for line in lines]


def test_a_line_of_another_invoice_is_not_found(empty: TestClient) -> None:
    client_id = new_client(empty)
    one = empty.post("/v2/invoices", json=worked_example(client_id)).json()
    other = empty.post("/v2/invoices", json={"client_id": client_id}).json()
    stray = {"line_items": [{"id": one["line_items"][0]["id"], "quantity": 9}]}
    assert empty.patch(f"/v2/invoices/{other['id']}", json=stray).status_code == 404


def test_line_items_in_form_notation(empty: TestClient) -> None:
    client_id = new_client(empty)
    response = empty.post(
        f"/v2/invoices?client_id={client_id}&line_items[0][kind]=Service"
        "&line_items[0][unit_price]=12.5&line_items[0][quantity]=2"
    )
    assert response.status_code == 201 and response.json()["amount"] == 25.0


def test_list_sorts_by_issue_date_and_filters(empty: TestClient) -> None:
    a, b = new_client(empty, "A"), new_client(empty, "B")
    project_id = new_project(empty, a)
    ids = {}
    for key, client_id, issued in (
        ("old", a, "2017-01-01"),
        ("new", a, "2017-03-01"),
        ("b", b, "2017-02-01"),
    ):
        ids[key] = empty.post(
            "/v2/invoices", json={"client_id": client_id, "issue_date": issued}
        ).json()["id"]
    empty.patch(
        f"/v2/invoices/{ids['old']}",
        json={"line_items": [{"kind": "Service", "unit_price": 1, "project_id": project_id}]},
    )
    empty.post(f"/v2/invoices/{ids['b']}/messages", json={"event_type": "send"})
    listed = empty.get("/v2/invoices")
    assert_conforms(listed)
    assert [i["id"] for i in listed.json()["invoices"]] == [ids["new"], ids["b"], ids["old"]]
    assert listed.json()["per_page"] == 2000

    def found(query: str) -> list[int]:
        return [i["id"] for i in empty.get(f"/v2/invoices?{query}").json()["invoices"]]

    assert found(f"client_id={a}") == [ids["new"], ids["old"]]
    assert found(f"project_id={project_id}") == [ids["old"]]
    assert found("from=2017-02-01&to=2017-02-28") == [ids["b"]]
    assert found("state=open") == [ids["b"]]
    assert found("state=open&state=draft") == [ids["new"], ids["b"], ids["old"]]
    assert found("updated_since=2999-01-01T00:00:00Z") == []
    assert empty.get("/v2/invoices?from=yesterday").status_code == 422


def test_delete_returns_the_invoice_and_forgets_it(empty: TestClient) -> None:
    invoice = empty.post("/v2/invoices", json=worked_example(new_client(empty))).json()
    deleted = empty.delete(f"/v2/invoices/{invoice['id']}")
    assert_conforms(deleted)
    assert deleted.json()["amount"] == 288.9
    assert empty.get(f"/v2/invoices/{invoice['id']}").json() == {
        "status": 404,
        "error": "Not Found",
    }
    assert empty.get("/v2/invoices/abc").status_code == 404


def test_members_are_refused(empty: TestClient) -> None:
    member = as_user(empty, new_user(empty, "Mia", ["member"]))
    assert member.get("/v2/invoices").json() == {"message": "Not authorized!"}
    assert member.post("/v2/invoices", json={"client_id": new_client(empty)}).status_code == 403


def test_managers_reach_only_their_managed_projects_clients(empty: TestClient) -> None:
    mine, theirs = new_client(empty, "Mine"), new_client(empty, "Theirs")
    manager_id = new_user(empty, "Max", ["manager", "managed_projects_invoice_drafter"])
    project_id = new_project(empty, mine)
    insert_row(
        empty,
        tables.user_assignments,
        project_id=project_id,
        user_id=manager_id,
        is_project_manager=True,
    )
    other = empty.post("/v2/invoices", json={"client_id": theirs}).json()
    manager = as_user(empty, manager_id)
    created = manager.post("/v2/invoices", json={"client_id": mine})
    assert created.status_code == 201
    assert [i["id"] for i in manager.get("/v2/invoices").json()["invoices"]] == [
        created.json()["id"]
    ]
    assert manager.get(f"/v2/invoices/{other['id']}").status_code == 403
    assert manager.post("/v2/invoices", json={"client_id": theirs}).status_code == 403
    # drafters draft; sending needs the invoice-manager permission
    send = manager.post(
        f"/v2/invoices/{created.json()['id']}/messages", json={"event_type": "send"}
    )
    assert send.status_code == 403


def test_switching_invoicing_off_answers_403(empty: TestClient) -> None:
    set_company(empty, invoice_feature=False)
    assert empty.get("/v2/invoices").status_code == 403


def test_timestamps_come_from_the_sandbox_clock(empty: TestClient) -> None:
    sandbox_of(empty).clock.set(datetime(2017, 6, 27, 16, 34, 24, tzinfo=UTC))
    invoice = empty.post("/v2/invoices", json={"client_id": new_client(empty)}).json()
    assert invoice["created_at"] == "2017-06-27T16:34:24Z"
    assert invoice["issue_date"] == date(2017, 6, 27).isoformat()


def test_demo_invoices_render_and_add_up(demo: TestClient) -> None:
    listed = demo.get("/v2/invoices?per_page=50")
    assert_conforms(listed)
    invoices = listed.json()["invoices"]
    assert invoices, "the demo company has invoices"
    for invoice in invoices:
        lines = sum(line["amount"] for line in invoice["line_items"])
        assert invoice["amount"] == pytest.approx(lines)  # the demo's invoices are untaxed
        if invoice["state"] == "paid":
            assert invoice["due_amount"] == 0.0
    numbers = {int(i["number"]) for i in demo.get("/v2/invoices").json()["invoices"]}
    client_id = invoices[0]["client"]["id"]
    new = demo.post("/v2/invoices", json={"client_id": client_id}).json()
    assert int(new["number"]) not in numbers
