"""Where grants come from: a TOML policy file and the database.

Policy file (``HARVESTKIT_POLICY_FILE``, else ``policy.toml`` in the user config dir)::

    [[grant]]                      # write access; "*" matches every user or environment
    user = "alice"
    env = "prod"
    toolsets = ["invoicing"]
    tools = ["harvest_time_entries_create"]

    [[allowlist]]                  # bob sees only these tools in prod
    user = "bob"
    env = "prod"
    tools = ["harvest_projects_list", "budget_status"]

    [[confirm]]                    # destructive | moves_money | a tool name
    applies_to = "moves_money"
    mode = "above"                 # always | above | never
    amount = "500"
    env = "prod"                   # optional; default every environment

Grants added with ``harvestkit policy grant`` live in the database; both sources count.
"""

from __future__ import annotations

import os
import time
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Literal

from platformdirs import user_config_path
from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import delete, insert, select

from ..store import Store, bump_access_version, policy_grants
from ._decide import ANY, ConfirmMode, ConfirmRule, Grant, Principal

__all__ = ["POLICY_FILE_ENV", "Policy", "PolicyDocument", "PolicyFileError", "default_policy_path"]

POLICY_FILE_ENV = "HARVESTKIT_POLICY_FILE"


class PolicyFileError(ValueError):
    """The policy file is not valid TOML or does not follow the format."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _GrantEntry(_Strict):
    user: str
    env: str
    toolsets: list[str] = []
    tools: list[str] = []


class _AllowEntry(_Strict):
    user: str
    env: str
    tools: list[str]


class _ConfirmEntry(_Strict):
    applies_to: str
    mode: Literal["always", "above", "never"]
    amount: Decimal | None = None
    env: str = ANY


class _File(_Strict):
    grant: list[_GrantEntry] = []
    allowlist: list[_AllowEntry] = []
    confirm: list[_ConfirmEntry] = []


@dataclass(frozen=True)
class PolicyDocument:
    """The parsed policy file."""

    grants: tuple[Grant, ...] = ()
    allowlists: tuple[tuple[str, str, frozenset[str]], ...] = ()
    confirm_rules: tuple[tuple[str, ConfirmRule], ...] = ()
    """(environment or "*", rule) pairs."""

    @classmethod
    def parse(cls, text: str, source: str = "policy file") -> PolicyDocument:
        """Parse TOML text; errors name ``source`` and the offending entry."""
        try:
            parsed = _File.model_validate(tomllib.loads(text))
        except (tomllib.TOMLDecodeError, ValidationError) as exc:
            raise PolicyFileError(f"{source}: {exc}") from None
        grants = [Grant(g.user, g.env, toolset=s) for g in parsed.grant for s in g.toolsets]
        grants += [Grant(g.user, g.env, tool=t) for g in parsed.grant for t in g.tools]
        try:
            rules = tuple(
                (c.env, ConfirmRule(c.applies_to, _mode(c.mode), c.amount)) for c in parsed.confirm
            )
        except ValueError as exc:
            raise PolicyFileError(f"{source}: {exc}") from None
        allow = tuple((a.user, a.env, frozenset(a.tools)) for a in parsed.allowlist)
        return cls(tuple(grants), allow, rules)

    @classmethod
    def load(cls, path: Path) -> PolicyDocument:
        """Read and parse the file at ``path`` (an absent file is an empty policy)."""
        if not path.exists():
            return cls()
        return cls.parse(path.read_text(encoding="utf-8"), str(path))


def _mode(mode: str) -> ConfirmMode:
    return "always" if mode == "always" else "above" if mode == "above" else "never"


def default_policy_path() -> Path:
    """``HARVESTKIT_POLICY_FILE``, else ``policy.toml`` in the user config directory."""
    configured = os.environ.get(POLICY_FILE_ENV)
    return Path(configured) if configured else user_config_path("harvestkit") / "policy.toml"


def _matches(pattern: str, value: str) -> bool:
    return pattern in (ANY, value)


class Policy:
    """Grants from the policy file and the database, resolved into ``Principal`` values."""

    def __init__(self, store: Store | None = None, document: PolicyDocument | None = None) -> None:
        self.store = store
        self.document = document or PolicyDocument()
        self._principals: dict[tuple[str, str], tuple[int, Principal]] = {}

    @property
    def reads_locally(self) -> bool:
        """Whether `principal` answers without a network round trip (no store, or SQLite),
        so an event loop may call it directly instead of in a worker thread."""
        return self.store is None or self.store.dialect == "sqlite"

    def principal(self, user: str, env: str) -> Principal:
        """Everything that applies to ``user`` in ``env``, ready for ``decide``.

        Cached per principal; each call reads only the store's access version (one
        number), and reads the grants again when it moved, so a revocation counts from the
        next call on, in every process sharing the store.
        """
        version = self.version()  # read first: a grant changed after it shows next time
        cached = self._principals.get((user, env))
        if cached is not None and cached[0] == version:
            return cached[1]
        principal = self._resolve(user, env)
        self._principals[(user, env)] = (version, principal)
        return principal

    def version(self) -> int:
        """The store's access version: it moves whenever a grant is added or removed (and
        with every change of API keys and credentials)."""
        if self.store is None:
            return 0
        return self.store.access_version()

    def _resolve(self, user: str, env: str) -> Principal:
        grants = [g for g in self.grants() if _matches(g.user, user) and _matches(g.env, env)]
        lists = [(u, e, t) for u, e, t in self.document.allowlists if _matches(u, user)]
        lists = [(u, e, t) for u, e, t in lists if _matches(e, env)]
        allowlist = None
        if lists:
            # The most specific allowlist wins: exact user beats "*", then exact env.
            lists.sort(key=lambda entry: (entry[0] != ANY, entry[1] != ANY))
            allowlist = lists[-1][2]
        rules = tuple(rule for e, rule in self.document.confirm_rules if _matches(e, env))
        return Principal(user, env, tuple(grants), allowlist, rules)

    def grants(self) -> list[Grant]:
        """Every grant: the policy file's, then the database's."""
        return list(self.document.grants) + self.stored_grants()

    def stored_grants(self) -> list[Grant]:
        """The grants kept in the database."""
        if self.store is None:
            return []
        t = policy_grants
        query = select(t.c.user, t.c.env, t.c.target_kind, t.c.target).order_by(t.c.id)
        with self.store.read() as conn:
            rows = conn.execute(query).all()
        return [
            Grant(u, e, toolset=target) if kind == "toolset" else Grant(u, e, tool=target)
            for u, e, kind, target in rows
        ]

    def grant(self, grant: Grant) -> bool:
        """Store ``grant`` in the database; ``False`` if it was already there."""
        if grant in self.grants():
            return False
        kind, target = _target(grant)
        with self._require_store().transaction() as conn:
            conn.execute(
                insert(policy_grants).values(
                    user=grant.user,
                    env=grant.env,
                    target_kind=kind,
                    target=target,
                    created_at=time.time(),
                )
            )
            bump_access_version(conn)
        return True

    def revoke(self, grant: Grant) -> bool:
        """Remove ``grant`` from the database; ``False`` if it was not stored there.

        Grants written in the policy file can only be removed by editing the file.
        """
        kind, target = _target(grant)
        t = policy_grants
        with self._require_store().transaction() as conn:
            result = conn.execute(
                delete(t).where(
                    t.c.user == grant.user,
                    t.c.env == grant.env,
                    t.c.target_kind == kind,
                    t.c.target == target,
                )
            )
            bump_access_version(conn)
        return result.rowcount > 0

    def _require_store(self) -> Store:
        if self.store is None:
            raise RuntimeError("this policy has no store; grants can only come from the file")
        return self.store


def _target(grant: Grant) -> tuple[str, str]:
    if grant.toolset is not None:
        return "toolset", grant.toolset
    assert grant.tool is not None  # a Grant names exactly one of the two
    return "tool", grant.tool
