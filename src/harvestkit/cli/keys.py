"""`harvestkit keys`: API keys for the HTTP transport, one user and environment each."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from harvestkit.governance import ApiKeyStore

from ._people import EnvOption, UserOption, console, default_env, default_user, fail, store, when

app = typer.Typer(help="API keys for the HTTP transport: create, list, revoke.")


@app.command()
def create(
    user: UserOption = None,
    env: EnvOption = None,
    name: Annotated[str, typer.Option("--name", help="What the key is for.")] = "",
) -> None:
    """Make a key; it is shown once and only its hash is kept."""
    user, env = user or default_user(), env or default_env()
    key, info = ApiKeyStore(store()).create(user, env, name)
    console.print(f"API key {info.prefix} for {user} in {env} (shown once; store it safely):")
    console.print(key.reveal(), soft_wrap=True)


@app.command("list")
def list_(
    user: UserOption = None,
    all_users: Annotated[bool, typer.Option("--all", help="Keys of every user.")] = False,
    revoked: Annotated[bool, typer.Option("--revoked", help="Include revoked keys.")] = False,
) -> None:
    """Keys by prefix, owner and last use (never the keys themselves)."""
    owner = None if all_users else user or default_user()
    keys = ApiKeyStore(store()).list(owner, include_revoked=revoked)
    if not keys:
        console.print("No API keys.")
        return
    table = Table("prefix", "user", "env", "name", "created", "last used", "revoked")
    for k in keys:
        table.add_row(
            k.prefix,
            k.user,
            k.env,
            k.name or "-",
            when(k.created_at),
            when(k.last_used_at),
            when(k.revoked_at),
        )
    console.print(table)


@app.command()
def revoke(
    prefix: Annotated[str, typer.Argument(help="The key's prefix, as `keys list` shows it.")],
    user: UserOption = None,
    any_user: Annotated[bool, typer.Option("--any-user", help="Revoke whoever owns it.")] = False,
) -> None:
    """Revoke a key at once."""
    owner = None if any_user else user or default_user()
    if not ApiKeyStore(store()).revoke(prefix, user=owner):
        whose = "" if owner is None else f" of {owner}"
        fail(f"no active API key{whose} with prefix {prefix}")
    console.print(f"Revoked API key {prefix}.")
