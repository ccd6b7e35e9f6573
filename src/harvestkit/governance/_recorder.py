"""Recording the Harvest requests a tool call makes, for its audit record.

Wrap the SDK client's transport once; then, per tool call, ``capture()`` collects every
request made inside it (method, path, status, ``X-Request-Id``). Captures are kept in a
context variable, so concurrent calls on one shared client (threads or asyncio tasks)
each see only their own requests::

    recorder = RequestRecorder(httpx.HTTPTransport())
    harvest = Harvest(token_provider=provider, account_id=..., transport=recorder)
    with recorder.capture() as requests:
        harvest.users.me()
    audit.append(AuditEntry(..., requests=requests))
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import httpx

from ._audit import HarvestRequest

__all__ = ["AsyncRequestRecorder", "RequestRecorder"]

_CURRENT: ContextVar[list[HarvestRequest] | None] = ContextVar("harvest_requests", default=None)


def _note(request: httpx.Request, response: httpx.Response | None) -> None:
    captured = _CURRENT.get()
    if captured is None:
        return
    # The path only: query strings may carry filters with personal data, never needed here.
    status = response.status_code if response is not None else None
    request_id = response.headers.get("X-Request-Id") if response is not None else None
    captured.append(HarvestRequest(request.method, request.url.path, status, request_id))


@contextmanager
def _capture() -> Iterator[list[HarvestRequest]]:
    captured: list[HarvestRequest] = []
    token = _CURRENT.set(captured)
    try:
        yield captured
    finally:
        _CURRENT.reset(token)


class RequestRecorder(httpx.BaseTransport):
    """A sync transport that notes each request in the current ``capture()``."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self._inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        try:
            response = self._inner.handle_request(request)
        except httpx.TransportError:
            _note(request, None)  # status None: no answer (refused, reset, timed out)
            raise
        _note(request, response)
        return response

    def close(self) -> None:
        self._inner.close()

    capture = staticmethod(_capture)
    """Collect the requests made inside the block (a list filled as they happen)."""


class AsyncRequestRecorder(httpx.AsyncBaseTransport):
    """The async twin of ``RequestRecorder``."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self._inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            response = await self._inner.handle_async_request(request)
        except httpx.TransportError:
            _note(request, None)
            raise
        _note(request, response)
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()

    capture = staticmethod(_capture)
    """Collect the requests made inside the block (a list filled as they happen)."""
