"""`harvestkit policy`, `keys`, `audit` and `stats` as a person uses them."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import update

from harvestkit.governance import ApiKeyStore, AuditEntry, AuditLog, HarvestRequest, Outcome
from harvestkit.store import audit_records
from tests.cli.helpers import run
from tests.store.fixtures import StoreSpec


def test_policy_grant_show_revoke(cli_env: StoreSpec, tmp_path: Path) -> None:
    assert "alice in dev may write to: nothing (read-only)" in run("policy", "show").output
    granted = run("policy", "grant", "--toolset", "invoicing")
    assert granted.exit_code == 0
    assert "Granted writes to toolset 'invoicing' for alice in dev." in granted.output
    assert "already may write" in run("policy", "grant", "--toolset", "invoicing").output
    shown = run("policy", "show")
    assert "database" in shown.output and "may write to: toolset 'invoicing'" in shown.output
    assert run("policy", "revoke", "--toolset", "invoicing").exit_code == 0
    missing = run("policy", "revoke", "--toolset", "invoicing")
    assert missing.exit_code == 1 and "has no stored grant" in missing.output


def test_policy_file_grants_are_shown_and_not_revocable(cli_env: StoreSpec, tmp_path: Path) -> None:
    (tmp_path / "policy.toml").write_text(
        '[[grant]]\nuser = "alice"\nenv = "dev"\ntools = ["harvest_invoices_send"]\n'
    )
    assert "file" in run("policy", "show").output
    refused = run("policy", "revoke", "--tool", "harvest_invoices_send")
    assert refused.exit_code == 1 and "remove it there" in refused.output
    both = run("policy", "grant", "--tool", "a", "--toolset", "b")
    assert both.exit_code == 1 and "exactly one of --toolset or --tool" in both.output


def test_broken_policy_file_is_reported(cli_env: StoreSpec, tmp_path: Path) -> None:
    (tmp_path / "policy.toml").write_text("[[grant]\n")
    result = run("policy", "show")
    assert result.exit_code == 1 and "policy.toml" in result.output


def test_keys_create_list_revoke(cli_env: StoreSpec) -> None:
    created = run("keys", "create", "--name", "laptop", "--env", "prod")
    assert created.exit_code == 0
    key = created.output.strip().splitlines()[-1]
    store = cli_env.open()
    identity = ApiKeyStore(store).verify(key)
    assert (identity.user, identity.env) == ("alice", "prod")
    listed = run("keys", "list").output
    assert identity.prefix in listed and "laptop" in listed and key not in listed
    assert run("keys", "list", "--user", "bob").output.strip() == "No API keys."
    other = run("keys", "revoke", identity.prefix, "--user", "bob")
    assert other.exit_code == 1 and "no active API key of bob" in other.output
    assert run("keys", "revoke", identity.prefix).exit_code == 0
    assert ApiKeyStore(store).list() == []
    store.close()


def _audited(spec: StoreSpec) -> None:
    store = spec.open()
    log = AuditLog(store)
    now = datetime.now(UTC)
    outcomes: list[Outcome] = ["ok", "ok", "error", "refused"]
    for n, outcome in enumerate(outcomes, 1):
        log.append(
            AuditEntry(
                "alice",
                "dev",
                "log_time",
                outcome,
                arguments={"hours": n, "api_token": "tok-9"},
                requests=[HarvestRequest("POST", "/v2/time_entries", 201, f"req-{n}")],
                duration=n / 100,
                at=now,
            )
        )
    store.close()


def test_audit_list_show_verify_export_and_stats(cli_env: StoreSpec, tmp_path: Path) -> None:
    _audited(cli_env)
    listed = run("audit", "list", "--since", "1h")
    assert listed.exit_code == 0 and "→ 201" in listed.output and "refused" in listed.output
    shown = json.loads(run("audit", "show", "2").output)
    assert shown["arguments"] == {"api_token": "**********", "hours": 2}
    assert run("audit", "show", "9").exit_code == 1
    assert "Audit trail intact: 4 records" in run("audit", "verify").output
    out = tmp_path / "audit.csv"
    assert run("audit", "export", "--format", "csv", "-o", str(out)).exit_code == 0
    assert len(out.read_text().splitlines()) == 5
    exported = run("audit", "export", "--format", "jsonl")
    lines = exported.stdout.splitlines()
    assert [json.loads(line)["seq"] for line in lines] == [1, 2, 3, 4]
    assert exported.stderr.startswith("Audit trail head 4:")
    assert run("audit", "export", "--format", "xml").exit_code == 1
    stats = run("stats", "--since", "24h").output
    assert "log_time" in stats and "33.3%" in stats  # 2 ok and 1 error; the refusal not counted
    assert run("stats", "--since", "not-a-time").exit_code == 1


def test_audit_verify_fails_on_tampering(cli_env: StoreSpec) -> None:
    _audited(cli_env)
    store = cli_env.open()
    with store.transaction() as conn:
        conn.execute(update(audit_records).where(audit_records.c.seq == 2).values(error="hidden"))
    store.close()
    result = run("audit", "verify")
    assert result.exit_code == 1
    assert (
        "audit trail broken at record 2: record 2 was changed after it was written" in result.output
    )
