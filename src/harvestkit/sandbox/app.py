"""The sandbox app factory: an explicit route list over the resource modules."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Receive, Scope, Send

from . import admin, identity
from .config import SandboxConfig
from .core import Sandbox
from .errors import render, route_not_found
from .resources import ALL_ROUTES

# Identity-service paths live under /api/v2 but are not aliases of API routes.
_IDENTITY = ("/api/v2/accounts", "/api/v2/oauth2/")


class _HarvestPaths:
    """Harvest answers `/api/v2/...` like `/v2/...` and tolerates a `.json` suffix."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path: str = scope["path"]
            if path.startswith("/api/v2/") and not path.startswith(_IDENTITY):
                path = path[4:]
            if path.startswith("/v2/") and path.endswith(".json"):
                path = path[: -len(".json")]
            if path != scope["path"]:
                scope = {**scope, "path": path, "raw_path": path.encode()}
        await self.app(scope, receive, send)


async def _http_error(request: Request, exc: Exception) -> Response:
    # Unknown routes (and known paths with a method Harvest doesn't have) get the HTML page.
    if isinstance(exc, HTTPException) and exc.status_code not in (404, 405):
        return Response(status_code=exc.status_code)
    return render(route_not_found())


def routes() -> list[BaseRoute]:
    return [*ALL_ROUTES, *identity.ROUTES, *admin.ROUTES]


def create_app(config: SandboxConfig | None = None) -> Starlette:
    """A Harvest API v2 emulator as an ASGI app; `app.state.sandbox` holds its state."""
    sandbox = Sandbox(config or SandboxConfig())
    app = Starlette(routes=routes(), exception_handlers={HTTPException: _http_error})
    app.state.sandbox = sandbox
    app.add_middleware(_HarvestPaths)
    return app
