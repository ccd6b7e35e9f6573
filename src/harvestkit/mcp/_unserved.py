"""No dead ends: a call of a catalog tool this server does not serve says how to get it.

The SDK answers an unserved name with a bare "Unknown tool". When the name is a harvestkit
tool left out by the server's selection (`--toolsets`, `--tools`, `--read-only`), the agent
learns which toolset holds it and how the person enables it (or, in discovery mode, which
tool reaches it), and nothing is run. Names harvestkit does not know pass through.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from mcp.server.context import CallNext, HandlerResult, ServerMiddleware, ServerRequestContext

from harvestkit.tools import not_served

from . import _results


def unserved_tools(
    registered: Sequence[str], *, reachable: Sequence[str] = (), via: str | None = None
) -> ServerMiddleware[Any]:
    """Server middleware: `tools/call` of a catalog tool not in `registered` gets the
    catalog's `not_served` error; one in `reachable` is pointed to the tool `via`."""
    served, through = frozenset(registered), frozenset(reachable)

    async def middleware(ctx: ServerRequestContext[Any, Any], call_next: CallNext) -> HandlerResult:
        params = ctx.params
        if ctx.method == "tools/call" and isinstance(params, Mapping):
            name = params.get("name")
            if isinstance(name, str) and name not in served:
                error = not_served(name, via=via if name in through else None)
                if error is not None:
                    return _results.error(error.message, hint=error.hint)
        return await call_next(ctx)

    return middleware
