"""`harvestkit policy`: see and change who may write with which tools."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from harvestkit.governance import (
    Grant,
    Policy,
    PolicyDocument,
    PolicyFileError,
    default_policy_path,
)

from ._people import EnvOption, UserOption, console, default_env, default_user, fail, store

app = typer.Typer(help="Least-privilege policy: read-only unless a write grant says otherwise.")

ToolsetOption = Annotated[
    str | None, typer.Option("--toolset", help="Grant writes to every tool of this toolset.")
]
ToolOption = Annotated[str | None, typer.Option("--tool", help="Grant writes to this one tool.")]


def _policy() -> Policy:
    path = default_policy_path()
    try:
        return Policy(store(), PolicyDocument.load(path))
    except PolicyFileError as exc:
        fail(str(exc))


def _grant(user: str | None, env: str | None, toolset: str | None, tool: str | None) -> Grant:
    try:
        return Grant(user or default_user(), env or default_env(), toolset=toolset, tool=tool)
    except ValueError:
        fail("name exactly one of --toolset or --tool")


@app.command()
def show(user: UserOption = None, env: EnvOption = None) -> None:
    """Every grant, and what applies to one user in one environment."""
    policy = _policy()
    user, env = user or default_user(), env or default_env()
    console.print(f"Policy file: {default_policy_path()}")
    table = Table("source", "user", "env", "writes to")
    for grant in policy.document.grants:
        table.add_row("file", grant.user, grant.env, grant.describe())
    for grant in policy.stored_grants():
        table.add_row("database", grant.user, grant.env, grant.describe())
    console.print(table if table.rows else "No write grants: every user is read-only.")
    principal = policy.principal(user, env)
    writes = ", ".join(g.describe() for g in principal.grants) or "nothing (read-only)"
    console.print(f"{user} in {env} may write to: {writes}")
    if principal.allowlist is not None:
        console.print(f"{user} in {env} sees only: {', '.join(sorted(principal.allowlist))}")
    for rule in principal.confirm_rules:
        amount = f" {rule.amount}" if rule.amount is not None else ""
        console.print(f"confirm {rule.applies_to}: {rule.mode}{amount}")


@app.command()
def grant(
    user: UserOption = None,
    env: EnvOption = None,
    toolset: ToolsetOption = None,
    tool: ToolOption = None,
) -> None:
    """Allow a user to write with a toolset or a tool in an environment ("*" for every)."""
    wanted = _grant(user, env, toolset, tool)
    if _policy().grant(wanted):
        console.print(f"Granted writes to {wanted.describe()} for {wanted.user} in {wanted.env}.")
    else:
        console.print(f"{wanted.user} in {wanted.env} already may write to {wanted.describe()}.")


@app.command()
def revoke(
    user: UserOption = None,
    env: EnvOption = None,
    toolset: ToolsetOption = None,
    tool: ToolOption = None,
) -> None:
    """Take back a grant made with `harvestkit policy grant`."""
    wanted = _grant(user, env, toolset, tool)
    policy = _policy()
    if policy.revoke(wanted):
        console.print(f"Revoked writes to {wanted.describe()} for {wanted.user} in {wanted.env}.")
    elif wanted in policy.document.grants:
        fail(f"that grant is in the policy file {default_policy_path()}; remove it there")
    else:
        fail(f"{wanted.user} in {wanted.env} has no stored grant on {wanted.describe()}")
