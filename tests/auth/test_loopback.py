"""Browser login: the authorization-code flow on a loopback redirect, against the sandbox."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from starlette.testclient import TestClient

from harvestkit.api import OAuthClient
from harvestkit.auth import LoopbackLogin, OAuthLoginError
from tests.auth.helpers import SANDBOX_URL, AppTransport, approve_in_browser, visit_later

CLIENT_ID, CLIENT_SECRET = "sandbox-client", "sandbox-secret"
FREE_PORT = "http://127.0.0.1:0/callback"


def _login(empty: TestClient) -> LoopbackLogin:
    oauth = OAuthClient(
        CLIENT_ID, CLIENT_SECRET, identity_url=SANDBOX_URL, transport=AppTransport(empty.app)
    )
    return LoopbackLogin(oauth, redirect_uri=FREE_PORT)


def test_browser_login_gets_working_tokens(empty: TestClient) -> None:
    login = _login(empty)
    assert login.url.startswith(f"{SANDBOX_URL}/oauth2/authorize?")
    assert "client_secret" not in login.url
    visit = visit_later(approve_in_browser(empty, login.url))
    tokens = login.wait(timeout=10)
    visit.join()
    assert tokens.refresh_token is not None and tokens.expires_at is not None
    api = TestClient(empty.app, base_url=SANDBOX_URL)
    me = api.get(
        "/v2/users/me",
        headers={**empty.headers, "Authorization": f"Bearer {tokens.access_token.reveal()}"},
    )
    assert me.status_code == 200


def test_redirect_from_another_login_is_refused(empty: TestClient) -> None:
    login = _login(empty)
    location = approve_in_browser(empty, login.url)
    parts = urlsplit(location)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()} | {"state": "someone-elses"}
    visit = visit_later(parts._replace(query=urlencode(query)).geturl())
    with pytest.raises(OAuthLoginError, match="does not belong to this login"):
        login.wait(timeout=10)
    visit.join()


def test_refusal_on_harvest_id_is_reported(empty: TestClient) -> None:
    login = _login(empty)
    query = urlencode({"error": "access_denied", "error_description": "The user said no"})
    visit = visit_later(f"{login.redirect_uri}?{query}")
    with pytest.raises(OAuthLoginError, match="did not grant access: The user said no"):
        login.wait(timeout=10)
    visit.join()


def test_no_answer_times_out(empty: TestClient) -> None:
    with pytest.raises(OAuthLoginError, match="no answer from the browser"):
        _login(empty).wait(timeout=0.3)


def test_only_loopback_redirects(empty: TestClient) -> None:
    oauth = OAuthClient(CLIENT_ID, CLIENT_SECRET, identity_url=SANDBOX_URL)
    with pytest.raises(ValueError, match=r"127\.0\.0\.1"):
        LoopbackLogin(oauth, redirect_uri="http://evil.example/callback")
