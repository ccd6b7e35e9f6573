"""Inputs at the edges that once produced 500s: each must be a 4xx with a message."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient


def _ids(demo: TestClient) -> dict[str, Any]:
    invoice = demo.get("/v2/invoices?state=open&per_page=1").json()["invoices"][0]
    estimate = demo.get("/v2/estimates?per_page=1").json()["estimates"][0]
    user = demo.get("/v2/users/me").json()
    return {"invoice": invoice, "estimate": estimate, "user": user}


CASES = [
    ("patch", "/v2/estimates/{estimate[id]}", {"line_items": [{"kind": []}]}),
    ("patch", "/v2/invoices/{invoice[id]}", {"line_items": [{"kind": {"a": 1}}]}),
    ("post", "/v2/invoices", {"client_id": "{invoice[client][id]}", "line_items": [{"kind": [1]}]}),
    (
        "post",
        "/v2/invoices/{invoice[id]}/payments",
        {"amount": 1, "paid_at": "0001-01-01T00:00:00Z"},
    ),
    ("post", "/v2/users/{user[id]}/cost_rates", {"amount": 1, "start_date": "0001-01-01"}),
    ("post", "/v2/users/{user[id]}/billable_rates", {"amount": 1, "start_date": "0001-01-01"}),
    (
        "post",
        "/v2/invoices",
        {
            "client_id": "{invoice[client][id]}",
            "issue_date": "9999-12-31",
            "payment_term": "net 60",
        },
    ),
]


@pytest.mark.parametrize(("method", "path", "body"), CASES, ids=[c[1] + " " + c[0] for c in CASES])
def test_edge_input_is_refused_with_a_message(
    demo: TestClient, method: str, path: str, body: dict[str, Any]
) -> None:
    ids = _ids(demo)
    filled = {
        key: (value.format(**ids) if isinstance(value, str) and "{" in value else value)
        for key, value in body.items()
    }
    response = getattr(demo, method)(path.format(**ids), json=filled)
    assert response.status_code == 422, response.text
    assert response.json()["message"]


def test_non_ascii_digit_ids_are_unknown_records(demo: TestClient) -> None:
    assert demo.get("/v2/roles/%C2%B2").status_code == 404


def test_dates_far_out_are_refused(demo: TestClient) -> None:
    response = demo.get("/v2/time_entries?from=0001-01-01")
    assert response.status_code == 422
    assert response.json() == {"message": "From is not a valid date"}
