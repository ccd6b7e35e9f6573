"""`harvestkit auth`: login through the sandbox's identity service, list, use, revoke, rotate."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from starlette.testclient import TestClient

from harvestkit.api import OAuthClient
from harvestkit.api.types.identity import Account, Accounts, AccountsUser
from harvestkit.auth import Secret, list_accounts
from harvestkit.store import Store
from tests.auth.helpers import SANDBOX_URL, AppTransport, approve_in_browser, visit_later
from tests.cli.helpers import run
from tests.conftest import ACCOUNT_ID, TOKEN
from tests.store.fixtures import StoreSpec


@pytest.fixture
def identity(empty: TestClient, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    """Point `auth login` at the in-process sandbox's identity service."""

    def through_sandbox(token: Secret, **_: Any) -> Accounts:
        return list_accounts(token, identity_url=SANDBOX_URL, transport=AppTransport(empty.app))

    monkeypatch.setattr("harvestkit.cli.auth.list_accounts", through_sandbox)
    return empty


def _stored(spec: StoreSpec) -> str:
    store = Store(spec.url, schema=spec.schema)
    with store.transaction() as conn:
        rows = conn.exec_driver_sql("SELECT * FROM hk_credentials").all()
    store.close()
    return repr(rows)


def test_login_lists_accounts_and_stores_the_token_encrypted(
    cli_env: StoreSpec, identity: TestClient
) -> None:
    result = run("auth", "login", "--token-stdin", "--env", "prod", input=TOKEN + "\n")
    assert result.exit_code == 0, result.output
    assert f"({ACCOUNT_ID})" in result.output
    listed = run("auth", "list")
    assert "prod" in listed.output and str(ACCOUNT_ID) in listed.output
    assert TOKEN not in listed.output + result.output
    assert TOKEN not in _stored(cli_env)


def test_login_asks_for_the_token_when_not_given(cli_env: StoreSpec, identity: TestClient) -> None:
    result = run("auth", "login", input=f"{TOKEN}\n")
    assert result.exit_code == 0, result.output
    assert TOKEN not in result.output


def test_login_refuses_an_unreachable_account(cli_env: StoreSpec, identity: TestClient) -> None:
    result = run("auth", "login", "--token-stdin", "--account-id", "999", input=TOKEN + "\n")
    assert result.exit_code == 1
    assert f"account 999 is not reachable with this token; it reaches {ACCOUNT_ID}" in result.output


def test_login_with_a_bad_token_says_so(cli_env: StoreSpec, identity: TestClient) -> None:
    result = run("auth", "login", "--token-stdin", input="not-a-token" + "\n")
    assert result.exit_code == 1
    assert "Harvest ID did not accept the token" in result.output
    assert "not-a-token" not in result.output


def _two_accounts(token: Secret, **_: Any) -> Accounts:
    return Accounts(
        user=AccountsUser(id=7, email="al@example.com"),
        accounts=[
            Account(id=1, name="Studio", product="harvest"),
            Account(id=2, name="Agency", product="harvest"),
            Account(id=3, name="Plans", product="forecast"),
        ],
    )


def test_login_lets_the_person_pick_and_use_switches(
    cli_env: StoreSpec, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("harvestkit.cli.auth.list_accounts", _two_accounts)
    result = run("auth", "login", "--token-stdin", input="pat-two" + "\n" + "5\n2\n")
    assert result.exit_code == 0, result.output
    assert "Choose a number from 1 to 2." in result.output
    assert "1. Studio (1)" in result.output and "Plans" not in result.output
    assert "default account Agency (2)" in result.output
    assert run("auth", "use", "1").exit_code == 0
    assert "│ 1 " in run("auth", "list").output.replace("1, 2", "")
    refused = run("auth", "use", "3")
    assert refused.exit_code == 1 and "not reachable" in refused.output


def test_revoke_then_calls_fail_clearly(cli_env: StoreSpec, identity: TestClient) -> None:
    run("auth", "login", "--token-stdin", input=TOKEN + "\n")
    assert run("auth", "revoke").exit_code == 0
    assert "revoked" in run("auth", "list").output
    again = run("auth", "use", str(ACCOUNT_ID))
    assert again.exit_code == 1
    assert "run `harvestkit auth login --env dev`" in again.output
    missing = run("auth", "revoke", "--env", "nowhere")
    assert missing.exit_code == 1 and "no Harvest credential" in missing.output


def test_rotate_replaces_the_pat(cli_env: StoreSpec, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("harvestkit.cli.auth.list_accounts", _two_accounts)
    run("auth", "login", "--token-stdin", "--account-id", "2", input="pat-old" + "\n")
    result = run("auth", "rotate", "--token-stdin", input="pat-new" + "\n")
    assert result.exit_code == 0, result.output
    assert "default account 2" in result.output
    assert "pat-old" not in _stored(cli_env) and "pat-new" not in _stored(cli_env)


def test_browser_login_stores_an_oauth_credential(
    cli_env: StoreSpec, identity: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = identity.app
    monkeypatch.setenv("HARVESTKIT_OAUTH_CLIENT_ID", "sandbox-client")
    monkeypatch.setenv("HARVESTKIT_OAUTH_CLIENT_SECRET", "sandbox-secret")
    monkeypatch.setenv("HARVESTKIT_IDENTITY_URL", SANDBOX_URL)
    monkeypatch.setattr(
        "harvestkit.cli.auth.OAuthClient",
        lambda *a, **kw: OAuthClient(*a, **kw, transport=AppTransport(app)),
    )
    visits: list[Any] = []
    monkeypatch.setattr(
        "harvestkit.cli.auth.webbrowser.open",
        lambda url: visits.append(visit_later(approve_in_browser(identity, url))),
    )
    result = run("auth", "login", "--oauth", "--redirect-uri", "http://127.0.0.1:0/callback")
    for visit in visits:
        visit.join()
    assert result.exit_code == 0, result.output
    assert "Open this page" in result.output and len(visits) == 1
    listed = run("auth", "list").output
    assert "oauth" in listed and "active" in listed


def test_browser_login_needs_the_oauth_application(
    cli_env: StoreSpec, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HARVESTKIT_OAUTH_CLIENT_ID", raising=False)
    result = run("auth", "login", "--oauth", "--no-browser")
    assert result.exit_code == 1 and "HARVESTKIT_OAUTH_CLIENT_ID" in result.output


def test_another_key_cannot_read_the_credentials(
    cli_env: StoreSpec, identity: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("auth", "login", "--token-stdin", input=TOKEN + "\n")
    monkeypatch.setenv("HARVESTKIT_SECRET_KEY", base64.b64encode(bytes(32)).decode())
    for args in (("auth", "list"), ("auth", "use", str(ACCOUNT_ID))):
        result = run(*args)
        assert result.exit_code == 1
        assert "Was HARVESTKIT_SECRET_KEY or the key file changed?" in result.output
    # A lost key must not keep a credential alive: revoking needs no decryption.
    assert run("auth", "revoke").exit_code == 0
    assert run("auth", "login", "--token-stdin", input=TOKEN + "\n").exit_code == 0
    assert "active" in run("auth", "list").output


def test_a_token_in_the_arguments_is_refused_before_use(
    cli_env: StoreSpec, identity: TestClient
) -> None:
    result = run("auth", "login", "--token", "pat-in-argv")
    assert result.exit_code == 1
    assert "process list" in result.output and "--token-stdin" in result.output
    assert "pat-in-argv" not in result.output


def test_the_token_from_the_environment(
    cli_env: StoreSpec, identity: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HARVEST_ACCESS_TOKEN", TOKEN)
    result = run("auth", "login", "--env", "prod")
    assert result.exit_code == 0, result.output
    assert TOKEN not in result.output
