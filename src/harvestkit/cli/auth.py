"""`harvestkit auth`: log in to Harvest and manage the stored credentials."""

from __future__ import annotations

import os
import sys
import webbrowser
from typing import Annotated

import typer
from rich.table import Table

from harvestkit.api import HarvestError, OAuthClient
from harvestkit.api.types.identity import Account, Accounts
from harvestkit.auth import (
    CLIENT_ID_ENV,
    CLIENT_SECRET_ENV,
    DEFAULT_REDIRECT_URI,
    SECRET_KEY_ENV,
    CredentialError,
    CredentialKind,
    DecryptionError,
    LoopbackLogin,
    OAuthLoginError,
    Secret,
    SecretKeyError,
    TokenSet,
    Vault,
    identity_url,
    list_accounts,
    open_vault,
)

from ._people import EnvOption, UserOption, console, default_env, default_user, fail, store, when

app = typer.Typer(help="Harvest credentials: log in, list, switch account, revoke, rotate.")

PAT_ENV = "HARVEST_ACCESS_TOKEN"
TokenOption = Annotated[
    str | None,
    typer.Option(
        "--token",
        hidden=True,
        help="Refused: a token in the arguments shows in the process list and shell history.",
    ),
]
TokenStdinOption = Annotated[
    bool,
    typer.Option(
        "--token-stdin",
        help=f"Read the personal access token from the first line of standard input. "
        f"Otherwise it comes from {PAT_ENV}, or is asked for, hidden.",
    ),
]
AccountOption = Annotated[
    int | None, typer.Option("--account-id", help="Harvest account to use by default.")
]


def _vault() -> Vault:
    try:
        return open_vault(store())
    except SecretKeyError as exc:
        fail(str(exc))


def _undecryptable(exc: DecryptionError) -> str:
    return (
        f"{exc}. Was {SECRET_KEY_ENV} or the key file changed? With the original key the "
        "credentials read again; otherwise run `harvestkit auth login` again."
    )


def _reachable(token: Secret) -> Accounts:
    try:
        found = list_accounts(token, identity_url=identity_url())
    except HarvestError as exc:
        fail(f"Harvest ID did not accept the token: {exc.message or exc}")
    found.accounts = [a for a in found.accounts if a.product in (None, "harvest")]
    if not found.accounts:
        fail("the token reaches no Harvest account")
    return found


def _choose(accounts: list[Account], wanted: int | None) -> Account:
    if wanted is not None:
        for account in accounts:
            if account.id == wanted:
                return account
        ids = ", ".join(str(a.id) for a in accounts)
        fail(f"account {wanted} is not reachable with this token; it reaches {ids}")
    if len(accounts) == 1:
        return accounts[0]
    for number, account in enumerate(accounts, 1):
        console.print(f"  {number}. {account.name or '(unnamed)'} ({account.id})")
    while True:
        picked: int = typer.prompt("Which account (number)", type=int)
        if 1 <= picked <= len(accounts):
            return accounts[picked - 1]
        console.print(f"Choose a number from 1 to {len(accounts)}.")


def _token(given: str | None, from_stdin: bool) -> Secret:
    """The PAT from standard input, the environment or a hidden prompt: never from the
    arguments, which any local user can read in the process list."""
    if given is not None:
        fail(
            "--token would show the token in the process list and shell history; use "
            f"--token-stdin, set {PAT_ENV}, or leave both out to be asked (hidden)"
        )
    if from_stdin:
        value = sys.stdin.readline().strip()
        if not value:
            fail("--token-stdin: standard input held no token")
        return Secret(value)
    if os.environ.get(PAT_ENV):
        return Secret(os.environ[PAT_ENV])
    return Secret(typer.prompt("Personal access token", hide_input=True))


def _browser_login(redirect_uri: str, open_browser: bool) -> TokenSet:
    client_id, secret = os.environ.get(CLIENT_ID_ENV), os.environ.get(CLIENT_SECRET_ENV)
    if not client_id or not secret:
        fail(
            f"browser login needs your Harvest OAuth2 application: set {CLIENT_ID_ENV} and "
            f"{CLIENT_SECRET_ENV} (its Redirect URL must start with {redirect_uri})"
        )
    try:
        flow = LoopbackLogin(
            OAuthClient(client_id, secret, identity_url=identity_url()), redirect_uri=redirect_uri
        )
    except (OSError, ValueError) as exc:
        fail(f"cannot listen on {redirect_uri}: {exc}")
    console.print(f"Open this page to let harvestkit use your Harvest account:\n{flow.url}")
    if open_browser:
        webbrowser.open(flow.url)
    try:
        return flow.wait()
    except (OAuthLoginError, HarvestError) as exc:
        fail(str(exc))


@app.command()
def login(
    token: TokenOption = None,
    token_stdin: TokenStdinOption = False,
    account_id: AccountOption = None,
    env: EnvOption = None,
    user: UserOption = None,
    oauth: Annotated[
        bool, typer.Option("--oauth", help="Log in in the browser (OAuth2) instead of a PAT.")
    ] = False,
    redirect_uri: Annotated[
        str, typer.Option(help="Loopback address Harvest ID redirects the browser to (--oauth).")
    ] = DEFAULT_REDIRECT_URI,
    browser: Annotated[
        bool, typer.Option("--browser/--no-browser", help="Open the login page (--oauth).")
    ] = True,
) -> None:
    """Store a credential, after checking which Harvest accounts it reaches."""
    user, env = user or default_user(), env or default_env()
    kind: CredentialKind = "oauth" if oauth else "pat"
    tokens = (
        _browser_login(redirect_uri, browser) if oauth else TokenSet(_token(token, token_stdin))
    )
    found = _reachable(tokens.access_token)
    chosen = _choose(found.accounts, account_id)
    _vault().save(
        user,
        env,
        kind,
        tokens,
        account_ids=[a.id for a in found.accounts],
        default_account_id=chosen.id,
        harvest_user_id=found.user.id if found.user else None,
    )
    owner = found.user.email if found.user and found.user.email else "the token's owner"
    console.print(
        f"Logged in {user} in {env} as {owner}; "
        f"default account {chosen.name or chosen.id} ({chosen.id})."
    )


@app.command("list")
def list_(user: UserOption = None) -> None:
    """Show stored credentials (never the tokens)."""
    try:
        credentials = _vault().list(user)
    except DecryptionError as exc:
        fail(_undecryptable(exc))
    if not credentials:
        console.print("No credentials stored; run `harvestkit auth login`.")
        return
    table = Table("user", "env", "kind", "status", "default account", "accounts", "expires")
    for c in credentials:
        table.add_row(
            c.user,
            c.env,
            c.kind,
            c.status,
            str(c.default_account_id or "-"),
            ", ".join(str(a) for a in c.account_ids) or "-",
            when(c.expires_at),
        )
    console.print(table)


@app.command()
def use(
    account_id: Annotated[int, typer.Argument(help="Harvest account id to use by default.")],
    env: EnvOption = None,
    user: UserOption = None,
) -> None:
    """Switch the default Harvest account of a credential."""
    user, env = user or default_user(), env or default_env()
    try:
        _vault().use(user, env, account_id)
    except (CredentialError, ValueError) as exc:
        fail(str(exc))
    except DecryptionError as exc:
        fail(_undecryptable(exc))
    console.print(f"{user} in {env} now acts in account {account_id}.")


@app.command()
def revoke(env: EnvOption = None, user: UserOption = None) -> None:
    """Forget a credential's tokens (log in again to replace them)."""
    user, env = user or default_user(), env or default_env()
    try:
        _vault().revoke(user, env)
    except CredentialError as exc:
        fail(str(exc))
    except DecryptionError as exc:
        fail(_undecryptable(exc))
    console.print(
        f"Revoked the credential of {user} in {env}. Also revoke the token itself in Harvest "
        "(Developers page) if it may have leaked."
    )


@app.command()
def rotate(
    token: TokenOption = None,
    token_stdin: TokenStdinOption = False,
    env: EnvOption = None,
    user: UserOption = None,
) -> None:
    """Replace a PAT with a new one (same accounts check), or refresh an OAuth token now."""
    user, env = user or default_user(), env or default_env()
    vault = _vault()
    try:
        current = vault.get(user, env)
        if current.kind == "oauth":
            vault.refresh(user, env, rejected=current.access_token)
            console.print(f"Refreshed the OAuth token of {user} in {env}.")
            return
    except CredentialError as exc:
        fail(str(exc))
    except DecryptionError as exc:
        fail(_undecryptable(exc))
    secret = _token(token, token_stdin)
    found = _reachable(secret)
    reachable = [a.id for a in found.accounts]
    default = (
        current.default_account_id if current.default_account_id in reachable else reachable[0]
    )
    vault.save(
        user,
        env,
        "pat",
        TokenSet(secret),
        account_ids=reachable,
        default_account_id=default,
        harvest_user_id=found.user.id if found.user else current.harvest_user_id,
    )
    console.print(f"Rotated the token of {user} in {env}; default account {default}.")
