"""Errors raised by the Harvest SDK.

The tree is shallow; catch ``HarvestError`` for everything::

    HarvestError
    ├── APIStatusError               Harvest answered with an error status
    │   ├── BadRequestError          400 (e.g. report timeframe over a year)
    │   ├── AuthenticationError      401 (bad, expired or revoked token; missing account id)
    │   ├── PermissionDeniedError    403 (authenticated, but the role may not do this)
    │   ├── NotFoundError            404
    │   ├── UnprocessableError       422 (validation or business rule; Harvest's message kept)
    │   ├── RateLimitedError         429, or no rate-limit slot in time (``retry_after``)
    │   └── ServerError              5xx
    ├── TransportError               no usable response (connection refused, reset, timeout)
    ├── UncertainWriteError          a create may or may not have happened; ``sent`` holds it
    └── RequestLimitError            not sent: a value over the SDK's limits (``_limits``)

``ValidationError`` is an alias of ``UnprocessableError``. Every error carries the request
method, the URL with any token redacted, the status, Harvest's ``X-Request-Id`` and
Harvest's message. ``error_for_status`` is the one place a status becomes a class.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = [
    "APIStatusError",
    "AuthenticationError",
    "BadRequestError",
    "HarvestError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitedError",
    "RequestLimitError",
    "ServerError",
    "TransportError",
    "UncertainWriteError",
    "UnprocessableError",
    "ValidationError",
    "error_for_status",
    "redact_url",
]

_SECRET_QUERY = re.compile(r"((?:access_token|refresh_token|client_secret|code)=)[^&#]*")


def redact_url(url: str) -> str:
    """Return ``url`` with token-bearing query values replaced by ``REDACTED``."""
    return _SECRET_QUERY.sub(r"\1REDACTED", url)


class HarvestError(Exception):
    """Root of every error the SDK raises."""

    def __init__(
        self,
        message: str,
        *,
        method: str | None = None,
        url: str | None = None,
        status: int | None = None,
        request_id: str | None = None,
    ) -> None:
        self.message = message
        self.method = method
        self.url = redact_url(url) if url else url
        self.status = status
        self.request_id = request_id
        super().__init__(self._describe())

    def _describe(self) -> str:
        where = f"{self.method} {self.url}" if self.method and self.url else ""
        parts = [p for p in (where, str(self.status) if self.status else "", self.message) if p]
        text = ": ".join(parts)
        if self.request_id:
            text += f" (request id {self.request_id})"
        return text


class APIStatusError(HarvestError):
    """Harvest answered with an error status; ``body`` holds the parsed response body."""

    def __init__(self, message: str, *, body: Any = None, **where: Any) -> None:
        self.body = body
        super().__init__(message, **where)


class BadRequestError(APIStatusError):
    """400: a malformed request, e.g. a missing User-Agent or a report span over a year."""


class AuthenticationError(APIStatusError):
    """401: the token is invalid, expired or revoked, or the account id is missing."""


class PermissionDeniedError(APIStatusError):
    """403: the user's role does not allow this operation."""


class NotFoundError(APIStatusError):
    """404: no such record (or no such route)."""


class UnprocessableError(APIStatusError):
    """422: Harvest rejected the values or a business rule; ``message`` says why."""


ValidationError = UnprocessableError


class RateLimitedError(APIStatusError):
    """429, or a wait for the rate limiter's next slot longer than the retry policy allows.

    ``retry_after`` is the number of seconds until a request may go through; ``bucket`` the
    limit that was reached (``"general"`` or ``"reports"``) when known. ``sent`` is false
    when the limiter held the request back, so Harvest never saw it (``status`` is then
    ``None``).
    """

    def __init__(
        self,
        message: str,
        *,
        retry_after: float | None = None,
        bucket: str | None = None,
        sent: bool = True,
        **kw: Any,
    ) -> None:
        self.retry_after = retry_after
        self.bucket = bucket
        self.sent = sent
        super().__init__(message, **kw)


class ServerError(APIStatusError):
    """5xx: Harvest failed to answer the request."""


class TransportError(HarvestError):
    """The request got no usable response: connection refused, reset or timed out."""


class UncertainWriteError(HarvestError):
    """A create may or may not have happened, and no matching record could be found.

    ``sent`` is the JSON body that was sent, so the caller can check by hand before
    trying again; ``found`` the ids of matching records none of which is provably this
    request's. Retrying blindly could create a duplicate.
    """

    def __init__(self, message: str, *, sent: Any = None, **where: Any) -> None:
        self.sent = sent
        self.found: list[Any] = []
        super().__init__(message, **where)


class RequestLimitError(HarvestError):
    """A write the SDK did not send: a value over its limits on text length, characters
    or hours (see ``harvestkit.api._limits``). Nothing reached Harvest."""


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    422: UnprocessableError,
    429: RateLimitedError,
}


def error_for_status(status: int) -> type[APIStatusError]:
    """Map an HTTP error status to its error class."""
    if status >= 500:
        return ServerError
    return _BY_STATUS.get(status, APIStatusError)
