"""`harvestkit auth`: login through the sandbox's identity service, list, use, revoke, rotate."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from harvestkit.api.types.identity import Account, Accounts, AccountsUser
from harvestkit.auth import Secret, list_accounts
from harvestkit.store import Store
from tests.auth.helpers import SANDBOX_URL, AppTransport
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
    result = run("auth", "login", "--token", TOKEN, "--env", "prod")
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
    result = run("auth", "login", "--token", TOKEN, "--account-id", "999")
    assert result.exit_code == 1
    assert f"account 999 is not reachable with this token; it reaches {ACCOUNT_ID}" in result.output


def test_login_with_a_bad_token_says_so(cli_env: StoreSpec, identity: TestClient) -> None:
    result = run("auth", "login", "--token", "not-a-token")
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
    result = run("auth", "login", "--token", "pat-two", input="5\n2\n")
    assert result.exit_code == 0, result.output
    assert "Choose a number from 1 to 2." in result.output
    assert "1. Studio (1)" in result.output and "Plans" not in result.output
    assert "default account Agency (2)" in result.output
    assert run("auth", "use", "1").exit_code == 0
    assert "│ 1 " in run("auth", "list").output.replace("1, 2", "")
    refused = run("auth", "use", "3")
    assert refused.exit_code == 1 and "not reachable" in refused.output


def test_revoke_then_calls_fail_clearly(cli_env: StoreSpec, identity: TestClient) -> None:
    run("auth", "login", "--token", TOKEN)
    assert run("auth", "revoke").exit_code == 0
    assert "revoked" in run("auth", "list").output
    again = run("auth", "use", str(ACCOUNT_ID))
    assert again.exit_code == 1
    assert "run `harvestkit auth login --env dev`" in again.output
    missing = run("auth", "revoke", "--env", "nowhere")
    assert missing.exit_code == 1 and "no Harvest credential" in missing.output


def test_rotate_replaces_the_pat(cli_env: StoreSpec, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("harvestkit.cli.auth.list_accounts", _two_accounts)
    run("auth", "login", "--token", "pat-old", "--account-id", "2")
    result = run("auth", "rotate", "--token", "pat-new")
    assert result.exit_code == 0, result.output
    assert "default account 2" in result.output
    assert "pat-old" not in _stored(cli_env) and "pat-new" not in _stored(cli_env)
