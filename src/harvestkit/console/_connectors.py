"""Connectors: the consent page of harvestkit's OAuth authorization server, and the list of
connections (clients people let act as them), each revocable.

An MCP client sends the browser to ``/authorize``; the authorization server keeps the
request and sends it here. The person signs in (the console's own sign-in, then back
here), reads which client asks, which harvestkit user it will act as, in which environment,
and with which grants, and approves or declines. Approving issues a code bound to that
person; the browser goes back to the client's redirect URI either way.

A connection gets what the client asked for as far as the person holds it: reading always,
``harvest:write`` only for a person with a write grant in the environment (a client asking
to write for someone without one is told so and may read; the token's ``scope`` says what
it got, RFC 6749 §3.3). The person may also allow reading only. A client that names no
scope is treated as asking for both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from harvestkit.mcp.oauth import READ, WRITE, ConnectorProvider, PendingAuthorization

from ._access import grant_in_words
from ._people import Session
from ._web import CSP, checked_form, current, page, redirect, services, signed_in

__all__ = ["ROUTES"]


def _provider(request: Request) -> ConnectorProvider:
    provider = services(request).connectors
    if provider is None:
        raise HTTPException(404, "this server has no OAuth sign-in for MCP clients")
    return provider


@dataclass(frozen=True)
class Offer:
    """What allowing would grant: the scopes, and the person's grants behind writing."""

    scopes: list[str]
    grants: list[str]
    """The person's write grants in the environment, in words."""
    withheld: str | None
    """Why writing, asked for, is not offered (the person holds no write grant)."""


def _offer(request: Request, pending: PendingAuthorization, session: Session) -> Offer:
    svc = services(request)
    user = session.person.name
    grants = [grant_in_words(grant) for grant in svc.policy.principal(user, svc.env).grants]
    asked = pending.scopes if pending.scopes is not None else [READ, WRITE]
    if WRITE not in asked:
        return Offer([READ], grants, None)
    if not grants:
        why = (
            f"{pending.client_name} asks to write to Harvest, but {user} holds no write grant "
            f"in {svc.env}: it may only read"
        )
        return Offer([READ], grants, why)
    return Offer([READ, WRITE], grants, None)


async def consent(request: Request) -> Response:
    provider = _provider(request)
    request_id = request.path_params["request_id"]
    pending = await provider.pending(request_id)
    if pending is None:
        raise HTTPException(
            404, "this sign-in request has expired or was answered; start again from your client"
        )
    session = current(request)
    if session is None:
        target = request.url_for("login").include_query_params(next=request.url.path)
        return RedirectResponse(str(target), status_code=303)
    if request.method == "POST":
        return await _answer(request, provider, pending, session)
    offer = _offer(request, pending, session)
    context = {
        "tab": "connectors",
        "pending": pending,
        "offer": offer,
        "user": session.person.name,
        "mcp_url": services(request).mcp_url,
    }
    response = page(request, "consent.html", context)
    # The answer's redirect leaves this site for the client's redirect URI; the form's
    # action must be allowed to go there.
    allowed = f"form-action 'self' {_source(pending.redirect_uri)}"
    response.headers["content-security-policy"] = CSP.replace("form-action 'self'", allowed)
    return response


async def _answer(
    request: Request, provider: ConnectorProvider, pending: PendingAuthorization, session: Session
) -> Response:
    form = await checked_form(request)
    answer = form.get("answer")
    if answer in ("approve", "approve_read"):
        scopes = _offer(request, pending, session).scopes if answer == "approve" else [READ]
        back = await provider.approve(pending.request_id, session.person.name, scopes)
    else:
        why = f"{session.person.name} declined"
        back = await provider.decline(pending.request_id, "access_denied", why)
    if back is None:
        raise HTTPException(404, "this sign-in request was answered already")
    return RedirectResponse(back, status_code=303)


def _source(uri: str) -> str:
    """The CSP source of a redirect URI: its origin, or its scheme for an app's own."""
    parts = urlsplit(uri)
    source = (
        f"{parts.scheme}://{parts.netloc}"
        if parts.scheme in ("http", "https")
        else (f"{parts.scheme}:")
    )
    # Nothing that could end the directive or start another reaches the header.
    return source if re.fullmatch(r"[A-Za-z0-9.+\-]+:(//[A-Za-z0-9.\-\[\]:]+)?", source) else ""


async def connectors(request: Request) -> Response:
    session = signed_in(request)
    svc = services(request)
    provider = svc.connectors
    mine = None if session.person.is_owner else session.person.name
    connections = [] if provider is None else provider.store.connections(mine, include_revoked=True)
    context = {
        "tab": "connectors",
        "enabled": provider is not None,
        "connections": connections,
        "mcp_url": svc.mcp_url,
    }
    return page(request, "connectors.html", context)


async def revoke(request: Request) -> Response:
    session = signed_in(request)
    form = await checked_form(request)
    provider = _provider(request)
    only = None if session.person.is_owner else session.person.name
    try:
        connection = int(str(form.get("connection", "")))
    except ValueError:
        raise HTTPException(400, "which connection?") from None
    if not provider.store.revoke(connection, user=only):
        raise HTTPException(404, "no such active connection of yours")
    return redirect(request, "connectors")


ROUTES = [
    Route("/consent/{request_id}", consent, methods=["GET", "POST"], name="consent"),
    Route("/connectors", connectors, name="connectors"),
    Route("/connectors/revoke", revoke, methods=["POST"], name="connectors_revoke"),
]
