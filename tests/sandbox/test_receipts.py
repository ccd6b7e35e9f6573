"""Expense receipts: multipart upload, the receipt object, the bytes behind its url."""

from __future__ import annotations

from datetime import date

import pytest
from starlette.testclient import TestClient

from tests.conftest import as_user
from tests.sandbox._ledger import Ledger
from tests.spec import assert_conforms

GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,"


@pytest.fixture
def fields(empty: TestClient) -> dict[str, str]:
    ledger = Ledger(empty)
    project = ledger.project(ledger.client())
    ledger.assign(project, ledger.admin_id)
    category = ledger.category("Meals")
    return {
        "project_id": str(project),
        "expense_category_id": str(category),
        "spent_date": "2026-03-01",
        "total_cost": "33.35",
    }


def _upload(empty: TestClient, fields: dict[str, str]) -> dict[str, object]:
    response = empty.post(
        "/v2/expenses", data=fields, files={"receipt": ("lunch_receipt.gif", GIF, "image/gif")}
    )
    assert response.status_code == 201, response.text
    assert_conforms(response)
    body: dict[str, object] = response.json()
    return body


def test_upload_and_read_back(empty: TestClient, fields: dict[str, str]) -> None:
    expense = _upload(empty, fields)
    assert expense["receipt"] == {
        "url": f"http://sandbox.test/v2/expenses/{expense['id']}/receipt",
        "file_name": "lunch_receipt.gif",
        "file_size": len(GIF),
        "content_type": "image/gif",
    }
    served = empty.get(f"/v2/expenses/{expense['id']}/receipt")
    assert served.status_code == 200
    assert served.content == GIF
    assert served.headers["content-type"] == "image/gif"
    assert "lunch_receipt.gif" in served.headers["content-disposition"]


def test_the_receipt_url_needs_credentials(empty: TestClient, fields: dict[str, str]) -> None:
    expense = _upload(empty, fields)
    anonymous = TestClient(empty.app, base_url="http://sandbox.test")
    response = anonymous.get(
        f"/v2/expenses/{expense['id']}/receipt", headers={"User-Agent": "x (y@z)"}
    )
    assert response.status_code == 401


def test_replace_and_delete_the_receipt(empty: TestClient, fields: dict[str, str]) -> None:
    expense = _upload(empty, fields)
    path = f"/v2/expenses/{expense['id']}"
    replaced = empty.patch(path, files={"receipt": ("dinner.pdf", b"%PDF-1.4", "application/pdf")})
    assert_conforms(replaced)
    assert replaced.json()["receipt"]["file_name"] == "dinner.pdf"
    assert empty.get(f"{path}/receipt").content == b"%PDF-1.4"

    removed = empty.patch(path, json={"delete_receipt": True})
    assert_conforms(removed)
    assert removed.json()["receipt"] is None
    assert empty.get(f"{path}/receipt").json() == {"status": 404, "error": "Not Found"}


def test_a_receipt_must_be_a_file(empty: TestClient, fields: dict[str, str]) -> None:
    response = empty.post("/v2/expenses", json={**fields, "receipt": "lunch.gif"})
    assert response.status_code == 422
    assert "multipart/form-data" in response.json()["message"]


def test_no_receipt_is_null(empty: TestClient, fields: dict[str, str]) -> None:
    expense = empty.post("/v2/expenses", data=fields).json()
    assert expense["receipt"] is None
    assert empty.get(f"/v2/expenses/{expense['id']}/receipt").status_code == 404


def test_others_receipts_are_private(empty: TestClient, fields: dict[str, str]) -> None:
    expense = _upload(empty, fields)
    ledger = Ledger(empty)
    member = as_user(empty, ledger.user())
    assert member.get(f"/v2/expenses/{expense['id']}/receipt").status_code == 403
    other = ledger.expense(
        ledger.admin_id,
        int(fields["project_id"]),
        int(fields["expense_category_id"]),
        date(2026, 3, 2),
        "1",
    )
    assert member.get(f"/v2/expenses/{other}/receipt").status_code == 403
