"""The identity service (id.getharvest.com): accounts and OAuth2 (API-NOTES §3.2–3.3)."""

from __future__ import annotations

from starlette.routing import BaseRoute

ROUTES: list[BaseRoute] = []
