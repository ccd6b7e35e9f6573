"""Billable and cost rate histories (API-NOTES §8.7, §10.20–§10.21)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.conftest import as_user, sandbox_of
from tests.spec import assert_conforms

KINDS = [("billable_rates", "default_hourly_rate"), ("cost_rates", "cost_rate")]


@pytest.fixture
def client(empty: TestClient) -> TestClient:
    sandbox_of(empty).clock.set(datetime(2026, 5, 15, 12, 0, tzinfo=UTC))
    return empty


def _user(client: TestClient, first: str = "Jim", **fields: Any) -> dict[str, Any]:
    body = {"first_name": first, "last_name": "Allen", "email": f"{first.lower()}@x.example"}
    user: dict[str, Any] = client.post("/v2/users", json={**body, **fields}).json()
    return user


def _history(client: TestClient, user_id: int, kind: str) -> list[tuple[float, str, str]]:
    rows = client.get(f"/v2/users/{user_id}/{kind}").json()[kind]
    return [(r["amount"], r["start_date"], r["end_date"]) for r in rows]


@pytest.mark.parametrize(("kind", "field"), KINDS)
def test_dated_history_computes_end_dates(client: TestClient, kind: str, field: str) -> None:
    jim = _user(client)
    first = client.post(
        f"/v2/users/{jim['id']}/{kind}", json={"amount": 8.25, "start_date": "2026-01-01"}
    )
    assert first.status_code == 201
    assert_conforms(first)
    assert first.headers["location"].endswith(
        f"/api/v2/users/{jim['id']}/{kind}/{first.json()['id']}"
    )
    client.post(f"/v2/users/{jim['id']}/{kind}", data={"amount": "9.5", "start_date": "2026-03-01"})
    listed = client.get(f"/v2/users/{jim['id']}/{kind}")
    assert_conforms(listed)
    assert _history(client, jim["id"], kind) == [
        (8.25, "2026-01-01", "2026-02-28"),
        (9.5, "2026-03-01", None),
    ]
    assert client.get(f"/v2/users/{jim['id']}").json()[field] == 9.5


@pytest.mark.parametrize(("kind", "field"), KINDS)
def test_no_start_date_replaces_every_rate(client: TestClient, kind: str, field: str) -> None:
    jim = _user(client)
    client.post(f"/v2/users/{jim['id']}/{kind}", json={"amount": 10, "start_date": "2026-01-01"})
    client.post(f"/v2/users/{jim['id']}/{kind}", json={"amount": 20, "start_date": "2026-02-01"})
    response = client.post(f"/v2/users/{jim['id']}/{kind}", json={"amount": 30})
    assert response.json()["start_date"] is None
    assert _history(client, jim["id"], kind) == [(30.0, None, None)]
    assert client.get(f"/v2/users/{jim['id']}").json()[field] == 30.0


def test_earlier_start_date_replaces_later_rates(client: TestClient) -> None:
    jim = _user(client)
    url = f"/v2/users/{jim['id']}/billable_rates"
    client.post(url, json={"amount": 10, "start_date": "2026-01-01"})
    client.post(url, json={"amount": 20, "start_date": "2026-03-01"})
    client.post(url, json={"amount": 15, "start_date": "2026-02-01"})
    assert _history(client, jim["id"], "billable_rates") == [
        (10.0, "2026-01-01", "2026-01-31"),
        (15.0, "2026-02-01", None),
    ]
    client.post(url, json={"amount": 5, "start_date": "2025-12-01"})
    assert _history(client, jim["id"], "billable_rates") == [(5.0, "2025-12-01", None)]


def test_a_dated_rate_after_an_undated_one_ends_it(client: TestClient) -> None:
    jim = _user(client, default_hourly_rate=100)
    client.post(
        f"/v2/users/{jim['id']}/billable_rates", json={"amount": 110, "start_date": "2026-05-15"}
    )
    assert _history(client, jim["id"], "billable_rates") == [
        (100.0, None, "2026-05-14"),
        (110.0, "2026-05-15", None),
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "Amount can't be blank"),
        ({"amount": "ten"}, "Amount is not a number"),
        ({"amount": -1}, "Amount must be greater than or equal to 0"),
        ({"amount": 10, "start_date": "2026-05-16"}, "Start date can't be in the future"),
        ({"amount": 10, "start_date": "2026-13-01"}, "Start date is not a valid date"),
    ],
)
def test_create_validation(client: TestClient, body: dict[str, Any], message: str) -> None:
    jim = _user(client)
    response = client.post(f"/v2/users/{jim['id']}/billable_rates", json=body)
    assert (response.status_code, response.json()) == (422, {"message": message})


@pytest.mark.parametrize(("kind", "field"), KINDS)
def test_retrieve_one(client: TestClient, kind: str, field: str) -> None:
    jim, ann = _user(client, "Jim"), _user(client, "Ann")
    rate = client.post(f"/v2/users/{jim['id']}/{kind}", json={"amount": 12}).json()
    response = client.get(f"/v2/users/{jim['id']}/{kind}/{rate['id']}")
    assert response.status_code == 200
    assert_conforms(response)
    assert response.json() == rate
    assert client.get(f"/v2/users/{ann['id']}/{kind}/{rate['id']}").status_code == 404
    assert client.get(f"/v2/users/999/{kind}").status_code == 404


def test_permissions(client: TestClient) -> None:
    jim = _user(client, "Jim")
    rater = _user(client, "Rae", access_roles=["manager", "billable_rates_manager"])
    as_rater, as_jim = as_user(client, rater["id"]), as_user(client, jim["id"])
    assert as_rater.get(f"/v2/users/{jim['id']}/billable_rates").status_code == 200
    assert (
        as_rater.post(f"/v2/users/{jim['id']}/billable_rates", json={"amount": 1}).status_code
        == 201
    )
    assert as_rater.get(f"/v2/users/{jim['id']}/cost_rates").status_code == 403  # admins only
    assert as_jim.get(f"/v2/users/{jim['id']}/billable_rates").status_code == 403
    assert as_jim.post(f"/v2/users/{jim['id']}/cost_rates", json={"amount": 1}).status_code == 403
