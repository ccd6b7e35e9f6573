"""The console's app factory: an explicit route list, the allowlist and security headers
in front, and one handler that renders refusals as a page."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import _access, _activity, _approvals, _budgets, _connections, _connectors, _sign_in
from ._services import ConsoleServices
from ._web import CSP, HERE, AllowedHosts, templates

__all__ = ["create_console"]

_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
]


class SecurityHeaders:
    """ASGI middleware: no inline scripts, no framing, no sniffing, no referrer leaks."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                # A page may set one of these itself (the consent page's form posts on to
                # the client's redirect URI); it then stands instead of the default.
                own = [bytes(name).lower() for name, _ in message.get("headers", [])]
                added = [(name, value) for name, value in _HEADERS if name not in own]
                message = {**message, "headers": [*message.get("headers", []), *added]}
            await send(message)

        await self.app(scope, receive, with_headers if scope["type"] == "http" else send)


async def _refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    location = (exc.headers or {}).get("Location")
    if exc.status_code == 303 and location:
        return RedirectResponse(location, status_code=303)
    context = {"status": exc.status_code, "detail": exc.detail, "session": None, "csrf": None}
    return templates.TemplateResponse(request, "error.html", context, status_code=exc.status_code)


def create_console(services: ConsoleServices) -> Starlette:
    """The console app for ``services``."""
    routes = [
        *_sign_in.ROUTES,
        *_connections.ROUTES,
        *_access.ROUTES,
        *_activity.ROUTES,
        *_approvals.ROUTES,
        *_budgets.ROUTES,
        *_connectors.ROUTES,
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(AllowedHosts, services=services),
            Middleware(SecurityHeaders),
        ],
        exception_handlers={HTTPException: _refused},
    )
    app.state.console = services
    return app
