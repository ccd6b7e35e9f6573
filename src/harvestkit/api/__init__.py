"""harvestkit.api: a typed SDK for Harvest API v2.

>>> from harvestkit.api import Harvest
>>> h = Harvest(token="…", account_id=123456)
>>> entry = h.time_entries.create(
...     project_id=1, task_id=2, spent_date=date.today(), hours=Decimal("1.5")
... )
>>> for invoice in h.invoices.list(state="open"): ...

Every operation is a row of ``OPERATIONS``; the resource methods name their row.
"""

from __future__ import annotations

from ._auth import StaticTokenProvider, TokenProvider
from ._client import AsyncHarvest, Harvest, shared_limiter
from ._constants import DEFAULT_BASE_URL, DEFAULT_IDENTITY_URL, DEFAULT_USER_AGENT
from ._errors import (
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    HarvestError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    RequestLimitError,
    ServerError,
    TransportError,
    UncertainWriteError,
    UnprocessableError,
    ValidationError,
    error_for_status,
)
from ._oauth import (
    InMemoryTokenStore,
    OAuthClient,
    OAuthTokenProvider,
    StoredToken,
    TokenStore,
    authorization_url,
)
from ._pagination import AsyncPager, Page, SyncPager
from ._ratelimit import (
    InProcessRateLimiter,
    Permit,
    RateLimiter,
    RateLimits,
    SlotTooFar,
    Window,
)
from ._recovery import idempotency_reference
from ._redis_limiter import RedisRateLimiter
from ._request import Prepared
from ._retry import RetryPolicy
from .operations import OPERATIONS, OPERATIONS_BY_NAME, Operation, operation

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_IDENTITY_URL",
    "DEFAULT_USER_AGENT",
    "OPERATIONS",
    "OPERATIONS_BY_NAME",
    "APIStatusError",
    "AsyncHarvest",
    "AsyncPager",
    "AuthenticationError",
    "BadRequestError",
    "Harvest",
    "HarvestError",
    "InMemoryTokenStore",
    "InProcessRateLimiter",
    "NotFoundError",
    "OAuthClient",
    "OAuthTokenProvider",
    "Operation",
    "Page",
    "PermissionDeniedError",
    "Permit",
    "Prepared",
    "RateLimitedError",
    "RateLimiter",
    "RateLimits",
    "RedisRateLimiter",
    "RequestLimitError",
    "RetryPolicy",
    "ServerError",
    "SlotTooFar",
    "StaticTokenProvider",
    "StoredToken",
    "SyncPager",
    "TokenProvider",
    "TokenStore",
    "TransportError",
    "UncertainWriteError",
    "UnprocessableError",
    "ValidationError",
    "Window",
    "authorization_url",
    "error_for_status",
    "idempotency_reference",
    "operation",
    "shared_limiter",
]
