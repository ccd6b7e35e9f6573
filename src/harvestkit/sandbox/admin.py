"""Sandbox-only controls for tests and scripts, under `/_sandbox/`, for the seeded
administrator's token: faults, the clock, extra tokens, OAuth applications, counters."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .errors import ApiError, bad_request, render, unauthorized
from .faults import FaultSpec
from .identity import register_client
from .params import to_datetime

if TYPE_CHECKING:
    from .core import Sandbox


async def _authorized(request: Request) -> tuple[Sandbox, dict[str, Any]]:
    sandbox: Sandbox = request.app.state.sandbox
    header = request.headers.get("authorization", "")
    if header != f"Bearer {sandbox.admin_token}":
        raise unauthorized()
    body: dict[str, Any] = {}
    raw = await request.body()
    if raw.strip():
        try:
            parsed = json.loads(raw)
        except ValueError as exc:
            raise bad_request("body must be JSON") from exc
        if not isinstance(parsed, dict):
            raise bad_request("body must be a JSON object")
        body = parsed
    return sandbox, body


def _admin(handler: Any) -> Any:
    async def run(request: Request) -> Response:
        try:
            sandbox, body = await _authorized(request)
            result = handler(sandbox, request.method, body)
            return JSONResponse(result)
        except ApiError as error:
            return render(error)
        except ValueError as exc:
            return render(bad_request(str(exc)))
        except OverflowError:  # a number past what a date or the database holds
            return render(bad_request("a number in the body is out of range"))

    return run


def faults(sandbox: Sandbox, method: str, body: dict[str, Any]) -> dict[str, Any]:
    if method == "PUT":
        sandbox.faults.replace(FaultSpec.from_mapping(body))
    elif method == "PATCH":
        sandbox.faults.update(**body)
    elif method == "DELETE":
        sandbox.faults.clear()
    return {"faults": sandbox.faults.spec.as_dict(), "injected": sandbox.faults.injected}


def clock(sandbox: Sandbox, method: str, body: dict[str, Any]) -> dict[str, Any]:
    if method == "PUT":
        if "now" in body:
            when = to_datetime(body["now"], "now")
            if when is None:
                raise ValueError("now must be an ISO 8601 datetime")
            running = body.get("running", False)
            if not isinstance(running, bool):
                raise ValueError("running must be true or false")
            if running:
                sandbox.clock.start_at(when)
            else:
                sandbox.clock.set(when)
        if "advance_seconds" in body:
            sandbox.clock.advance(float(body["advance_seconds"]))
    elif method == "DELETE":
        sandbox.clock.reset()
    return {"now": sandbox.clock.now().isoformat()}


def tokens(sandbox: Sandbox, method: str, body: dict[str, Any]) -> dict[str, Any]:
    user_id = body.get("user_id")
    if not isinstance(user_id, int) or isinstance(user_id, bool):
        raise ValueError("user_id (an integer) is required")
    if not 0 < user_id < 2**63:  # SQLite's integers: a 20-digit id is no user's
        raise ValueError("user_id is not a user id")
    return {"token": sandbox.mint_token(user_id), "user_id": user_id}


def oauth_clients(sandbox: Sandbox, method: str, body: dict[str, Any]) -> dict[str, Any]:
    name, redirect_uri = body.get("name"), body.get("redirect_uri")
    if not isinstance(name, str) or not isinstance(redirect_uri, str):
        raise ValueError("name and redirect_uri (strings) are required")
    with sandbox.engine.begin() as conn:
        return register_client(conn, name, redirect_uri)


def stats(sandbox: Sandbox, method: str, body: dict[str, Any]) -> dict[str, Any]:
    limiter = sandbox.limiter
    return {
        "admitted": limiter.admitted,
        "throttled": limiter.throttled,
        "faults_injected": sandbox.faults.injected,
    }


ROUTES = [
    Route("/_sandbox/faults", _admin(faults), methods=["GET", "PUT", "PATCH", "DELETE"]),
    Route("/_sandbox/clock", _admin(clock), methods=["GET", "PUT", "DELETE"]),
    Route("/_sandbox/tokens", _admin(tokens), methods=["POST"]),
    Route("/_sandbox/oauth_clients", _admin(oauth_clients), methods=["POST"]),
    Route("/_sandbox/stats", _admin(stats), methods=["GET"]),
]
