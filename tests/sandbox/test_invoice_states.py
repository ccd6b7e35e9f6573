"""Invoice messages: sending, the draft/open/closed state machine, refusals, templates."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.conftest import sandbox_of
from tests.sandbox.test_invoices import new_client, worked_example
from tests.spec import assert_conforms

RICHARD = {"name": "Richard Roe", "email": "richardroe@example.com"}


def draft(c: TestClient) -> dict[str, Any]:
    sandbox_of(c).clock.set(datetime(2017, 8, 23, 22, 25, 59, tzinfo=UTC))
    invoice: dict[str, Any] = c.post("/v2/invoices", json=worked_example(new_client(c))).json()
    return invoice


def event(c: TestClient, invoice_id: int, name: str) -> Any:
    return c.post(f"/v2/invoices/{invoice_id}/messages", json={"event_type": name})


def state(c: TestClient, invoice_id: int) -> dict[str, Any]:
    invoice: dict[str, Any] = c.get(f"/v2/invoices/{invoice_id}").json()
    return invoice


def test_send_close_reopen_draft(empty: TestClient) -> None:
    invoice_id = draft(empty)["id"]
    sent = event(empty, invoice_id, "send")
    assert sent.status_code == 201
    assert_conforms(sent)
    assert (sent.json()["event_type"], sent.json()["recipients"], sent.json()["subject"]) == (
        "send",
        [],
        None,
    )
    assert sent.headers["location"].endswith(f"/invoices/{invoice_id}/messages/{sent.json()['id']}")
    assert (state(empty, invoice_id)["state"], state(empty, invoice_id)["sent_at"]) == (
        "open",
        "2017-08-23T22:25:59Z",
    )

    sandbox_of(empty).clock.advance(60)
    assert event(empty, invoice_id, "close").status_code == 201
    closed = state(empty, invoice_id)
    assert (closed["state"], closed["closed_at"]) == ("closed", "2017-08-23T22:26:59Z")

    assert event(empty, invoice_id, "re-open").status_code == 201
    reopened = state(empty, invoice_id)
    assert (reopened["state"], reopened["closed_at"]) == ("open", None)

    assert event(empty, invoice_id, "draft").status_code == 201
    back = state(empty, invoice_id)
    assert (back["state"], back["sent_at"]) == ("draft", None)


@pytest.mark.parametrize(
    ("path", "refused", "message"),
    [
        ([], "close", "This invoice can't be closed while it is draft."),
        ([], "re-open", "This invoice can't be re-opened while it is draft."),
        ([], "draft", "This invoice can't be marked as draft while it is draft."),
        (["send"], "send", "This invoice can't be marked as sent while it is open."),
        (["send"], "re-open", "This invoice can't be re-opened while it is open."),
        (["send", "close"], "close", "This invoice can't be closed while it is closed."),
        (["send", "close"], "draft", "This invoice can't be marked as draft while it is closed."),
    ],
)
def test_invalid_transitions_are_refused(
    empty: TestClient, path: list[str], refused: str, message: str
) -> None:
    invoice_id = draft(empty)["id"]
    for step in path:
        assert event(empty, invoice_id, step).status_code == 201
    before = state(empty, invoice_id)
    response = event(empty, invoice_id, refused)
    assert (response.status_code, response.json()) == (422, {"message": message})
    assert response.headers["hint"] == message
    assert state(empty, invoice_id) == before
    assert empty.get(f"/v2/invoices/{invoice_id}/messages").json()["total_entries"] == len(path)


def test_unknown_event_type(empty: TestClient) -> None:
    response = event(empty, draft(empty)["id"], "archive")
    assert response.json() == {"message": "Event type is not included in the list"}


def test_a_message_needs_a_recipient(empty: TestClient) -> None:
    invoice_id = draft(empty)["id"]
    response = empty.post(f"/v2/invoices/{invoice_id}/messages", json={"subject": "Hi"})
    assert (response.status_code, response.json()) == (
        422,
        {"message": "Recipients can't be blank"},
    )
    bad = empty.post(f"/v2/invoices/{invoice_id}/messages", json={"recipients": [{"name": "X"}]})
    assert bad.json() == {"message": "Recipients email is invalid"}
    assert state(empty, invoice_id)["state"] == "draft"


def test_sending_a_draft_opens_it(empty: TestClient) -> None:
    invoice_id = draft(empty)["id"]
    response = empty.post(
        f"/v2/invoices/{invoice_id}/messages",
        json={"recipients": [RICHARD], "attach_pdf": True, "send_me_a_copy": True},
    )
    assert response.status_code == 201
    assert_conforms(response)
    message = response.json()
    assert message["event_type"] is None and message["attach_pdf"] is True
    assert message["recipients"] == [
        RICHARD,
        {"name": "Avery Admin", "email": "avery@sandbox-agency.example"},
    ]
    assert message["subject"] == "Invoice #1001 from Sandbox Agency"
    assert "Amount: €288.90" in message["body"]
    assert "Due: 04/01/2017 (upon receipt)" in message["body"]
    assert message["sent_by"] == "Avery Admin"
    assert state(empty, invoice_id)["state"] == "open"


def test_copy_to_myself_is_enough(empty: TestClient) -> None:
    invoice_id = draft(empty)["id"]
    response = empty.post(
        f"/v2/invoices/{invoice_id}/messages",
        json={"send_me_a_copy": True, "subject": "Yours", "body": "Attached"},
    )
    assert response.status_code == 201
    assert (response.json()["subject"], response.json()["body"]) == ("Yours", "Attached")


def test_include_link_false_clears_payment_options(empty: TestClient) -> None:
    body = {**worked_example(new_client(empty)), "payment_options": ["credit_card"]}
    invoice = empty.post("/v2/invoices", json=body).json()
    assert invoice["payment_options"] == ["credit_card"]
    empty.post(
        f"/v2/invoices/{invoice['id']}/messages",
        json={"recipients": [RICHARD], "include_link_to_client_invoice": False},
    )
    assert state(empty, invoice["id"])["payment_options"] == []


@pytest.mark.parametrize(
    ("query", "subject", "reminder", "thank_you"),
    [
        ("", "Invoice #1001 from Sandbox Agency", False, False),
        ("?reminder=true", "Past due invoice reminder: #1001 from Sandbox Agency", True, False),
        ("?thank_you=true", "Thank you for your payment: #1001 from Sandbox Agency", False, True),
    ],
)
def test_new_message_templates(
    empty: TestClient, query: str, subject: str, reminder: bool, thank_you: bool
) -> None:
    invoice_id = draft(empty)["id"]
    response = empty.get(f"/v2/invoices/{invoice_id}/messages/new{query}")
    assert_conforms(response)
    body = response.json()
    assert (body["invoice_id"], body["subject"], body["reminder"], body["thank_you"]) == (
        invoice_id,
        subject,
        reminder,
        thank_you,
    )
    assert empty.get(f"/v2/invoices/{invoice_id}/messages").json()["total_entries"] == 0


def test_reminder_counts_days_past_due(empty: TestClient) -> None:
    invoice_id = draft(empty)["id"]  # due 2017-04-01; today 2017-08-23
    body = empty.get(f"/v2/invoices/{invoice_id}/messages/new?reminder=true").json()["body"]
    assert "Invoice 1001 is 144 days past due" in body


def test_list_newest_first_and_delete(empty: TestClient) -> None:
    invoice_id = draft(empty)["id"]
    first = event(empty, invoice_id, "send").json()
    sandbox_of(empty).clock.advance(5)
    second = empty.post(
        f"/v2/invoices/{invoice_id}/messages", json={"recipients": [RICHARD]}
    ).json()
    listed = empty.get(f"/v2/invoices/{invoice_id}/messages?per_page=1")
    assert_conforms(listed)
    assert [m["id"] for m in listed.json()["invoice_messages"]] == [second["id"]]
    following = empty.get(listed.json()["links"]["next"])
    assert [m["id"] for m in following.json()["invoice_messages"]] == [first["id"]]
    deleted = empty.delete(f"/v2/invoices/{invoice_id}/messages/{first['id']}")
    assert_conforms(deleted)
    assert deleted.json()["id"] == first["id"]
    assert state(empty, invoice_id)["state"] == "open"  # deleting history changes no state
    assert empty.delete(f"/v2/invoices/{invoice_id}/messages/{first['id']}").status_code == 404


def test_messages_of_an_unknown_invoice(empty: TestClient) -> None:
    assert empty.get("/v2/invoices/1/messages").json() == {"status": 404, "error": "Not Found"}
