"""Time entries and timers: the routes in `handlers`, the rules in the modules beside it."""

from .handlers import ROUTES

__all__ = ["ROUTES"]
