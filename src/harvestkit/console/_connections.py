"""Connections: each person's Harvest personal access token per environment, in the vault.

Saving or rotating a token first asks Harvest ID who it belongs to and which accounts it
reaches (as ``harvestkit auth login`` does); "test" asks again with the stored token.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from harvestkit.api import HarvestError
from harvestkit.api.types.identity import Accounts
from harvestkit.auth import CredentialError, DecryptionError, Secret, TokenSet, Vault

from ._web import checked_form, page, redirect, services, signed_in

__all__ = ["ROUTES"]


class ConnectionProblem(Exception):
    """Something to tell the person on the Connections page."""


def _vault(request: Request) -> Vault:
    vault = services(request).vault
    if vault is None:
        raise ConnectionProblem("the credential vault is not available (no secret key)")
    return vault


def _describe(found: Accounts) -> dict[str, Any]:
    who = found.user
    name = " ".join(p for p in (who.first_name, who.last_name) if p) if who else ""
    return {
        "user": name or "(unnamed)",
        "email": who.email if who else None,
        "accounts": [{"id": a.id, "name": a.name or "(unnamed)"} for a in found.accounts],
    }


async def _reachable(request: Request, token: Secret) -> Accounts:
    found = await services(request).whoami(token)
    found.accounts = [a for a in found.accounts if a.product in (None, "harvest")]
    if not found.accounts:
        raise ConnectionProblem("the token reaches no Harvest account")
    return found


async def connections(request: Request, message: dict[str, Any] | None = None) -> Response:
    session = signed_in(request)
    rows, problem = [], None
    try:
        rows = _vault(request).list(session.person.name)
    except (CredentialError, ConnectionProblem, DecryptionError) as exc:
        problem = str(exc)
    context = {"credentials": rows, "problem": problem, "message": message, "tab": "connections"}
    status = 200 if message is None or message.get("ok") else 400
    return page(request, "connections.html", context, status)


async def save(request: Request) -> Response:
    """Connect or rotate: a new token for one environment, checked first."""
    session = signed_in(request)
    form = await checked_form(request)
    env = str(form.get("env", "")).strip() or services(request).env
    token = Secret(str(form.get("token", "")).strip())
    try:
        if not token.reveal():
            raise ConnectionProblem("paste a personal access token")
        found = await _reachable(request, token)
        vault = _vault(request)
        wanted = str(form.get("account_id", "")).strip()
        ids = [a.id for a in found.accounts]
        default = int(wanted) if wanted.isdigit() and int(wanted) in ids else ids[0]
        vault.save(
            session.person.name,
            env,
            "pat",
            TokenSet(token),
            account_ids=ids,
            default_account_id=default,
            harvest_user_id=found.user.id if found.user else None,
        )
    except (CredentialError, ConnectionProblem, DecryptionError, HarvestError, ValueError) as exc:
        return await connections(request, {"ok": False, "text": _said(exc)})
    return await connections(
        request, {"ok": True, "text": f"Connected {env}", "who": _describe(found), "env": env}
    )


async def test(request: Request) -> Response:
    session = signed_in(request)
    form = await checked_form(request)
    env = str(form.get("env", ""))
    try:
        vault = _vault(request)
        found = await _reachable(request, vault.access_token(session.person.name, env))
    except (CredentialError, ConnectionProblem, DecryptionError, HarvestError) as exc:
        return await connections(request, {"ok": False, "text": f"{env}: {_said(exc)}"})
    text = f"{env} works"
    return await connections(request, {"ok": True, "text": text, "who": _describe(found)})


async def revoke(request: Request) -> Response:
    session = signed_in(request)
    form = await checked_form(request)
    env = str(form.get("env", ""))
    try:
        _vault(request).revoke(session.person.name, env)
    except (CredentialError, ConnectionProblem, DecryptionError) as exc:
        return await connections(request, {"ok": False, "text": _said(exc)})
    return redirect(request, "connections")


def _said(exc: Exception) -> str:
    if isinstance(exc, HarvestError):
        return f"Harvest ID did not accept the token: {exc.message or type(exc).__name__}"
    return str(exc)


async def _list(request: Request) -> Response:
    return await connections(request)


ROUTES = [
    Route("/connections", _list, name="connections"),
    Route("/connections/save", save, methods=["POST"], name="connections_save"),
    Route("/connections/test", test, methods=["POST"], name="connections_test"),
    Route("/connections/revoke", revoke, methods=["POST"], name="connections_revoke"),
]
