"""Calls of tools this server does not serve are audited too.

The SDK answers a name it has no tool for before any handler runs, so without this step
an agent probing for tools (or for a write the server leaves out) leaves no trace. Each
such call gets an audit record with outcome ``refused``, the caller's principal and the
arguments (redacted like any other), then goes on to the answer it always got.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any

from mcp.server.context import CallNext, HandlerResult, ServerMiddleware, ServerRequestContext

from ._guard import AuditTrail, Guard

__all__ = ["audit_unserved"]

MAX_NAME = 200
"""Characters of an unserved tool name kept in the record."""


def audit_unserved(registered: Sequence[str]) -> ServerMiddleware[Any]:
    """Server middleware: an audit record for every `tools/call` of a name not served."""
    served = frozenset(registered)

    async def middleware(ctx: ServerRequestContext[Any, Any], call_next: CallNext) -> HandlerResult:
        params = ctx.params
        guard = getattr(ctx.lifespan_context, "guard", None)
        if ctx.method == "tools/call" and isinstance(params, Mapping) and isinstance(guard, Guard):
            name = params.get("name")
            if not isinstance(name, str) or name not in served:
                who = guard.caller(ctx.request) or ("(no identity)", "-")
                arguments = params.get("arguments")
                trail = AuditTrail(
                    guard.governance.audit,
                    who[0],
                    who[1],
                    str(name)[:MAX_NAME],
                    arguments if isinstance(arguments, Mapping) else {},
                    time.perf_counter(),
                )
                trail.write("refused", error="no tool of that name is served here")
        return await call_next(ctx)

    return middleware
