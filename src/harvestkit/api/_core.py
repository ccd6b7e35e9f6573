"""What the sync and async clients share: configuration, headers, retry bookkeeping, ETags.

The I/O loops live in ``_sync_core`` and ``_async_core``; every decision they take is
made here, so the two cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

import httpx

from ._auth import TokenProvider
from ._cache import ETagCache, ETagEntry
from ._errors import APIStatusError, RateLimitedError, TransportError, UncertainWriteError
from ._ratelimit import Permit, RateLimiter, SlotTooFar, limiter_key
from ._recovery import stamp_marker
from ._request import Prepared, error_from_response, form_fields, prepare, retry_after
from ._retry import RetryPolicy, never_sent
from .operations import Operation

__all__ = ["Attempts", "CoreConfig", "LostResponse", "settle", "uncertain"]


class LostResponse(Exception):
    """A non-idempotent request may have reached Harvest, but no response came back."""

    def __init__(self, cause: httpx.TransportError) -> None:
        self.cause = cause
        super().__init__(str(cause))


@dataclass
class CoreConfig:
    """Everything a client needs besides its HTTP connection pool."""

    base_url: str
    identity_url: str
    account_id: str | None
    user_agent: str
    tokens: TokenProvider
    limiter: RateLimiter
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    etags: ETagCache | None = None
    mark_time_entries: bool = True

    def prepare(self, op: Operation[Any], args: Mapping[str, Any]) -> Prepared:
        """Build the request for ``op``, stamping time entry creates with a marker."""
        base = self.identity_url if op.host == "identity" else self.base_url
        prepared = prepare(op, args, base)
        if self.mark_time_entries and op.method == "POST":
            prepared = replace(prepared, json=stamp_marker(op, prepared.json))
        return prepared

    def follow(self, prepared: Prepared, link: str) -> Prepared:
        """A request for a ``links.next`` URL, taken verbatim after an origin check."""
        if _origin(link) != _origin(self.base_url):
            raise ValueError("pagination link points outside the API; refusing to send the token")
        return Prepared(prepared.op, link)

    def limiter_key(self, token: str) -> str:
        """The rate-limit key of this token and account."""
        return limiter_key(token, self.account_id)

    def build(
        self, http: httpx.Client | httpx.AsyncClient, p: Prepared, token: str
    ) -> httpx.Request:
        """The HTTP request, with auth, account, User-Agent and any If-None-Match header."""
        headers = {"Authorization": f"Bearer {token}", "User-Agent": self.user_agent}
        if p.op.host == "api":
            if self.account_id is None:
                raise ValueError("account_id is required for Harvest API calls")
            headers["Harvest-Account-Id"] = str(self.account_id)
        if p.files:
            request = http.build_request(
                p.method,
                p.url,
                params=p.query or None,
                data=form_fields(p.json or {}),
                files=p.files,
                headers=headers,
            )
        else:
            request = http.build_request(
                p.method, p.url, params=p.query or None, json=p.json, headers=headers
            )
        cached = self._etag(request)
        if cached is not None:
            request.headers["If-None-Match"] = cached.etag
        return request

    def _etag(self, request: httpx.Request) -> ETagEntry | None:
        if self.etags is None or request.method != "GET":
            return None
        return self.etags.get(f"{self.account_id}:{request.url}")

    def revalidated(self, request: httpx.Request, response: httpx.Response) -> httpx.Response:
        """Reuse the cached body on 304; remember bodies that carry an ETag."""
        if self.etags is None or request.method != "GET":
            return response
        key = f"{self.account_id}:{request.url}"
        cached = self.etags.get(key)
        if response.status_code == 304 and cached is not None:
            headers = {"Content-Type": cached.content_type, "ETag": cached.etag}
            return httpx.Response(200, content=cached.content, headers=headers, request=request)
        etag = response.headers.get("ETag")
        if response.status_code == 200 and etag:
            content_type = response.headers.get("Content-Type", "application/json")
            self.etags.put(key, ETagEntry(etag, response.content, content_type))
        return response


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc.lower()


class Attempts:
    """Bookkeeping for one logical request: how often and how long it may be retried.

    Waiting for the limiter's slot and waiting out 429s each have their allowance,
    ``RetryPolicy.max_slot_wait`` and ``max_rate_limit_wait``.
    """

    def __init__(self, op: Operation[Any], policy: RetryPolicy) -> None:
        self.op = op
        self.policy = policy
        self.retries = 0
        self.rate_limited_for = 0.0
        self.slot_waited_for = 0.0
        self.refreshed = False

    def after_exception(self, request: httpx.Request, exc: httpx.TransportError) -> float:
        """Seconds to wait before retrying; raises when the request must not be retried."""
        if not self.op.idempotent and not never_sent(exc):
            raise LostResponse(exc) from exc
        if self.retries >= self.policy.max_retries:
            raise TransportError(
                f"{type(exc).__name__}: {exc}", method=request.method, url=str(request.url)
            ) from exc
        return self._backoff()

    def slot_allowance(self) -> float:
        """Seconds this request may still wait for the rate limiter's next slot."""
        return max(0.0, self.policy.max_slot_wait - self.slot_waited_for)

    def got_slot(self, permit: Permit) -> None:
        """Charge the wait for ``permit``'s slot to the allowance."""
        self.slot_waited_for += permit.delay

    def no_slot(self, request: httpx.Request, too_far: SlotTooFar) -> RateLimitedError:
        """The error for a request the limiter held back because its slot was too far."""
        window = too_far.window
        message = (
            f"the {too_far.bucket} rate limit ({window.requests} requests per "
            f"{window.seconds:g} s) is reached: the next slot is in {too_far.wait:.1f} s, "
            f"more than this request may wait ({too_far.max_wait:g} s); it was not sent"
        )
        return RateLimitedError(
            message,
            retry_after=round(too_far.wait, 3),
            bucket=too_far.bucket,
            sent=False,
            method=request.method,
            url=str(request.url),
        )

    def after_response(self, response: httpx.Response) -> float | None:
        """Seconds to wait before retrying, or ``None`` to hand the response back.

        Raises ``RateLimitedError`` for a 429 whose wait would overrun the allowance.
        """
        status = response.status_code
        if status == 429:
            delay = retry_after(response)
            if self.rate_limited_for + delay > self.policy.max_rate_limit_wait:
                raise self._throttled(response)
            self.rate_limited_for += delay
            return delay
        if status >= 500 and self.op.idempotent and self.retries < self.policy.max_retries:
            return self._backoff()
        return None

    def may_refresh(self, response: httpx.Response) -> bool:
        """True once per request, on a 401: refresh the token and send again."""
        if response.status_code != 401 or self.refreshed:
            return False
        self.refreshed = True
        return True

    def _throttled(self, response: httpx.Response) -> APIStatusError:
        error = error_from_response(response)
        if isinstance(error, RateLimitedError):
            error.bucket = self.op.bucket
        return error

    def _backoff(self) -> float:
        delay = self.policy.backoff(self.retries)
        self.retries += 1
        return delay


def uncertain(
    p: Prepared, why: str, found: list[dict[str, Any]] | None = None
) -> UncertainWriteError:
    """The error for a create that may or may not have happened, with what was found."""
    if found is None:
        seen = "there is no way to look for the record it would have made"
    elif found:
        ids = ", ".join(str(item.get("id")) for item in found)
        seen = f"{len(found)} new matching records ({ids}), so none is provably this one"
    else:
        seen = "no matching record found"
    message = f"{p.op.name} may or may not have been applied ({why}); {seen}"
    error = UncertainWriteError(message, sent=p.json, method=p.method, url=p.url)
    error.found = [item.get("id") for item in found or []]
    return error


def settle(p: Prepared, found: list[dict[str, Any]], why: str) -> Any:
    """The record a lost create made, ``None`` if it provably made none, else raise."""
    if not found:
        return None
    if len(found) > 1:
        raise uncertain(p, why, found)
    assert p.op.result is not None
    return p.op.result.model_validate(found[0])
