"""Approvals: plans waiting for a person, with the exact Harvest requests approving sends.

Approve and decline are `harvestkit approvals approve/decline`: the same functions
(``harvestkit.tools.approvals``), with the signed-in person's grants in the console's
environment and their own Harvest client, and the decision written to the audit trail.
"""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from harvestkit.governance import Approval
from harvestkit.tools import ToolContext, ToolError
from harvestkit.tools import approvals as plans

from ._web import checked_form, page, services, signed_in

__all__ = ["ROUTES"]


def _found(request: Request) -> Approval:
    found = services(request).approvals.get(int(request.path_params["approval_id"]))
    if found is None:
        raise HTTPException(404, "no such approval request")
    return found


async def approvals(request: Request) -> Response:
    signed_in(request)
    store = services(request).approvals
    context = {
        "tab": "approvals",
        "pending": store.list(state="pending"),
        "decided": [a for a in store.list(limit=50) if a.state != "pending"],
    }
    return page(request, "approvals.html", context)


def _show(request: Request, approval: Approval, **extra: Any) -> Response:
    status = 400 if extra.get("error") else 200
    return page(request, "approval.html", {"tab": "approvals", "a": approval, **extra}, status)


async def approval(request: Request) -> Response:
    signed_in(request)
    return _show(request, _found(request))


async def approve(request: Request) -> Response:
    session = signed_in(request)
    await checked_form(request)
    found = _found(request)
    svc = services(request)
    who, env = session.person.name, svc.env
    try:
        allowed = plans.decision(svc.policy, who, env, found.kind, found.arguments)
        if not allowed.allowed:
            return _show(request, found, error=allowed.reason)
        acting = svc.clients(who, env)
        async with acting.harvest:
            ctx = ToolContext(harvest=acting.harvest, clock=svc.clock)
            done = await plans.approve(
                svc.approvals, found.id, ctx, by=who, env=env, audit=svc.audit
            )
    except ToolError as exc:
        return _show(request, found, error=exc.message + (f" ({exc.hint})" if exc.hint else ""))
    return _show(request, done.approval, outcome=done.state)


async def decline(request: Request) -> Response:
    session = signed_in(request)
    form = await checked_form(request)
    found = _found(request)
    svc = services(request)
    reason = str(form.get("reason", "")).strip() or None
    try:
        done = plans.decline(
            svc.approvals,
            found.id,
            by=session.person.name,
            env=svc.env,
            reason=reason,
            audit=svc.audit,
        )
    except ToolError as exc:
        return _show(request, found, error=exc.message)
    return _show(request, done, outcome="declined")


ROUTES = [
    Route("/approvals", approvals, name="approvals"),
    Route("/approvals/{approval_id:int}", approval, name="approval"),
    Route("/approvals/{approval_id:int}/approve", approve, methods=["POST"], name="approve"),
    Route("/approvals/{approval_id:int}/decline", decline, methods=["POST"], name="decline"),
]
