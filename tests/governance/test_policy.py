"""Policy sources: the TOML file and the database, resolved per user and environment."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import event

from harvestkit.governance import (
    ConfirmRule,
    Grant,
    Policy,
    PolicyDocument,
    PolicyFileError,
    ToolFacts,
    decide,
)
from harvestkit.store import Store

POLICY = """
[[grant]]
user = "alice"
env = "prod"
toolsets = ["invoicing"]

[[grant]]
user = "*"
env = "dev"
toolsets = ["time_tracking"]
tools = ["harvest_projects_create"]

[[allowlist]]
user = "*"
env = "prod"
tools = ["harvest_projects_list"]

[[allowlist]]
user = "alice"
env = "prod"
tools = ["harvest_projects_list", "harvest_invoices_create"]

[[confirm]]
applies_to = "moves_money"
mode = "above"
amount = "250"
env = "prod"

[[confirm]]
applies_to = "destructive"
mode = "never"
env = "dev"
"""

CREATE_INVOICE = ToolFacts("harvest_invoices_create", "invoicing", read_only=False)
CREATE_ENTRY = ToolFacts("harvest_time_entries_create", "time_tracking", read_only=False)


def test_file_grants_apply_per_user_and_env() -> None:
    policy = Policy(document=PolicyDocument.parse(POLICY))
    assert decide(policy.principal("alice", "prod"), CREATE_INVOICE, {}).allowed
    assert not decide(policy.principal("alice", "dev"), CREATE_INVOICE, {}).allowed
    assert not decide(policy.principal("bob", "prod"), CREATE_INVOICE, {}).allowed
    # "*" grants reach every user, but only in their environment.
    assert decide(policy.principal("bob", "dev"), CREATE_ENTRY, {}).allowed
    assert not decide(policy.principal("bob", "staging"), CREATE_ENTRY, {}).allowed


def test_most_specific_allowlist_wins() -> None:
    policy = Policy(document=PolicyDocument.parse(POLICY))
    assert policy.principal("alice", "prod").allowlist == frozenset(
        {
            "harvest_projects_list",
            "harvest_invoices_create",
        }
    )
    assert policy.principal("bob", "prod").allowlist == frozenset({"harvest_projects_list"})
    assert policy.principal("bob", "dev").allowlist is None


def test_confirm_rules_are_per_env() -> None:
    policy = Policy(document=PolicyDocument.parse(POLICY))
    assert policy.principal("alice", "prod").confirm_rules == (
        ConfirmRule("moves_money", "above", Decimal(250)),
    )
    assert policy.principal("alice", "dev").confirm_rules == (ConfirmRule("destructive", "never"),)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[grant]\n", "policy.toml"),
        ('[[grant]]\nuser = "a"\nenv = "b"\ntoolset = "typo"\n', "toolset"),
        ('[[confirm]]\napplies_to = "destructive"\nmode = "sometimes"\n', "mode"),
        ('[[confirm]]\napplies_to = "moves_money"\nmode = "above"\n', "needs an amount"),
    ],
)
def test_bad_policy_files_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(PolicyFileError, match=message):
        PolicyDocument.parse(text, "policy.toml")


def test_absent_file_is_an_empty_policy(tmp_path: Path) -> None:
    assert PolicyDocument.load(tmp_path / "missing.toml") == PolicyDocument()
    path = tmp_path / "policy.toml"
    path.write_text(POLICY)
    assert len(PolicyDocument.load(path).grants) == 3


def test_database_grants_add_to_the_file(store: Store) -> None:
    policy = Policy(store, PolicyDocument.parse(POLICY))
    bob = Grant("bob", "staging", toolset="invoicing")
    assert policy.grant(bob) is True
    assert policy.grant(bob) is False
    assert decide(policy.principal("bob", "staging"), CREATE_INVOICE, {}).allowed
    assert policy.stored_grants() == [bob]
    assert policy.revoke(bob) is True
    assert policy.revoke(bob) is False
    assert not decide(policy.principal("bob", "staging"), CREATE_INVOICE, {}).allowed


def test_tool_grants_in_the_database(store: Store) -> None:
    policy = Policy(store)
    policy.grant(Grant("carol", "*", tool="harvest_time_entries_create"))
    assert decide(policy.principal("carol", "prod"), CREATE_ENTRY, {}).allowed
    assert decide(policy.principal("carol", "dev"), CREATE_ENTRY, {}).allowed
    assert not decide(policy.principal("dave", "dev"), CREATE_ENTRY, {}).allowed


def test_file_grants_cannot_be_revoked_from_the_database(store: Store) -> None:
    policy = Policy(store, PolicyDocument.parse(POLICY))
    assert policy.revoke(Grant("alice", "prod", toolset="invoicing")) is False
    assert decide(policy.principal("alice", "prod"), CREATE_INVOICE, {}).allowed


def _statements(store: Store) -> list[str]:
    """The SQL statements run on `store` from now on (a list filled as they happen)."""
    seen: list[str] = []

    def note(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", note)
    return seen


def test_a_known_principal_costs_one_version_read(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = Policy(store, PolicyDocument.parse(POLICY))
    policy.grant(Grant("bob", "staging", toolset="invoicing"))
    first = policy.principal("bob", "staging")
    versions: list[int] = []
    read_version = store.access_version
    monkeypatch.setattr(store, "access_version", lambda: _noted(versions, read_version()))
    statements = _statements(store)
    for _ in range(3):
        assert policy.principal("bob", "staging") is first
    assert len(versions) == 3
    # Nothing else is read (PostgreSQL reads the version through the engine, SQLite beside it).
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert all("hk_policy_version" in s for s in reads)


def _noted(seen: list[int], value: int) -> int:
    seen.append(value)
    return value


def test_a_revocation_counts_from_the_next_call_in_every_process(store: Store) -> None:
    serving = Policy(store, PolicyDocument.parse(POLICY))  # a server's, principals cached
    admin = Policy(Store(store.url, schema=store.schema))  # `harvestkit policy revoke`'s
    bob = Grant("bob", "staging", toolset="invoicing")
    admin.grant(bob)
    assert decide(serving.principal("bob", "staging"), CREATE_INVOICE, {}).allowed
    assert decide(serving.principal("bob", "staging"), CREATE_INVOICE, {}).allowed
    admin.revoke(bob)
    assert not decide(serving.principal("bob", "staging"), CREATE_INVOICE, {}).allowed
    admin.grant(bob)
    assert decide(serving.principal("bob", "staging"), CREATE_INVOICE, {}).allowed
    admin.store.close()  # type: ignore[union-attr]
