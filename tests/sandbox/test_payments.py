"""Invoice payments: due amounts, the paid state they drive, and the refusals around them."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.conftest import sandbox_of
from tests.sandbox.test_invoice_states import draft, event, state
from tests.spec import assert_conforms


def open_invoice(c: TestClient) -> int:
    invoice_id = int(draft(c)["id"])  # amount 288.90
    event(c, invoice_id, "send")
    return invoice_id


def pay(c: TestClient, invoice_id: int, **body: Any) -> Any:
    return c.post(f"/v2/invoices/{invoice_id}/payments", json=body)


def test_partial_then_full_payment(empty: TestClient) -> None:
    invoice_id = open_invoice(empty)
    first = pay(empty, invoice_id, amount=100, paid_date="2017-08-24", notes="Paid by phone")
    assert first.status_code == 201
    assert_conforms(first)
    assert first.json()["paid_at"] == "2017-08-24T00:00:00Z"
    assert first.json()["payment_gateway"] == {"id": None, "name": None}
    assert first.json()["recorded_by"] == "Avery Admin"
    after_first = state(empty, invoice_id)
    assert (after_first["state"], after_first["due_amount"]) == ("open", 188.9)

    second = pay(empty, invoice_id, amount="188.90", paid_at="2017-08-25T13:32:18Z")
    assert second.json()["paid_date"] == "2017-08-25"
    paid = state(empty, invoice_id)
    assert (paid["state"], paid["due_amount"], paid["paid_at"], paid["paid_date"]) == (
        "paid",
        0.0,
        "2017-08-25T13:32:18Z",
        "2017-08-25",
    )


def test_deleting_a_payment_reopens_a_paid_invoice(empty: TestClient) -> None:
    invoice_id = open_invoice(empty)
    payment = pay(empty, invoice_id, amount=288.9).json()
    assert state(empty, invoice_id)["state"] == "paid"
    deleted = empty.delete(f"/v2/invoices/{invoice_id}/payments/{payment['id']}")
    assert_conforms(deleted)
    assert deleted.json()["id"] == payment["id"]
    reopened = state(empty, invoice_id)
    assert (reopened["state"], reopened["due_amount"], reopened["paid_at"]) == ("open", 288.9, None)


def test_adding_a_line_to_a_paid_invoice_reopens_it(empty: TestClient) -> None:
    invoice_id = open_invoice(empty)
    pay(empty, invoice_id, amount=288.9)
    empty.patch(
        f"/v2/invoices/{invoice_id}", json={"line_items": [{"kind": "Service", "unit_price": 10}]}
    )
    # the invoice's 10 % discount applies to the new line too
    assert (state(empty, invoice_id)["state"], state(empty, invoice_id)["due_amount"]) == (
        "open",
        9.0,
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "Amount can't be blank"),
        ({"amount": 0}, "Amount must be greater than 0"),
        ({"amount": -5}, "Amount must be greater than 0"),
        ({"amount": "lots"}, "Amount is not a number"),
        ({"amount": 288.91}, "Amount can't be greater than the amount due (288.9)."),
        (
            {"amount": 1, "paid_at": "2017-08-25T10:00:00Z", "paid_date": "2017-08-25"},
            "Pass either paid_at or paid_date, but not both",
        ),
        ({"amount": 1, "paid_date": "someday"}, "Paid date is not a valid date"),
    ],
)
def test_invalid_payments(empty: TestClient, body: dict[str, Any], message: str) -> None:
    invoice_id = open_invoice(empty)
    response = pay(empty, invoice_id, **body)
    assert (response.status_code, response.json()) == (422, {"message": message})
    assert state(empty, invoice_id)["due_amount"] == 288.9


def test_a_closed_invoice_takes_no_payment(empty: TestClient) -> None:
    invoice_id = open_invoice(empty)
    event(empty, invoice_id, "close")
    assert pay(empty, invoice_id, amount=1).status_code == 422


def test_reopening_a_closed_paid_up_invoice_makes_it_paid(empty: TestClient) -> None:
    invoice_id = open_invoice(empty)
    pay(empty, invoice_id, amount=288.9)
    assert event(empty, invoice_id, "close").status_code == 422  # paid, not open
    assert state(empty, invoice_id)["state"] == "paid"


def test_an_invoice_with_payments_cannot_be_deleted(empty: TestClient) -> None:
    invoice_id = open_invoice(empty)
    payment = pay(empty, invoice_id, amount=50).json()
    refused = empty.delete(f"/v2/invoices/{invoice_id}")
    assert refused.status_code == 422
    assert str(payment["id"]) in refused.json()["message"]
    assert refused.headers["hint"] == refused.json()["message"]
    empty.delete(f"/v2/invoices/{invoice_id}/payments/{payment['id']}")
    assert empty.delete(f"/v2/invoices/{invoice_id}").status_code == 200


def test_list_payments_newest_first(empty: TestClient) -> None:
    invoice_id = open_invoice(empty)
    ids = [pay(empty, invoice_id, amount=10).json()["id"] for _ in range(3)]
    listed = empty.get(f"/v2/invoices/{invoice_id}/payments")
    assert_conforms(listed)
    assert [p["id"] for p in listed.json()["invoice_payments"]] == ids[::-1]
    assert state(empty, invoice_id)["due_amount"] == 258.9


def test_payment_of_another_invoice_is_not_found(empty: TestClient) -> None:
    one, other = open_invoice(empty), open_invoice(empty)
    payment = pay(empty, one, amount=10).json()
    assert empty.delete(f"/v2/invoices/{other}/payments/{payment['id']}").status_code == 404


def test_a_payment_touches_the_invoice(empty: TestClient) -> None:
    invoice_id = open_invoice(empty)
    sandbox_of(empty).clock.advance(3600)
    payment = pay(empty, invoice_id, amount=1).json()
    assert state(empty, invoice_id)["updated_at"] == payment["created_at"]
