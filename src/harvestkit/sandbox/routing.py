"""Route declarations for resource modules: `route("GET", "/v2/clients", list_clients)`."""

from __future__ import annotations

from starlette.routing import Route

from .context import Handler, endpoint
from .ratelimit import GENERAL


def route(method: str, path: str, handler: Handler, *, bucket: str = GENERAL) -> Route:
    return Route(path, endpoint(handler, bucket=bucket), methods=[method], name=handler.__name__)
