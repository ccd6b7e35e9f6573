"""The identity service (id.getharvest.com): accounts and OAuth2 (API-NOTES §3.2–3.3).

Served on the sandbox's own host, outside the API pipeline (no account header, no rate
window). The authorize page lists the sandbox's active people: approving as one of them
stands in for Harvest's login. Codes are single-use and live 10 minutes; access tokens
live `expires_in` seconds; both by the sandbox clock. A refresh returns a new access token
and the same refresh token.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
from datetime import datetime, timedelta
from html import escape
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from sqlalchemy import Row, insert, select, update
from sqlalchemy.engine import Connection
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from . import tables
from .auth import new_token, token_user
from .errors import ApiError, render
from .params import read_params

if TYPE_CHECKING:
    from .core import Sandbox

EXPIRES_IN = 1209600  # 14 days, as Harvest's token endpoint answers
CODE_LIFETIME = timedelta(minutes=10)
_AUTHORIZE_FIELDS = ("client_id", "response_type", "redirect_uri", "state")


class OAuthError(Exception):
    """An RFC 6749 error answer of the token endpoint."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(description)
        self.error = error
        self.description = description


class PageError(Exception):
    """A request the authorize page refuses without redirecting (bad client/redirect)."""


def _sandbox(request: Request) -> Sandbox:
    sandbox: Sandbox = request.app.state.sandbox
    return sandbox


def register_client(conn: Connection, name: str, redirect_uri: str) -> dict[str, str]:
    """A new OAuth application; custom URL schemes are refused as Harvest ID does."""
    if not name.strip():
        raise ValueError("name is required")
    if urlsplit(redirect_uri).scheme not in ("http", "https"):
        raise ValueError("redirect_uri must be an http(s) URL")
    client = {"client_id": new_token("hks_client_"), "client_secret": new_token("")}
    conn.execute(
        insert(tables.oauth_clients).values(name=name.strip(), redirect_uri=redirect_uri, **client)
    )
    return client


# -- accounts (§3.3) ---------------------------------------------------------------------
async def accounts(request: Request) -> Response:
    sandbox = _sandbox(request)
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    try:
        with sandbox.engine.connect() as conn:
            user = token_user(
                conn, value.strip() if scheme.lower() == "bearer" else None, sandbox.clock.utcnow()
            )
            company = conn.execute(select(tables.company)).first()
    except ApiError as error:
        return render(error)
    assert company is not None
    return JSONResponse(
        {
            "user": {
                "id": user.id,
                "first_name": user.first_name,
                "last_name": user.last_name,
                "email": user.email,
            },
            "accounts": [{"id": company.id, "name": company.name, "product": "harvest"}],
        }
    )


# -- authorize (browser) ------------------------------------------------------------------
def _client(conn: Connection, client_id: str | None) -> Row[Any]:
    oc = tables.oauth_clients
    row = conn.execute(select(oc).where(oc.c.client_id == (client_id or ""))).first()
    if row is None:
        raise PageError("Unknown client_id.")
    return row


def _redirect_uri(client: Row[Any], given: str | None) -> str:
    if not given:
        return str(client.redirect_uri)
    if not given.startswith(client.redirect_uri):
        raise PageError("The redirect_uri does not match the application's Redirect URL.")
    return given


def _check(conn: Connection, fields: dict[str, str]) -> tuple[Row[Any], str]:
    client = _client(conn, fields.get("client_id"))
    redirect_uri = _redirect_uri(client, fields.get("redirect_uri"))
    if fields.get("response_type") not in ("code", "token"):
        raise PageError("response_type must be code or token.")
    return client, redirect_uri


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(
        f"<!DOCTYPE html><html><head><title>{escape(title)}</title></head>"
        f"<body><h1>{escape(title)}</h1>{body}</body></html>",
        status_code=status,
    )


def _approval_form(fields: dict[str, str], user: Row[Any]) -> str:
    hidden = "".join(
        f'<input type="hidden" name="{k}" value="{escape(v)}">' for k, v in fields.items() if v
    )
    name = escape(f"{user.first_name} {user.last_name}")
    return (
        f'<form method="post" action="/oauth2/authorize">{hidden}'
        f'<input type="hidden" name="user_id" value="{user.id}">'
        f'<button type="submit">Approve as {name}</button></form>'
    )


async def authorize_page(request: Request) -> Response:
    sandbox = _sandbox(request)
    fields = {k: request.query_params.get(k, "") for k in _AUTHORIZE_FIELDS}
    with sandbox.engine.connect() as conn:
        try:
            client, _ = _check(conn, fields)
        except PageError as error:
            return _page("Authorization failed", f"<p>{escape(str(error))}</p>", 400)
        people = conn.execute(
            select(tables.users).where(tables.users.c.is_active).order_by(tables.users.c.id)
        ).all()
    forms = "".join(f"<li>{_approval_form(fields, u)}</li>" for u in people)
    intro = f"<p>{escape(client.name)} would like to access your Harvest account.</p>"
    return _page("Authorize application", f"{intro}<ul>{forms}</ul>")


def _with_params(uri: str, params: dict[str, str], *, fragment: bool) -> str:
    parts = urlsplit(uri)
    encoded = urlencode({k: v for k, v in params.items() if v})
    if fragment:
        return urlunsplit(parts._replace(fragment=encoded))
    query = f"{parts.query}&{encoded}" if parts.query else encoded
    return urlunsplit(parts._replace(query=query))


async def approve(request: Request) -> Response:
    sandbox = _sandbox(request)
    form = await request.form()
    fields = {k: str(form.get(k) or "") for k in _AUTHORIZE_FIELDS}
    now = sandbox.clock.utcnow()
    scope = f"harvest:{sandbox.account_id}"
    with sandbox.engine.begin() as conn:
        try:
            client, redirect_uri = _check(conn, fields)
            user = _approver(conn, str(form.get("user_id") or ""))
        except PageError as error:
            return _page("Authorization failed", f"<p>{escape(str(error))}</p>", 400)
        if fields["response_type"] == "token":
            token = _issue_access(conn, user.id, client.client_id, scope, now)
            params = {
                "access_token": token,
                "token_type": "bearer",
                "expires_in": str(EXPIRES_IN),
                "state": fields["state"],
                "scope": scope,
            }
            return RedirectResponse(_with_params(redirect_uri, params, fragment=True), 302)
        code = new_token("hks_code_")
        conn.execute(
            insert(tables.authorization_codes).values(
                code=code,
                user_id=user.id,
                client_id=client.client_id,
                redirect_uri=fields["redirect_uri"] or None,
                scope=scope,
                expires_at=now + CODE_LIFETIME,
                used=False,
            )
        )
    params = {"code": code, "state": fields["state"], "scope": scope}
    return RedirectResponse(_with_params(redirect_uri, params, fragment=False), 302)


def _approver(conn: Connection, raw_id: str) -> Row[Any]:
    users = tables.users
    if not (raw_id.isascii() and raw_id.isdigit()) or len(raw_id) > 18:
        raise PageError("Choose a person to approve as.")
    user = conn.execute(select(users).where(users.c.id == int(raw_id))).first()
    if user is None or not user.is_active:
        raise PageError("Choose a person to approve as.")
    return user


# -- token endpoint ------------------------------------------------------------------------
def _issue_access(conn: Connection, user_id: int, client_id: str, scope: str, now: datetime) -> str:
    token = new_token("hks_oauth_")
    conn.execute(
        insert(tables.access_tokens).values(
            token=token,
            user_id=user_id,
            kind="oauth",
            client_id=client_id,
            scope=scope,
            expires_at=now + timedelta(seconds=EXPIRES_IN),
            revoked=False,
            created_at=now,
        )
    )
    return token


def _client_credentials(request: Request, params: dict[str, Any]) -> tuple[str, str]:
    """From the body, or HTTP Basic auth as RFC 6749 §2.3.1 also allows."""
    client_id, secret = str(params.get("client_id") or ""), str(params.get("client_secret") or "")
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "basic" and not secret:
        with contextlib.suppress(binascii.Error, UnicodeDecodeError):
            client_id, _, secret = base64.b64decode(value).decode().partition(":")
    return client_id, secret


def _authenticated_client(conn: Connection, request: Request, params: dict[str, Any]) -> str:
    client_id, secret = _client_credentials(request, params)
    oc = tables.oauth_clients
    row = conn.execute(select(oc).where(oc.c.client_id == client_id)).first()
    if row is None or not secret or row.client_secret != secret:
        raise OAuthError("invalid_client", "Client authentication failed.")
    return client_id


def _code_grant(
    conn: Connection, client_id: str, params: dict[str, Any], now: datetime
) -> tuple[int, str, str]:
    code = str(params.get("code") or "")
    if not code:
        raise OAuthError("invalid_request", "The code parameter is missing.")
    codes = tables.authorization_codes
    row = conn.execute(select(codes).where(codes.c.code == code)).first()
    given_uri = str(params.get("redirect_uri") or "")
    if (
        row is None
        or row.used
        or row.client_id != client_id
        or row.expires_at <= now
        or (given_uri and row.redirect_uri and given_uri != row.redirect_uri)
    ):
        raise OAuthError("invalid_grant", "The authorization code is invalid, expired or used.")
    conn.execute(update(codes).where(codes.c.code == code).values(used=True))
    refresh = new_token("hks_refresh_")
    conn.execute(
        insert(tables.refresh_tokens).values(
            token=refresh,
            user_id=row.user_id,
            client_id=client_id,
            scope=row.scope,
            revoked=False,
            created_at=now,
        )
    )
    return row.user_id, row.scope, refresh


def _refresh_grant(
    conn: Connection, client_id: str, params: dict[str, Any]
) -> tuple[int, str, str]:
    refresh = str(params.get("refresh_token") or "")
    if not refresh:
        raise OAuthError("invalid_request", "The refresh_token parameter is missing.")
    rt, users = tables.refresh_tokens, tables.users
    row = conn.execute(select(rt).where(rt.c.token == refresh)).first()
    user = None
    if row is not None and not row.revoked and row.client_id == client_id:
        user = conn.execute(select(users).where(users.c.id == row.user_id)).first()
    if row is None or user is None or not user.is_active:
        raise OAuthError("invalid_grant", "The refresh token is invalid or revoked.")
    return row.user_id, row.scope, refresh


def _oauth_error(error: OAuthError) -> JSONResponse:
    return JSONResponse(
        {"error": error.error, "error_description": error.description},
        status_code=400,
        headers={"Cache-Control": "no-store"},
    )


async def token(request: Request) -> Response:
    sandbox = _sandbox(request)
    try:
        try:
            params = await read_params(request)
        except ApiError as exc:
            raise OAuthError("invalid_request", "The request body could not be parsed.") from exc
        grant = str(params.get("grant_type") or "")
        if not grant:
            raise OAuthError("invalid_request", "The grant_type parameter is missing.")
        if grant not in ("authorization_code", "refresh_token"):
            raise OAuthError("unsupported_grant_type", f"Unsupported grant_type: {grant}")
        now = sandbox.clock.utcnow()
        with sandbox.engine.begin() as conn:
            client_id = _authenticated_client(conn, request, params)
            if grant == "authorization_code":
                user_id, scope, refresh = _code_grant(conn, client_id, params, now)
            else:
                user_id, scope, refresh = _refresh_grant(conn, client_id, params)
            access = _issue_access(conn, user_id, client_id, scope, now)
    except OAuthError as error:
        return _oauth_error(error)
    body = {
        "access_token": access,
        "refresh_token": refresh,
        "token_type": "bearer",
        "expires_in": EXPIRES_IN,
    }
    return JSONResponse(body, headers={"Cache-Control": "no-store", "Pragma": "no-cache"})


ROUTES: list[BaseRoute] = [
    Route("/api/v2/accounts", accounts, methods=["GET"]),
    Route("/oauth2/authorize", authorize_page, methods=["GET"]),
    Route("/oauth2/authorize", approve, methods=["POST"]),
    Route("/api/v2/oauth2/token", token, methods=["POST"]),
]
