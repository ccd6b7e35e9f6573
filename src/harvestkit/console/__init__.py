"""The console: connect Harvest, manage access, review activity, approve plans, watch
budgets, in a browser.

`create_console(services)` is a Starlette app (server-rendered with Jinja2, charts drawn as
SVG on the server) that `harvestkit serve --transport http` mounts at `/` beside `/mcp`.
It answers only the Host and Origin values the MCP endpoint accepts, signs people in with
sessions in Secure, HttpOnly, SameSite=Strict cookies, and checks a CSRF token on every
form. See docs/console.md.
"""

from ._app import create_console
from ._charts import Chart, Marker, Series, render
from ._people import SESSION_LIFETIME, ConsolePeople, Person, Session
from ._services import ConsoleServices, WhoAmI

__all__ = [
    "SESSION_LIFETIME",
    "Chart",
    "ConsolePeople",
    "ConsoleServices",
    "Marker",
    "Person",
    "Series",
    "Session",
    "WhoAmI",
    "create_console",
    "render",
]
