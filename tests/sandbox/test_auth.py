"""Authentication and role visibility (API-NOTES §2, §3.4, §3.5)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import update
from starlette.testclient import TestClient

from harvestkit.sandbox import tables
from tests.conftest import ACCOUNT_ID, TOKEN, USER_AGENT, as_user, sandbox_of
from tests.spec import assert_conforms

INVALID_TOKEN = {
    "error": "invalid_token",
    "error_description": (
        "The access token provided is expired, revoked, malformed or invalid for other reasons."
    ),
}
WWW_AUTHENTICATE = (
    'Bearer realm="Rack::OAuth2 Protected Resources", error="invalid_token", '
    'error_description="The access token provided is expired, revoked, malformed or invalid '
    'for other reasons."'
)
NOT_AUTHORIZED = {"message": "Not authorized!"}


def _bare(client: TestClient) -> TestClient:
    return TestClient(client.app, base_url="http://sandbox.test")


def _user(client: TestClient, first: str, **fields: Any) -> dict[str, Any]:
    body = {"first_name": first, "last_name": "X", "email": f"{first.lower()}@x.example"}
    user: dict[str, Any] = client.post("/v2/users", json={**body, **fields}).json()
    return user


def _assert_invalid_token(response: Any) -> None:
    assert response.status_code == 401
    assert response.json() == INVALID_TOKEN
    assert response.headers["www-authenticate"] == WWW_AUTHENTICATE
    assert response.headers["content-type"].startswith("application/json")


def test_bearer_and_account_header(empty: TestClient) -> None:
    response = _bare(empty).get(
        "/v2/users/me",
        headers={
            "authorization": f"Bearer {TOKEN}",
            "harvest-account-id": str(ACCOUNT_ID),
            "User-Agent": USER_AGENT,
        },
    )
    assert response.status_code == 200
    assert_conforms(response)


def test_query_string_pair(empty: TestClient) -> None:
    response = _bare(empty).get(
        "/v2/company",
        params={"access_token": TOKEN, "account_id": ACCOUNT_ID},
        headers={"User-Agent": USER_AGENT},
    )
    assert response.status_code == 200
    assert_conforms(response)


@pytest.mark.parametrize(
    "headers",
    [
        {"Authorization": f"Bearer {TOKEN}"},  # no account id: looks like a bad token
        {"Authorization": f"Bearer {TOKEN}", "Harvest-Account-Id": "1"},
        {"Authorization": "Bearer not-a-token", "Harvest-Account-Id": str(ACCOUNT_ID)},
        {"Harvest-Account-Id": str(ACCOUNT_ID)},
        {"Authorization": f"Token {TOKEN}", "Harvest-Account-Id": str(ACCOUNT_ID)},
    ],
)
def test_bad_credentials_give_the_invalid_token_401(
    empty: TestClient, headers: dict[str, str]
) -> None:
    _assert_invalid_token(
        _bare(empty).get("/v2/users/me", headers={**headers, "User-Agent": USER_AGENT})
    )


@pytest.mark.parametrize(
    "change", [{"revoked": True}, {"expires_at": "past"}], ids=["revoked", "expired"]
)
def test_revoked_or_expired_tokens(empty: TestClient, change: dict[str, Any]) -> None:
    jim = _user(empty, "Jim")
    client = as_user(empty, jim["id"])
    assert client.get("/v2/users/me").status_code == 200
    sandbox = sandbox_of(empty)
    if change.get("expires_at") == "past":
        change = {"expires_at": sandbox.clock.utcnow() - timedelta(seconds=1)}
    token = client.headers["authorization"].removeprefix("Bearer ")
    t = tables.access_tokens
    with sandbox.engine.begin() as conn:
        conn.execute(update(t).where(t.c.token == token).values(**change))
    _assert_invalid_token(client.get("/v2/users/me"))


def test_missing_user_agent_is_a_400(empty: TestClient) -> None:
    response = _bare(empty).get(
        "/v2/users/me",
        headers={
            "Authorization": f"Bearer {TOKEN}",
            "Harvest-Account-Id": str(ACCOUNT_ID),
            "User-Agent": "",
        },
    )
    assert response.status_code == 400


def test_member_reads_self_and_company_only(empty: TestClient) -> None:
    member = as_user(empty, _user(empty, "Mo")["id"])
    for path in ("/v2/users/me", "/v2/company"):
        response = member.get(path)
        assert response.status_code == 200
        assert_conforms(response)
    for path in ("/v2/users", "/v2/clients", "/v2/roles"):
        response = member.get(path)
        assert (response.status_code, response.json()) == (403, NOT_AUTHORIZED)
        assert response.headers["content-type"].startswith("application/json")


def test_manager_visibility(empty: TestClient) -> None:
    manager = _user(empty, "Maya", access_roles=["manager"])
    teammate, outsider = _user(empty, "Tom"), _user(empty, "Olga")
    as_manager = as_user(empty, manager["id"])
    assert as_manager.get("/v2/users").status_code == 403  # no teammates yet
    empty.patch(f"/v2/users/{manager['id']}/teammates", json={"teammate_ids": [teammate["id"]]})
    listed = {u["id"] for u in as_manager.get("/v2/users").json()["users"]}
    assert listed == {manager["id"], teammate["id"]}
    assert as_manager.get(f"/v2/users/{outsider['id']}").status_code == 403
    assert as_manager.get("/v2/roles").status_code == 403
    assert as_manager.get("/v2/clients").status_code == 403
    assert as_manager.get(f"/v2/users/{teammate['id']}/cost_rates").status_code == 403


def test_manager_permission_opens_its_endpoints(empty: TestClient) -> None:
    manager = _user(empty, "Maya", access_roles=["manager", "client_and_task_manager"])
    response = as_user(empty, manager["id"]).get("/v2/clients")
    assert response.status_code == 200
