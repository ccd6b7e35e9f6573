"""`harvestkit call` and `harvestkit import time` act as the MCP server does: with the
vault's credential of `--user` in `--env`, under the policy, and each leaves an audit record
with the Harvest requests it made. Harvest is a sandbox served on a real socket."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from harvestkit.api import Harvest
from harvestkit.auth import Secret, TokenSet, open_vault
from harvestkit.governance import AuditLog, AuditRecord
from harvestkit.store import Store
from tests.api.conftest import serve
from tests.cli.helpers import run
from tests.conftest import ACCOUNT_ID, TOKEN, open_copy
from tests.robustness.test_faults import csv_of, monday_before, rows_for
from tests.store.fixtures import StoreSpec


@pytest.fixture
def harvest_url(
    demo_template: Path, tmp_path: Path, cli_env: StoreSpec, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Any, str]]:
    """A sandbox on a socket, and alice's credential for it in the vault (dev); no token
    in the environment."""
    app = open_copy(demo_template, tmp_path)
    with serve(app) as url:
        monkeypatch.setenv("HARVEST_BASE_URL", f"{url}/v2")
        monkeypatch.delenv("HARVEST_ACCESS_TOKEN", raising=False)
        monkeypatch.delenv("HARVEST_ACCOUNT_ID", raising=False)
        store = Store(cli_env.url, schema=cli_env.schema)
        open_vault(store).save(
            "alice",
            "dev",
            "pat",
            TokenSet(Secret(TOKEN)),
            account_ids=[ACCOUNT_ID],
            default_account_id=ACCOUNT_ID,
        )
        store.close()
        yield app, url
    app.state.sandbox.close()


def trail(spec: StoreSpec) -> list[AuditRecord]:
    store = Store(spec.url, schema=spec.schema)
    log = AuditLog(store)
    assert log.verify().ok
    records = log.records()
    store.close()
    return records


def test_call_uses_the_vaults_credential_and_is_audited(
    harvest_url: tuple[Any, str], cli_env: StoreSpec
) -> None:
    result = run("call", "harvest_users_me")
    assert result.exit_code == 0, result.output
    me = json.loads(result.stdout)
    [record] = trail(cli_env)
    assert (record.user, record.env, record.tool, record.outcome) == (
        "alice",
        "dev",
        "harvest_users_me",
        "ok",
    )
    assert record.account_id == ACCOUNT_ID
    assert [(r["method"], r["path"], r["status"]) for r in record.requests] == [
        ("GET", "/v2/users/me", 200)
    ]
    assert me["user"]["id"]


def test_a_write_without_a_grant_is_refused_sent_nowhere_and_audited(
    harvest_url: tuple[Any, str], cli_env: StoreSpec
) -> None:
    app, _ = harvest_url
    day = monday_before(app)
    arguments = {"project_id": 1, "task_id": 1, "spent_date": str(day), "hours": 1}
    result = run("call", "harvest_time_entries_create", "--json", json.dumps(arguments))
    assert result.exit_code == 1
    assert "needs a write grant on toolset 'time' for user alice in dev" in result.output
    [record] = trail(cli_env)
    assert (record.tool, record.outcome, record.requests) == (
        "harvest_time_entries_create",
        "refused",
        [],
    )


def test_import_time_acts_with_the_policy_and_the_vault(
    harvest_url: tuple[Any, str], cli_env: StoreSpec, tmp_path: Path
) -> None:
    app, url = harvest_url
    file = tmp_path / "hours.csv"
    file.write_text(csv_of(rows_for(monday_before(app), 3, "governed import")))
    refused = run("import", "time", str(file))
    assert refused.exit_code == 1 and "needs a write grant" in refused.output

    Path(tmp_path / "policy.toml").write_text(
        '[[grant]]\nuser = "alice"\nenv = "dev"\ntoolsets = ["time"]\n'
    )
    done = run("import", "time", str(file))
    assert done.exit_code == 0, done.output
    with Harvest(TOKEN, ACCOUNT_ID, base_url=f"{url}/v2") as h:
        notes = [e.notes for e in h.time_entries.list(per_page=2000).first_page().items]
    assert sorted(n for n in notes if n and n.startswith("governed import")) == [
        "governed import 0",
        "governed import 1",
        "governed import 2",
    ]
    first, second = trail(cli_env)
    assert (first.tool, first.outcome) == ("import_time", "refused")
    assert (second.user, second.env, second.tool, second.outcome) == (
        "alice",
        "dev",
        "import_time",
        "ok",
    )
    assert second.arguments == {"file": "hours.csv", "dry_run": False, "skip_invalid": False}
    posts = [r for r in second.requests if r["method"] == "POST"]
    assert [(r["path"], r["status"]) for r in posts] == [("/v2/time_entries", 201)] * 3
