"""What goes over the wire: headers, not-given vs null, query and body encoding."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest

from harvestkit.api import DEFAULT_USER_AGENT
from harvestkit.api.types import InvoiceLineItemCreateParams, ReceiptParams

from .conftest import ACCOUNT_ID, TOKEN, mock_harvest

TIME_ENTRY = {"id": 2380504951, "hours": 1.5, "spent_date": "2026-11-02", "notes": None}
INVOICE = {"id": 1, "state": "draft", "amount": 288.9}


class Recorder:
    """Answers every request with ``reply`` and keeps the requests."""

    def __init__(self, reply: Any, status: int = 200) -> None:
        self.reply = reply
        self.status = status
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(self.status, json=self.reply)

    @property
    def last(self) -> httpx.Request:
        return self.requests[-1]

    @property
    def body(self) -> Any:
        return json.loads(self.last.content) if self.last.content else None


def test_every_request_carries_auth_account_and_user_agent() -> None:
    rec = Recorder({"id": 1, "first_name": "A"})
    mock_harvest(rec).users.me()
    headers = rec.last.headers
    assert headers["Authorization"] == f"Bearer {TOKEN}"
    assert headers["Harvest-Account-Id"] == str(ACCOUNT_ID)
    assert headers["User-Agent"] == DEFAULT_USER_AGENT
    assert "(" in DEFAULT_USER_AGENT and "http" in DEFAULT_USER_AGENT


def test_identity_calls_skip_the_account_header() -> None:
    rec = Recorder({"user": {"id": 1}, "accounts": [{"id": 9, "name": "Co", "product": "harvest"}]})
    accounts = mock_harvest(rec, identity_url="https://id.example").accounts.list()
    assert str(rec.last.url) == "https://id.example/api/v2/accounts"
    assert "Harvest-Account-Id" not in rec.last.headers
    assert accounts.accounts[0].id == 9


@pytest.mark.parametrize(
    ("kwargs", "expected_body"),
    [
        ({}, {}),
        ({"notes": None}, {"notes": None}),
        ({"notes": "x", "hours": Decimal("2.50")}, {"notes": "x", "hours": 2.5}),
        ({"hours": Decimal("3")}, {"hours": 3}),
        ({"spent_date": date(2026, 11, 2)}, {"spent_date": "2026-11-02"}),
    ],
    ids=["left-out-is-not-sent", "none-is-null", "decimal-is-number", "whole-decimal", "date"],
)
def test_update_body(kwargs: dict[str, Any], expected_body: dict[str, Any]) -> None:
    rec = Recorder(TIME_ENTRY)
    entry = mock_harvest(rec).time_entries.update(2380504951, **kwargs)
    assert rec.last.method == "PATCH"
    assert rec.last.url.path == "/v2/time_entries/2380504951"
    assert rec.body == expected_body
    assert entry.id == 2380504951 and entry.hours == Decimal("1.5")


@pytest.mark.parametrize(
    ("kwargs", "expected_query"),
    [
        ({}, {}),
        ({"state": "open"}, {"state": "open"}),
        (
            {"from_": date(2026, 1, 1), "to": date(2026, 1, 31)},
            {"from": "2026-01-01", "to": "2026-01-31"},
        ),
        (
            {"updated_since": datetime(2026, 1, 1, 12, tzinfo=UTC)},
            {"updated_since": "2026-01-01T12:00:00Z"},
        ),
        ({"client_id": 5}, {"client_id": "5"}),
    ],
    ids=["nothing", "state", "from-alias", "updated-since-utc", "int"],
)
def test_list_query(kwargs: dict[str, Any], expected_query: dict[str, str]) -> None:
    rec = Recorder({"invoices": [], "total_entries": 0, "links": {"next": None}})
    page = mock_harvest(rec).invoices.list(**kwargs).first_page()
    assert dict(rec.last.url.params) == expected_query
    assert page.items == [] and page.total_entries == 0 and page.next_cursor is None


def test_booleans_are_lowercase_in_queries() -> None:
    rec = Recorder({"time_entries": [], "links": {}})
    mock_harvest(rec).time_entries.list(is_running=True, is_billed=False).first_page()
    assert dict(rec.last.url.params) == {"is_running": "true", "is_billed": "false"}


@pytest.mark.parametrize(
    ("call", "expected_body"),
    [
        (
            lambda h: h.invoices.line_items.create(1, kind="Service", unit_price=Decimal("100")),
            {"line_items": [{"kind": "Service", "unit_price": 100}]},
        ),
        (
            lambda h: h.invoices.line_items.update(1, id=7, quantity=Decimal("2.5")),
            {"line_items": [{"id": 7, "quantity": 2.5}]},
        ),
        (
            lambda h: h.invoices.line_items.delete(1, id=7),
            {"line_items": [{"id": 7, "_destroy": True}]},
        ),
        (lambda h: h.users.archive(4), {"is_active": False}),
        (
            lambda h: h.invoices.update(
                1, line_items=[InvoiceLineItemCreateParams(kind="Product", unit_price=Decimal("5"))]
            ),
            {"line_items": [{"kind": "Product", "unit_price": 5}]},
        ),
    ],
    ids=[
        "line-item-create",
        "line-item-update",
        "line-item-delete",
        "archive-user",
        "nested-model",
    ],
)
def test_logical_operations_shape_their_body(call: Any, expected_body: Any) -> None:
    rec = Recorder(INVOICE | {"id": 4})
    call(mock_harvest(rec))
    assert rec.last.method == "PATCH"
    assert rec.body == expected_body


@pytest.mark.parametrize(
    ("event", "wire"),
    [
        ("mark_sent", "send"),
        ("mark_closed", "close"),
        ("reopen", "re-open"),
        ("mark_draft", "draft"),
    ],
)
def test_invoice_message_events(event: str, wire: str) -> None:
    rec = Recorder({"id": 3, "event_type": wire}, status=201)
    message = getattr(mock_harvest(rec).invoices.messages, event)(13150403)
    assert rec.last.url.path == "/v2/invoices/13150403/messages"
    assert rec.body == {"event_type": wire}
    assert message.event_type == wire


@pytest.mark.parametrize(
    ("event", "wire"),
    [
        ("mark_sent", "send"),
        ("mark_accepted", "accept"),
        ("mark_declined", "decline"),
        ("reopen", "re-open"),
    ],
)
def test_estimate_message_events(event: str, wire: str) -> None:
    rec = Recorder({"id": 3, "event_type": wire}, status=201)
    getattr(mock_harvest(rec).estimates.messages, event)(1439814)
    assert rec.body == {"event_type": wire}


def test_line_items_import_sends_both_receipt_spellings() -> None:
    rec = Recorder(INVOICE, status=201)
    mock_harvest(rec).invoices.create_from_tracked(
        client_id=5,
        line_items_import={
            "project_ids": [1],
            "time": {"summary_type": "task", "from": "2026-11-01", "to": "2026-11-30"},
            "expenses": {"summary_type": "category", "attach_receipt": True},
        },
    )
    sent = rec.body["line_items_import"]
    assert sent["time"] == {"summary_type": "task", "from": "2026-11-01", "to": "2026-11-30"}
    assert (
        sent["expenses"]["attach_receipt"] is True and sent["expenses"]["attach_receipts"] is True
    )


def test_invalid_values_are_rejected_before_sending() -> None:
    rec = Recorder(TIME_ENTRY)
    with pytest.raises(TypeError, match=r"time_entries.update(.|\n)*hours"):
        mock_harvest(rec).time_entries.update(1, hours="a lot")  # type: ignore[arg-type]
    assert rec.requests == []


def test_deletes_return_none_whatever_the_body() -> None:
    rec = Recorder({"id": 1, "name": "gone"})
    assert mock_harvest(rec).clients.delete(1) is None  # type: ignore[func-returns-value]
    assert rec.last.method == "DELETE" and rec.last.url.path == "/v2/clients/1"


def test_generic_call_and_dry_run_by_row_name() -> None:
    rec = Recorder(TIME_ENTRY)
    h = mock_harvest(rec)
    prepared = h.prepare("time_entries.update", time_entry_id=9, notes=None)
    assert (prepared.method, prepared.url) == (
        "PATCH",
        "https://api.harvestapp.com/v2/time_entries/9",
    )
    assert prepared.json == {"notes": None}
    assert rec.requests == []
    assert h.call("time_entries.update", time_entry_id=9, notes=None).id == TIME_ENTRY["id"]
    assert rec.body == {"notes": None}


def test_a_receipt_is_sent_as_multipart_form_data() -> None:
    rec = Recorder({"id": 8, "receipt": {"file_name": "train.pdf"}}, status=201)
    mock_harvest(rec).expenses.create(
        project_id=1,
        expense_category_id=2,
        spent_date=date(2026, 11, 2),
        total_cost=Decimal("12.5"),
        billable=True,
        receipt=ReceiptParams(
            file_name="train.pdf", content=b"%PDF-1.4", content_type="application/pdf"
        ),
    )
    content_type = rec.last.headers["Content-Type"]
    assert content_type.startswith("multipart/form-data")
    body = rec.last.content.decode("latin-1")
    for part in (
        'name="project_id"\r\n\r\n1',
        'name="total_cost"\r\n\r\n12.5',
        'name="billable"\r\n\r\ntrue',
    ):
        assert part in body
    assert 'filename="train.pdf"' in body and "%PDF-1.4" in body


@pytest.mark.parametrize(
    ("user_agent", "accepted"),
    [
        ("MyApp (ops@example.com)", True),
        ("MyApp (https://example.com)", True),
        ("MyApp", False),
        ("python-httpx/0.28", False),
    ],
)
def test_user_agent_must_name_a_contact(user_agent: str, accepted: bool) -> None:
    if accepted:
        assert mock_harvest(Recorder({}), user_agent=user_agent) is not None
    else:
        with pytest.raises(ValueError, match="contact"):
            mock_harvest(Recorder({}), user_agent=user_agent)
