"""The company: who reads it, who changes it, and which two fields the API may write."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from tests.conftest import as_user
from tests.spec import assert_conforms


def _member(client: TestClient) -> TestClient:
    created = client.post(
        "/v2/users", json={"first_name": "Mo", "last_name": "Member", "email": "mo@x.example"}
    )
    return as_user(client, created.json()["id"])


def test_get_renders_the_company(empty: TestClient) -> None:
    response = empty.get("/v2/company")
    assert response.status_code == 200
    assert_conforms(response)
    company = response.json()
    assert company["base_uri"] == "https://sandbox-agency.harvestapp.com"
    assert company["full_domain"] == "sandbox-agency.harvestapp.com"
    assert company["name"] == "Sandbox Agency"
    assert company["weekly_capacity"] == 126000
    assert company["wants_timestamp_timers"] is False
    assert "currency" not in company and "time_zone" not in company  # not exposed by Harvest
    assert list(company)[:3] == ["base_uri", "full_domain", "name"]


def test_patch_writes_the_two_writable_fields(empty: TestClient) -> None:
    response = empty.patch(
        "/v2/company",
        json={"wants_timestamp_timers": True, "weekly_capacity": 144000, "name": "Renamed"},
    )
    assert response.status_code == 200
    assert_conforms(response)
    body = response.json()
    assert (body["wants_timestamp_timers"], body["weekly_capacity"]) == (True, 144000)
    assert body["name"] == "Sandbox Agency"  # read-only through the API
    assert empty.get("/v2/company").json()["wants_timestamp_timers"] is True


def test_patch_by_form_data(empty: TestClient) -> None:
    response = empty.patch("/v2/company", data={"wants_timestamp_timers": "true"})
    assert response.json()["wants_timestamp_timers"] is True


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"weekly_capacity": -1}, "Weekly capacity must be between 0 and 604800"),
        ({"weekly_capacity": "lots"}, "Weekly capacity is not a number"),
        ({"wants_timestamp_timers": "maybe"}, "Wants timestamp timers is not a boolean"),
    ],
)
def test_patch_rejects_bad_values(empty: TestClient, body: dict[str, object], message: str) -> None:
    response = empty.patch("/v2/company", json=body)
    assert (response.status_code, response.json()) == (422, {"message": message})


def test_members_read_but_do_not_change(empty: TestClient) -> None:
    member = _member(empty)
    read = member.get("/v2/company")
    assert read.status_code == 200
    assert_conforms(read)
    refused = member.patch("/v2/company", json={"weekly_capacity": 1800})
    assert (refused.status_code, refused.json()) == (403, {"message": "Not authorized!"})
