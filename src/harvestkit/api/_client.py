"""The clients: ``Harvest`` (sync) and ``AsyncHarvest``, with the same surface.

The client holds no business logic: it wires a token provider, a rate limiter, a retry
policy and an httpx connection pool into a request core, and hangs one resource
namespace per Harvest resource off itself (``h.time_entries``, ``h.invoices.payments``).
"""

from __future__ import annotations

from types import TracebackType
from typing import Any, TypeVar, overload

import httpx

from ._async_core import AsyncCore
from ._auth import StaticTokenProvider, TokenProvider
from ._cache import ETagCache
from ._constants import DEFAULT_BASE_URL, DEFAULT_IDENTITY_URL, DEFAULT_TIMEOUT, DEFAULT_USER_AGENT
from ._core import CoreConfig
from ._pagination import AsyncPager, SyncPager
from ._ratelimit import InProcessRateLimiter, RateLimiter, RateLimits
from ._request import Prepared
from ._retry import RetryPolicy
from ._sync_core import SyncCore
from .operations import OPERATIONS_BY_NAME, Operation
from .resources._client import ClientResources

__all__ = ["AsyncHarvest", "Harvest"]

R = TypeVar("R")


def _row(op: Operation[Any] | str) -> Operation[Any]:
    return op if isinstance(op, Operation) else OPERATIONS_BY_NAME[op]


def _single(op: Operation[Any] | str) -> Operation[Any]:
    row = _row(op)
    if row.is_list:
        raise TypeError(f"{row.name} is a list: use paginate({row.name!r}, ...) to read it")
    return row


_SHARED_LIMITERS: dict[RateLimits, InProcessRateLimiter] = {}


def _shared_limiter(limits: RateLimits) -> InProcessRateLimiter:
    """One in-process limiter per set of limits, so clients with one token share a budget."""
    return _SHARED_LIMITERS.setdefault(limits, InProcessRateLimiter(limits))


def shared_limiter(limits: RateLimits) -> InProcessRateLimiter:
    """The limiter clients made with ``limits`` and no ``rate_limiter`` share in this
    process; a client that adds its own pacing on top (the watch worker's share) passes
    this one through, so it still counts against everyone's budget."""
    return _shared_limiter(limits)


def _config(
    token: str | None,
    account_id: int | str | None,
    token_provider: TokenProvider | None,
    options: dict[str, Any],
) -> CoreConfig:
    if token_provider is None:
        if token is None:
            raise ValueError("pass a personal access token or a token_provider")
        token_provider = StaticTokenProvider(token)
    user_agent: str = options["user_agent"]
    if "@" not in user_agent and "://" not in user_agent:
        # Harvest wants "AppName (email or URL)"; without a contact it may refuse requests.
        raise ValueError("user_agent must name the application and a contact (email or URL)")
    limits = options["rate_limits"] or RateLimits()
    return CoreConfig(
        base_url=options["base_url"].rstrip("/"),
        identity_url=options["identity_url"].rstrip("/"),
        account_id=None if account_id is None else str(account_id),
        user_agent=user_agent,
        tokens=token_provider,
        limiter=options["rate_limiter"] or _shared_limiter(limits),
        retry=options["retry"] or RetryPolicy(),
        etags=ETagCache() if options["etags"] else None,
        mark_time_entries=options["mark_time_entries"],
    )


class Harvest(ClientResources[SyncCore]):
    """Synchronous Harvest API v2 client.

    ``Harvest(token="…", account_id=123)`` for a personal access token, or
    ``Harvest(token_provider=provider, account_id=123)`` for OAuth2 or a credential vault.
    Pass ``transport`` to route requests elsewhere (tests use an ASGI or mock transport),
    ``rate_limits=RateLimits().scaled(0.1)`` for a scaled-down sandbox, and
    ``rate_limiter=RedisRateLimiter(...)`` to share one budget across processes.
    """

    def __init__(
        self,
        token: str | None = None,
        account_id: int | str | None = None,
        *,
        token_provider: TokenProvider | None = None,
        base_url: str = DEFAULT_BASE_URL,
        identity_url: str = DEFAULT_IDENTITY_URL,
        user_agent: str = DEFAULT_USER_AGENT,
        transport: httpx.BaseTransport | None = None,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        rate_limits: RateLimits | None = None,
        rate_limiter: RateLimiter | None = None,
        retry: RetryPolicy | None = None,
        etags: bool = True,
        mark_time_entries: bool = True,
    ) -> None:
        config = _config(token, account_id, token_provider, dict(locals()))
        self._http = httpx.Client(transport=transport, timeout=timeout)
        super().__init__(SyncCore(config, self._http))

    @overload
    def call(self, op: Operation[R], /, **args: Any) -> R: ...
    @overload
    def call(self, op: str, /, **args: Any) -> Any: ...
    def call(self, op: Operation[Any] | str, /, **args: Any) -> Any:
        """Run one row of the operation table, with keyword arguments named as in the
        resource method. Given the row itself (``TIME_ENTRIES_CREATE``) the result is typed
        as the row's model; given its name (``"time_entries.create"``) it is ``Any``, for
        callers that pick the operation at run time."""
        return self._core.call(_single(op), args)

    @overload
    def paginate(self, op: Operation[R], /, **args: Any) -> SyncPager[R]: ...
    @overload
    def paginate(self, op: str, /, **args: Any) -> SyncPager[Any]: ...
    def paginate(self, op: Operation[Any] | str, /, **args: Any) -> SyncPager[Any]:
        """A lazy pager over any list row of the operation table (items typed as the row's
        model when given the row)."""
        return self._core.paginate(_row(op), args)

    def prepare(self, op: Operation[Any] | str, /, **args: Any) -> Prepared:
        """The exact request a call would send (method, URL, query, body), without sending
        it: what a dry run shows."""
        return self._core.config.prepare(_row(op), args)

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> Harvest:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncHarvest(ClientResources[AsyncCore]):
    """Asynchronous Harvest API v2 client; the same surface as ``Harvest`` with ``await``."""

    def __init__(
        self,
        token: str | None = None,
        account_id: int | str | None = None,
        *,
        token_provider: TokenProvider | None = None,
        base_url: str = DEFAULT_BASE_URL,
        identity_url: str = DEFAULT_IDENTITY_URL,
        user_agent: str = DEFAULT_USER_AGENT,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        rate_limits: RateLimits | None = None,
        rate_limiter: RateLimiter | None = None,
        retry: RetryPolicy | None = None,
        etags: bool = True,
        mark_time_entries: bool = True,
    ) -> None:
        config = _config(token, account_id, token_provider, dict(locals()))
        self._http = httpx.AsyncClient(transport=transport, timeout=timeout)
        super().__init__(AsyncCore(config, self._http))

    @overload
    async def call(self, op: Operation[R], /, **args: Any) -> R: ...
    @overload
    async def call(self, op: str, /, **args: Any) -> Any: ...
    async def call(self, op: Operation[Any] | str, /, **args: Any) -> Any:
        """Run one row of the operation table, with keyword arguments named as in the
        resource method. Given the row itself (``TIME_ENTRIES_CREATE``) the result is typed
        as the row's model; given its name (``"time_entries.create"``) it is ``Any``, for
        callers that pick the operation at run time."""
        return await self._core.call(_single(op), args)

    @overload
    def paginate(self, op: Operation[R], /, **args: Any) -> AsyncPager[R]: ...
    @overload
    def paginate(self, op: str, /, **args: Any) -> AsyncPager[Any]: ...
    def paginate(self, op: Operation[Any] | str, /, **args: Any) -> AsyncPager[Any]:
        """A lazy pager over any list row of the operation table (items typed as the row's
        model when given the row)."""
        return self._core.paginate(_row(op), args)

    def prepare(self, op: Operation[Any] | str, /, **args: Any) -> Prepared:
        """The exact request a call would send (method, URL, query, body), without sending
        it: what a dry run shows."""
        return self._core.config.prepare(_row(op), args)

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.aclose()

    async def __aenter__(self) -> AsyncHarvest:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
