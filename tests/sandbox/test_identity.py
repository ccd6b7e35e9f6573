"""The identity service: accounts, the OAuth2 authorization-code and implicit flows, the
token endpoint's grants and errors, token expiry by the sandbox clock."""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from starlette.testclient import TestClient

from tests.conftest import ACCOUNT_ID, TOKEN, USER_AGENT, sandbox_of

CLIENT = {"client_id": "sandbox-client", "client_secret": "sandbox-secret"}
REDIRECT = "http://127.0.0.1:8912/callback"


def _browser(client: TestClient) -> TestClient:
    return TestClient(client.app, base_url="http://sandbox.test", follow_redirects=False)


def _admin_id(client: TestClient) -> int:
    user_id: int = client.get("/v2/users/me").json()["id"]
    return user_id


def _approve(client: TestClient, **overrides: str) -> dict[str, list[str]]:
    """Approve as the administrator; the redirect's query parameters."""
    form = {
        "client_id": "sandbox-client",
        "response_type": "code",
        "redirect_uri": REDIRECT,
        "state": "xyz",
        "user_id": str(_admin_id(client)),
        **overrides,
    }
    response = _browser(client).post("/oauth2/authorize", data=form)
    assert response.status_code == 302, response.text
    location = response.headers["location"]
    assert location.startswith(REDIRECT)
    return parse_qs(urlsplit(location).query)


def _exchange(client: TestClient, **body: str) -> Any:
    return _browser(client).post("/api/v2/oauth2/token", data={**CLIENT, **body})


def _tokens(client: TestClient) -> dict[str, Any]:
    code = _approve(client)["code"][0]
    response = _exchange(client, grant_type="authorization_code", code=code)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _api(client: TestClient, token: str) -> TestClient:
    other = TestClient(client.app, base_url="http://sandbox.test")
    other.headers.update(
        {
            "Authorization": f"Bearer {token}",
            "Harvest-Account-Id": str(ACCOUNT_ID),
            "User-Agent": USER_AGENT,
        }
    )
    return other


def test_authorize_page_lists_people_to_approve_as(empty: TestClient) -> None:
    page = _browser(empty).get(
        "/oauth2/authorize",
        params={
            "client_id": "sandbox-client",
            "response_type": "code",
            "redirect_uri": REDIRECT,
            "state": "s1",
        },
    )
    assert page.status_code == 200
    assert "text/html" in page.headers["content-type"]
    assert "Approve as Avery Admin" in page.text
    assert 'value="s1"' in page.text and 'action="/oauth2/authorize"' in page.text


def test_code_flow_redirect_carries_code_state_and_scope(empty: TestClient) -> None:
    params = _approve(empty)
    assert params["state"] == ["xyz"]
    assert params["scope"] == [f"harvest:{ACCOUNT_ID}"]
    assert params["code"][0]


def test_code_exchange_gives_working_tokens(empty: TestClient) -> None:
    tokens = _tokens(empty)
    assert list(tokens) == ["access_token", "refresh_token", "token_type", "expires_in"]
    assert (tokens["token_type"], tokens["expires_in"]) == ("bearer", 1209600)
    me = _api(empty, tokens["access_token"]).get("/v2/users/me")
    assert me.status_code == 200 and me.json()["id"] == _admin_id(empty)


def test_code_exchange_by_json_and_basic_auth(empty: TestClient) -> None:
    code = _approve(empty)["code"][0]
    response = _browser(empty).post(
        "/api/v2/oauth2/token",
        json={**CLIENT, "grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT},
    )
    assert response.status_code == 200
    code = _approve(empty)["code"][0]
    basic = base64.b64encode(b"sandbox-client:sandbox-secret").decode()
    response = _browser(empty).post(
        "/api/v2/oauth2/token",
        data={"grant_type": "authorization_code", "code": code},
        headers={"Authorization": f"Basic {basic}"},
    )
    assert response.status_code == 200


def test_access_token_expires_by_the_sandbox_clock(empty: TestClient) -> None:
    api = _api(empty, _tokens(empty)["access_token"])
    sandbox_of(empty).clock.advance(1209600 - 1)
    assert api.get("/v2/users/me").status_code == 200
    sandbox_of(empty).clock.advance(1)
    expired = api.get("/v2/users/me")
    assert expired.status_code == 401
    assert expired.json()["error"] == "invalid_token"


def test_refresh_grant_returns_a_new_access_token_and_the_same_refresh_token(
    empty: TestClient,
) -> None:
    tokens = _tokens(empty)
    sandbox_of(empty).clock.advance(1209600 + 60)
    response = _exchange(empty, grant_type="refresh_token", refresh_token=tokens["refresh_token"])
    assert response.status_code == 200
    fresh = response.json()
    assert fresh["access_token"] != tokens["access_token"]
    assert fresh["refresh_token"] == tokens["refresh_token"]
    assert _api(empty, fresh["access_token"]).get("/v2/users/me").status_code == 200


def test_implicit_flow_puts_the_token_in_the_fragment(empty: TestClient) -> None:
    form = {
        "client_id": "sandbox-client",
        "response_type": "token",
        "redirect_uri": REDIRECT,
        "state": "abc",
        "user_id": str(_admin_id(empty)),
    }
    response = _browser(empty).post("/oauth2/authorize", data=form)
    assert response.status_code == 302
    fragment = parse_qs(urlsplit(response.headers["location"]).fragment)
    assert fragment["token_type"] == ["bearer"] and fragment["state"] == ["abc"]
    assert fragment["expires_in"] == ["1209600"]
    assert fragment["scope"] == [f"harvest:{ACCOUNT_ID}"]
    assert _api(empty, fragment["access_token"][0]).get("/v2/company").status_code == 200


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({"grant_type": "authorization_code", "code": "nope"}, "invalid_grant"),
        ({"grant_type": "authorization_code"}, "invalid_request"),
        ({"grant_type": "refresh_token", "refresh_token": "nope"}, "invalid_grant"),
        ({"grant_type": "password"}, "unsupported_grant_type"),
        ({}, "invalid_request"),
        (
            {"grant_type": "authorization_code", "code": "x", "client_secret": "wrong"},
            "invalid_client",
        ),
        ({"grant_type": "authorization_code", "code": "x", "client_id": "other"}, "invalid_client"),
    ],
)
def test_token_endpoint_errors(empty: TestClient, body: dict[str, str], error: str) -> None:
    response = _exchange(empty, **body)
    assert response.status_code == 400
    assert response.json()["error"] == error
    assert response.json()["error_description"]


def test_code_is_single_use(empty: TestClient) -> None:
    code = _approve(empty)["code"][0]
    assert _exchange(empty, grant_type="authorization_code", code=code).status_code == 200
    again = _exchange(empty, grant_type="authorization_code", code=code)
    assert (again.status_code, again.json()["error"]) == (400, "invalid_grant")


def test_code_expires_after_ten_minutes(empty: TestClient) -> None:
    code = _approve(empty)["code"][0]
    sandbox_of(empty).clock.advance(600)
    late = _exchange(empty, grant_type="authorization_code", code=code)
    assert (late.status_code, late.json()["error"]) == (400, "invalid_grant")


def test_code_exchange_with_another_redirect_uri_fails(empty: TestClient) -> None:
    code = _approve(empty)["code"][0]
    response = _exchange(
        empty,
        grant_type="authorization_code",
        code=code,
        redirect_uri="http://127.0.0.1:1/elsewhere",
    )
    assert (response.status_code, response.json()["error"]) == (400, "invalid_grant")


@pytest.mark.parametrize(
    "params",
    [
        {
            "client_id": "sandbox-client",
            "response_type": "code",
            "redirect_uri": "https://evil.example/cb",
        },
        {"client_id": "unknown", "response_type": "code"},
        {"client_id": "sandbox-client", "response_type": "id_token"},
    ],
)
def test_authorize_refuses_bad_requests_with_a_page(
    empty: TestClient, params: dict[str, str]
) -> None:
    page = _browser(empty).get("/oauth2/authorize", params=params)
    assert page.status_code == 400
    assert "text/html" in page.headers["content-type"]
    approve = _browser(empty).post(
        "/oauth2/authorize", data={**params, "user_id": str(_admin_id(empty))}
    )
    assert approve.status_code == 400


def test_approving_as_an_unknown_person_fails(empty: TestClient) -> None:
    form = {"client_id": "sandbox-client", "response_type": "code", "user_id": "999"}
    assert _browser(empty).post("/oauth2/authorize", data=form).status_code == 400


def test_accounts_endpoint(empty: TestClient) -> None:
    tokens = _tokens(empty)
    response = _browser(empty).get(
        "/api/v2/accounts",
        headers={"Authorization": f"Bearer {tokens['access_token']}", "User-Agent": USER_AGENT},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["user"] == {
        "id": _admin_id(empty),
        "first_name": "Avery",
        "last_name": "Admin",
        "email": "avery@sandbox-agency.example",
    }
    assert body["accounts"] == [{"id": ACCOUNT_ID, "name": "Sandbox Agency", "product": "harvest"}]


def test_accounts_endpoint_takes_personal_tokens_and_refuses_bad_ones(empty: TestClient) -> None:
    browser = _browser(empty)
    assert (
        browser.get("/api/v2/accounts", headers={"Authorization": f"Bearer {TOKEN}"}).status_code
        == 200
    )
    bad = browser.get("/api/v2/accounts", headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401 and bad.json()["error"] == "invalid_token"
    assert browser.get("/api/v2/accounts").status_code == 401


def test_registering_an_oauth_application(empty: TestClient) -> None:
    registered = empty.post(
        "/_sandbox/oauth_clients", json={"name": "My app", "redirect_uri": "http://localhost:9000"}
    )
    assert registered.status_code == 200
    client = registered.json()
    form = {
        "client_id": client["client_id"],
        "response_type": "code",
        "user_id": str(_admin_id(empty)),
    }
    response = _browser(empty).post("/oauth2/authorize", data=form)
    assert response.headers["location"].startswith("http://localhost:9000?code=")
    code = parse_qs(urlsplit(response.headers["location"]).query)["code"][0]
    exchanged = _browser(empty).post(
        "/api/v2/oauth2/token", data={**client, "grant_type": "authorization_code", "code": code}
    )
    assert exchanged.status_code == 200
    custom = empty.post(
        "/_sandbox/oauth_clients", json={"name": "App", "redirect_uri": "myapp://callback"}
    )
    assert custom.status_code == 400
