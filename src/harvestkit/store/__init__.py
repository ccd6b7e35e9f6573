"""harvestkit's own storage: SQLAlchemy tables, Alembic migrations and cross-process locks.

SQLite in the user data directory by default; PostgreSQL (or any SQLAlchemy URL) when
``HARVESTKIT_DATABASE_URL`` says so. Migrations run on first use.
"""

from ._access_version import bump_access_version
from ._engine import DATABASE_URL_ENV, REDIS_URL_ENV, default_database_url
from ._locks import LockTimeoutError, RedisLock
from ._store import Store, open_store
from ._tables import (
    api_keys,
    approvals,
    audit_head,
    audit_records,
    console_sessions,
    console_users,
    credentials,
    metadata,
    oauth_clients,
    oauth_connections,
    oauth_requests,
    oauth_tokens,
    policy_grants,
    policy_version,
    watch_deliveries,
    watch_events,
    watch_state,
)

__all__ = [
    "DATABASE_URL_ENV",
    "REDIS_URL_ENV",
    "LockTimeoutError",
    "RedisLock",
    "Store",
    "api_keys",
    "approvals",
    "audit_head",
    "audit_records",
    "bump_access_version",
    "console_sessions",
    "console_users",
    "credentials",
    "default_database_url",
    "metadata",
    "oauth_clients",
    "oauth_connections",
    "oauth_requests",
    "oauth_tokens",
    "open_store",
    "policy_grants",
    "policy_version",
    "watch_deliveries",
    "watch_events",
    "watch_state",
]
