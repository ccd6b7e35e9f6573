"""One module per Harvest resource; each exports ROUTES."""

from starlette.routing import BaseRoute

from . import clients

ALL_ROUTES: list[BaseRoute] = [
    *clients.ROUTES,
]
