"""What a handler gets: the caller, their parameters, a database transaction, and "now".

`endpoint` wraps a handler into a Starlette endpoint that runs, in order: User-Agent check,
injected faults, authentication, rate limit, parameter parsing, the handler inside one
transaction, then after-commit faults. Every `ApiError` on the way is rendered by
`errors.render`.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from sqlalchemy import Row, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from . import tables
from .auth import ADMINISTRATOR, MANAGER, access_level, authenticate, bearer_token
from .errors import ApiError, bad_request, forbidden, render, server_error, throttled
from .params import Params, read_params
from .ratelimit import GENERAL
from .timezones import zone_for

if TYPE_CHECKING:
    from .core import Sandbox

Handler = Callable[["Ctx"], Response]


@dataclass
class Ctx:
    request: Request
    conn: Connection
    sandbox: Sandbox
    user: Row[Any]
    token: str
    params: Params
    now: datetime  # naive UTC, second precision
    _cache: dict[str, Any] = field(default_factory=dict)

    # -- request ---------------------------------------------------------------------
    def path_id(self, name: str) -> int:
        """A numeric path parameter; anything else is an unknown record (JSON 404)."""
        from .errors import not_found

        raw = str(self.request.path_params.get(name, ""))
        if not (raw.isascii() and raw.isdigit()) or len(raw) > 18:  # not "²" or "٣"
            raise not_found()
        return int(raw)

    @property
    def base_url(self) -> str:
        return f"{self.request.url.scheme}://{self.request.url.netloc}"

    # -- the account -----------------------------------------------------------------
    @cached_property
    def company(self) -> Row[Any]:
        row = self.conn.execute(select(tables.company)).first()
        assert row is not None
        return row

    def today(self, user: Row[Any] | None = None) -> date:
        """The calendar date now in the user's time zone (the company's by default)."""
        zone = zone_for((user or self.user).timezone or self.company.time_zone)
        return self.sandbox.clock.now().astimezone(zone).date()

    # -- permissions (API-NOTES §3.5) ------------------------------------------------
    @cached_property
    def level(self) -> str:
        return access_level(self.user)

    @property
    def is_admin(self) -> bool:
        return self.level == ADMINISTRATOR

    @property
    def is_manager(self) -> bool:
        return self.level == MANAGER

    def has(self, permission: str) -> bool:
        """Administrators may do anything; managers only with the named permission."""
        if self.is_admin:
            return True
        return self.is_manager and permission in (self.user.access_roles or [])

    def require(self, allowed: bool) -> None:
        if not allowed:
            raise forbidden()

    def require_feature(self, feature: str) -> None:
        """A module switched off in company settings (`invoice_feature`, …) answers 403
        (Harvest's behaviour is unconfirmed; see docs/sandbox.md)."""
        if not getattr(self.company, feature):
            raise forbidden()

    @cached_property
    def managed_project_ids(self) -> set[int]:
        ua = tables.user_assignments
        rows = self.conn.execute(
            select(ua.c.project_id).where(ua.c.user_id == self.user.id, ua.c.is_project_manager)
        )
        return {r[0] for r in rows} if self.is_manager or self.is_admin else set()

    @cached_property
    def teammate_ids(self) -> set[int]:
        tm = tables.teammates
        rows = self.conn.execute(select(tm.c.teammate_id).where(tm.c.manager_id == self.user.id))
        return {r[0] for r in rows} if self.is_manager or self.is_admin else set()

    @cached_property
    def assigned_project_ids(self) -> set[int]:
        ua = tables.user_assignments
        rows = self.conn.execute(
            select(ua.c.project_id).where(ua.c.user_id == self.user.id, ua.c.is_active)
        )
        return {r[0] for r in rows}


def _write(method: str) -> bool:
    return method in ("POST", "PATCH", "PUT", "DELETE")


class _DroppedResponse(Response):
    """Starts a response and never finishes it: the server closes the connection, so the
    client sees the write neither confirmed nor refused."""

    def __init__(self) -> None:
        super().__init__(status_code=201)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": 201,
                "headers": [(b"content-type", b"application/json"), (b"content-length", b"64")],
            }
        )


def endpoint(handler: Handler, *, bucket: str = GENERAL) -> Callable[[Request], Any]:
    """A Starlette endpoint running `handler` with Harvest's request pipeline."""

    async def run(request: Request) -> Response:
        started = time.perf_counter()
        response = await pipeline(request)
        # Every Harvest response carries these; clients log the id with their errors.
        response.headers["X-Request-Id"] = str(uuid.uuid4())
        response.headers["X-Runtime"] = f"{time.perf_counter() - started:.6f}"
        return response

    async def pipeline(request: Request) -> Response:
        sandbox: Sandbox = request.app.state.sandbox
        try:
            if not request.headers.get("user-agent", "").strip():
                raise bad_request("Missing User-Agent header")
            # Faults are chosen by the token presented, before it is checked: a scoped storm
            # hits its client whether or not the token is still valid.
            presented = bearer_token(request)
            delay = sandbox.faults.latency(presented)
            if delay:
                await asyncio.sleep(delay)
            fault = sandbox.faults.before(presented)
            if fault is not None:
                kind, value = fault
                raise throttled(value) if kind == "throttle" else server_error(value)
            now = sandbox.clock.utcnow()
            with sandbox.engine.connect() as conn:
                token, user = authenticate(conn, request, sandbox.account_id, now)
            retry_after = sandbox.limiter.hit(token, str(sandbox.account_id), bucket)
            if retry_after is not None:
                raise throttled(retry_after)
            params = Params(await read_params(request))
            try:
                with sandbox.engine.begin() as conn:
                    ctx = Ctx(request, conn, sandbox, user, token, params, now)
                    response = handler(ctx)
            except IntegrityError as exc:
                raise ApiError(422, {"message": "Record is invalid"}) from exc
            if _write(request.method) and response.status_code < 300:
                after = sandbox.faults.after_commit(token)
                if after == "drop":
                    return _DroppedResponse()
                if after == "error":
                    raise server_error(500)
            return response
        except ApiError as error:
            return render(error)

    return run
