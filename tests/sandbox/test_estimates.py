"""Estimates: the shared line-item math, numbering, messages and the draft/sent/accepted/
declined state machine."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.conftest import as_user
from tests.sandbox.test_invoices import new_client, new_user, set_company
from tests.spec import assert_conforms

RICHARD = {"name": "Richard Roe", "email": "richardroe@example.com"}


def phase_two(client_id: int) -> dict[str, Any]:
    """The docs' estimate 1001: 100 × 100, discount 10, tax 5, tax2 2 → 9630."""
    return {
        "client_id": client_id,
        "subject": "Online Store - Phase 2",
        "purchase_order": "5678",
        "discount": 10,
        "tax": 5,
        "tax2": 2,
        "issue_date": "2017-06-01",
        "line_items": [
            {
                "kind": "Service",
                "description": "Phase 2 of the Online Store",
                "quantity": 100,
                "unit_price": 100,
                "taxed": True,
                "taxed2": True,
            }
        ],
    }


def new_estimate(c: TestClient) -> dict[str, Any]:
    estimate: dict[str, Any] = c.post("/v2/estimates", json=phase_two(new_client(c))).json()
    return estimate


def event(c: TestClient, estimate_id: int, name: str) -> Any:
    return c.post(f"/v2/estimates/{estimate_id}/messages", json={"event_type": name})


def test_docs_example_amounts(empty: TestClient) -> None:
    response = empty.post("/v2/estimates", json=phase_two(new_client(empty, currency="USD")))
    assert response.status_code == 201
    assert_conforms(response)
    estimate = response.json()
    assert {k: estimate[k] for k in ("amount", "discount_amount", "tax_amount", "tax2_amount")} == {
        "amount": 9630.0,
        "discount_amount": 1000.0,
        "tax_amount": 450.0,
        "tax2_amount": 180.0,
    }
    assert (estimate["number"], estimate["state"], estimate["currency"]) == ("1001", "draft", "USD")
    assert "project" not in estimate["line_items"][0]
    assert "due_amount" not in estimate and len(estimate["client_key"]) == 40
    got = empty.get(f"/v2/estimates/{estimate['id']}")
    assert_conforms(got)
    assert got.json() == estimate


def test_numbering_is_separate_from_invoices(empty: TestClient) -> None:
    client_id = new_client(empty)
    empty.post("/v2/invoices", json={"client_id": client_id})
    numbers = [
        empty.post("/v2/estimates", json={"client_id": client_id}).json()["number"]
        for _ in range(2)
    ]
    assert numbers == ["1001", "1002"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"client_id": None}, "Client can't be blank"),
        (
            {"line_items": [{"kind": "Hosting", "unit_price": 1}]},
            "Line items kind Hosting is not an item category",
        ),
        ({"discount": "ten"}, "Discount is not a number"),
    ],
)
def test_invalid_estimates(empty: TestClient, body: dict[str, Any], message: str) -> None:
    response = empty.post("/v2/estimates", json={"client_id": new_client(empty), **body})
    assert (response.status_code, response.json()) == (422, {"message": message})


def test_line_items_through_patch(empty: TestClient) -> None:
    estimate = new_estimate(empty)
    line_id = estimate["line_items"][0]["id"]
    patched = empty.patch(
        f"/v2/estimates/{estimate['id']}",
        json={
            "line_items": [{"id": line_id, "unit_price": 50}, {"kind": "Product", "unit_price": 20}]
        },
    )
    assert_conforms(patched)
    assert [li["amount"] for li in patched.json()["line_items"]] == [5000.0, 20.0]
    removed = empty.patch(
        f"/v2/estimates/{estimate['id']}", json={"line_items": [{"id": line_id, "_destroy": True}]}
    ).json()
    assert [li["amount"] for li in removed["line_items"]] == [20.0]


def test_list_filters(empty: TestClient) -> None:
    first = new_estimate(empty)
    body = {**phase_two(new_client(empty, "Other Co")), "issue_date": "2017-01-01"}
    second = empty.post("/v2/estimates", json=body).json()
    event(empty, second["id"], "send")
    listed = empty.get("/v2/estimates")
    assert_conforms(listed)
    assert [e["id"] for e in listed.json()["estimates"]] == [first["id"], second["id"]]
    assert listed.json()["per_page"] == 2000
    sent = empty.get("/v2/estimates?state=sent").json()["estimates"]
    assert [e["id"] for e in sent] == [second["id"]]
    by_client = empty.get(f"/v2/estimates?client_id={first['client']['id']}").json()
    assert [e["id"] for e in by_client["estimates"]] == [first["id"]]
    assert empty.get("/v2/estimates?from=2017-05-01").json()["total_entries"] == 1


def test_send_accept_reopen_decline(empty: TestClient) -> None:
    estimate_id = new_estimate(empty)["id"]
    sent = event(empty, estimate_id, "send")
    assert_conforms(sent)
    assert sent.json()["recipients"] == [] and sent.json()["body"] is None
    after = empty.get(f"/v2/estimates/{estimate_id}").json()
    assert after["state"] == "sent" and after["sent_at"] is not None
    assert event(empty, estimate_id, "accept").status_code == 201
    accepted = empty.get(f"/v2/estimates/{estimate_id}").json()
    assert accepted["state"] == "accepted" and accepted["accepted_at"] is not None
    assert event(empty, estimate_id, "re-open").status_code == 201
    reopened = empty.get(f"/v2/estimates/{estimate_id}").json()
    assert (reopened["state"], reopened["accepted_at"]) == ("sent", None)
    assert event(empty, estimate_id, "decline").status_code == 201
    assert empty.get(f"/v2/estimates/{estimate_id}").json()["state"] == "declined"


@pytest.mark.parametrize(
    ("path", "refused", "message"),
    [
        ([], "accept", "This estimate can't be accepted while it is draft."),
        ([], "decline", "This estimate can't be declined while it is draft."),
        ([], "re-open", "This estimate can't be re-opened while it is draft."),
        (["send"], "send", "This estimate can't be marked as sent while it is sent."),
        (["send"], "re-open", "This estimate can't be re-opened while it is sent."),
        (["send", "accept"], "decline", "This estimate can't be declined while it is accepted."),
        (["send", "decline"], "accept", "This estimate can't be accepted while it is declined."),
    ],
)
def test_invalid_transitions_are_refused(
    empty: TestClient, path: list[str], refused: str, message: str
) -> None:
    estimate_id = new_estimate(empty)["id"]
    for step in path:
        assert event(empty, estimate_id, step).status_code == 201
    response = event(empty, estimate_id, refused)
    assert (response.status_code, response.json()) == (422, {"message": message})
    assert response.headers["hint"] == message


def test_emailing_a_draft_marks_it_sent(empty: TestClient) -> None:
    estimate_id = new_estimate(empty)["id"]
    blank = empty.post(f"/v2/estimates/{estimate_id}/messages", json={"subject": "Hi"})
    assert blank.json() == {"message": "Recipients can't be blank"}
    response = empty.post(
        f"/v2/estimates/{estimate_id}/messages",
        json={"recipients": [RICHARD], "body": "Here is our estimate."},
    )
    assert_conforms(response)
    message = response.json()
    assert message["subject"] == "Estimate #1001 from Sandbox Agency"
    assert (message["body"], message["event_type"]) == ("Here is our estimate.", None)
    assert empty.get(f"/v2/estimates/{estimate_id}").json()["state"] == "sent"


def test_messages_list_and_delete(empty: TestClient) -> None:
    estimate_id = new_estimate(empty)["id"]
    message = event(empty, estimate_id, "send").json()
    listed = empty.get(f"/v2/estimates/{estimate_id}/messages")
    assert_conforms(listed)
    assert [m["id"] for m in listed.json()["estimate_messages"]] == [message["id"]]
    deleted = empty.delete(f"/v2/estimates/{estimate_id}/messages/{message['id']}")
    assert_conforms(deleted)
    assert empty.get(f"/v2/estimates/{estimate_id}/messages").json()["total_entries"] == 0


def test_delete_estimate(empty: TestClient) -> None:
    estimate_id = new_estimate(empty)["id"]
    event(empty, estimate_id, "send")
    deleted = empty.delete(f"/v2/estimates/{estimate_id}")
    assert_conforms(deleted)
    assert empty.get(f"/v2/estimates/{estimate_id}").status_code == 404


def test_who_may_estimate(empty: TestClient) -> None:
    client_id = new_client(empty)
    allowed = as_user(empty, new_user(empty, "Eve", ["manager", "estimates_manager"]))
    assert allowed.post("/v2/estimates", json={"client_id": client_id}).status_code == 201
    for access in (["manager"], ["member"]):
        other = as_user(empty, new_user(empty, access[0].title(), access))
        assert other.get("/v2/estimates").json() == {"message": "Not authorized!"}
    set_company(empty, estimate_feature=False)
    assert empty.get("/v2/estimates").status_code == 403
