"""What every page shares: templates, the signed-in person, CSRF checks, cookies.

Requests pass the same Host and Origin allowlist as the MCP endpoint (the SDK's
``TransportSecurityMiddleware`` with the server's settings) before anything else. A POST
must carry the CSRF token of its session (signed in) or of its pre-sign-in cookie (setup
and sign-in forms, double-submitted), else 403.
"""

from __future__ import annotations

import hmac
import json
import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2
from mcp.server.transport_security import TransportSecurityMiddleware
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Receive, Scope, Send

from ._people import Session
from ._services import ConsoleServices

__all__ = [
    "CSP",
    "CSRF_COOKIE",
    "SESSION_COOKIE",
    "AllowedHosts",
    "checked_form",
    "page",
    "redirect",
    "services",
    "signed_in",
    "templates",
]

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)
"""No inline scripts, no framing, forms post only here (every page, unless it says)."""
SESSION_COOKIE = "hk_session"
CSRF_COOKIE = "hk_csrf"
HERE = Path(__file__).parent
# Autoescape everywhere: names and notes from Harvest reach the pages as text, never markup.
templates = Jinja2Templates(
    env=jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True)
)


def _epoch(value: float | None) -> str:
    """An epoch timestamp in a table cell (UTC, to the minute)."""
    if value is None:
        return "-"
    return datetime.fromtimestamp(value, UTC).strftime("%Y-%m-%d %H:%M")


def _pretty(value: object) -> str:
    """JSON for a <pre> block, as plain text (the template escapes it like any text)."""
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True, default=str)


templates.env.filters["epoch"] = _epoch
templates.env.filters["pretty"] = _pretty


class AllowedHosts:
    """ASGI middleware: 421 for a Host, 403 for an Origin the MCP endpoint would refuse."""

    def __init__(self, app: ASGIApp, services: ConsoleServices) -> None:
        self.app = app
        self.check = TransportSecurityMiddleware(services.security)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            refused = await self.check.validate_request(Request(scope), is_post=False)
            if refused is not None:
                await refused(scope, receive, send)
                return
        await self.app(scope, receive, send)


def services(request: Request) -> ConsoleServices:
    found: ConsoleServices = request.app.state.console
    return found


def current(request: Request) -> Session | None:
    """The live session of this request's cookie, if any."""
    if "console_session" not in request.scope:
        value = request.cookies.get(SESSION_COOKIE)
        request.scope["console_session"] = services(request).people.session(value)
    session: Session | None = request.scope["console_session"]
    return session


def signed_in(request: Request) -> Session:
    """The session, or a redirect to sign-in (to setup on a fresh install)."""
    session = current(request)
    if session is None:
        target = "login" if services(request).people.has_owner() else "setup"
        raise HTTPException(303, headers={"Location": str(request.url_for(target))})
    return session


def owner(request: Request) -> Session:
    session = signed_in(request)
    if not session.person.is_owner:
        raise HTTPException(403, "only the owner may do this")
    return session


async def checked_form(request: Request) -> FormData:
    """The POSTed form, after its CSRF token matched (403 otherwise)."""
    form = await request.form()
    sent = str(form.get("csrf", ""))
    session = current(request)
    expected = session.csrf if session is not None else request.cookies.get(CSRF_COOKIE, "")
    if not sent or not expected or not hmac.compare_digest(sent, expected):
        raise HTTPException(403, "the form's CSRF token is missing or wrong; reload the page")
    return form


def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    """Render a template with the session, its CSRF token and the navigation."""
    session = current(request)
    csrf = session.csrf if session is not None else request.cookies.get(CSRF_COOKIE)
    fresh = csrf is None
    if fresh:
        csrf = secrets.token_urlsafe(32)
    base = {"session": session, "csrf": csrf, "env": services(request).env}
    response = templates.TemplateResponse(request, name, {**base, **context}, status_code=status)
    if fresh:
        set_cookie(response, CSRF_COOKIE, str(csrf), max_age=3600)
    response.headers["Cache-Control"] = "no-store"
    return response


def set_cookie(response: Response, name: str, value: str, *, max_age: int | None) -> None:
    """Secure, HttpOnly and SameSite=Strict: no script reads it, no other site sends it."""
    response.set_cookie(
        name, value, max_age=max_age, path="/", secure=True, httponly=True, samesite="strict"
    )


def redirect(request: Request, route: str, **params: Any) -> RedirectResponse:
    return RedirectResponse(str(request.url_for(route, **params)), status_code=303)
