"""The tables harvestkit keeps: credentials, policy grants, API keys and the audit trail.

Timestamps are epoch seconds (``Float``) or fixed-format ISO strings rather than
``DateTime``: SQLite and PostgreSQL give naive and aware datetimes back respectively, and
the audit hash must recompute byte for byte from what either database returns.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

__all__ = [
    "api_keys",
    "approvals",
    "audit_head",
    "audit_records",
    "console_sessions",
    "console_users",
    "credentials",
    "metadata",
    "oauth_clients",
    "oauth_connections",
    "oauth_requests",
    "oauth_tokens",
    "policy_grants",
    "policy_version",
    "watch_deliveries",
    "watch_events",
    "watch_state",
]

metadata = MetaData()

credentials = Table(
    "hk_credentials",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user", String(200), nullable=False),
    Column("env", String(64), nullable=False),
    Column("kind", String(16), nullable=False),  # pat | oauth
    Column("access_token", LargeBinary, nullable=True),  # AES-GCM; NULL once revoked
    Column("refresh_token", LargeBinary, nullable=True),
    Column("expires_at", Float, nullable=True),
    Column("account_ids", Text, nullable=False, default="[]"),  # JSON list of ints
    Column("default_account_id", BigInteger, nullable=True),
    Column("harvest_user_id", BigInteger, nullable=True),
    Column("status", String(16), nullable=False),  # active | needs_login | revoked
    Column("refresh_failed_until", Float, nullable=True),
    Column("last_error", Text, nullable=True),
    Column("refreshed_at", Float, nullable=True),
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
    UniqueConstraint("user", "env", name="uq_hk_credentials_user_env"),
)

policy_grants = Table(
    "hk_policy_grants",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user", String(200), nullable=False),  # "*" means every user
    Column("env", String(64), nullable=False),  # "*" means every environment
    Column("target_kind", String(16), nullable=False),  # toolset | tool
    Column("target", String(200), nullable=False),
    Column("created_at", Float, nullable=False),
    UniqueConstraint("user", "env", "target_kind", "target", name="uq_hk_policy_grants"),
)

policy_version = Table(
    "hk_policy_version",
    metadata,
    # One row (id 1): the access version, bumped with every change of the stored grants,
    # API keys and credentials; a server caches those and re-reads them only when it moved.
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("version", BigInteger, nullable=False),
)

api_keys = Table(
    "hk_api_keys",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("prefix", String(32), nullable=False, unique=True),
    Column("key_hash", String(64), nullable=False),  # SHA-256 hex of the whole key
    Column("user", String(200), nullable=False),
    Column("env", String(64), nullable=False),
    Column("name", String(200), nullable=False, default=""),
    Column("created_at", Float, nullable=False),
    Column("last_used_at", Float, nullable=True),
    Column("revoked_at", Float, nullable=True),
)

audit_records = Table(
    "hk_audit_records",
    metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("at", String(32), nullable=False),  # ISO 8601 UTC, microseconds, "Z"
    Column("user", String(200), nullable=False),
    Column("env", String(64), nullable=False),
    Column("account_id", BigInteger, nullable=True),
    Column("harvest_user_id", BigInteger, nullable=True),
    Column("tool", String(200), nullable=False),
    Column("arguments", Text, nullable=True),  # canonical JSON, secrets redacted
    Column("result", Text, nullable=True),  # canonical JSON, only with capture "full"
    Column("requests", Text, nullable=False),  # canonical JSON list
    Column("outcome", String(32), nullable=False),
    Column("error", Text, nullable=True),
    Column("duration_us", BigInteger, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Index("ix_hk_audit_records_at", "at"),
    Index("ix_hk_audit_records_tool_at", "tool", "at"),
)

audit_head = Table(
    "hk_audit_head",
    metadata,
    # One row (id 1): the last sequence number and hash, so a removed tail is noticed too.
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", BigInteger, nullable=False),
    Column("hash", String(64), nullable=False),
)

approvals = Table(
    "hk_approvals",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "kind", String(64), nullable=False
    ),  # the tool whose plan waits, e.g. estimate_to_project
    Column("account_id", BigInteger, nullable=True),
    Column("title", Text, nullable=False),  # our own words, no Harvest text
    Column("arguments", Text, nullable=False),  # JSON: the tool's arguments
    Column("plan", Text, nullable=False),  # JSON: exactly what the person is shown
    Column("details", Text, nullable=False, default="[]"),  # JSON: Harvest text, as data
    Column("state", String(16), nullable=False),  # pending|running|approved|declined|refused|failed
    Column("source", String(200), nullable=True, unique=True),  # who proposed it, once
    Column("result", Text, nullable=True),  # JSON: what running it returned, or why not
    Column("created_at", Float, nullable=False),
    Column("decided_at", Float, nullable=True),
    Column("decided_by", String(200), nullable=True),
    Index("ix_hk_approvals_state", "state"),
)

watch_state = Table(
    "hk_watch_state",
    metadata,
    # What a watch remembers per account between polls: cursors, budget bands, baselines.
    Column("account_id", BigInteger, primary_key=True, autoincrement=False),
    Column("key", String(200), primary_key=True),
    Column("value", Text, nullable=False),  # JSON
    Column("updated_at", Float, nullable=False),
)

watch_events = Table(
    "hk_watch_events",
    metadata,
    # The notification log: one row per thing noticed, unique per account and key, so a
    # second worker or a restarted one cannot record (and so deliver) it twice.
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_id", BigInteger, nullable=False),
    Column("key", String(200), nullable=False),
    Column("rule", String(32), nullable=False),
    Column("at", Float, nullable=False),
    Column("subject", Text, nullable=False),
    Column("payload", Text, nullable=False),  # JSON: figures, links, the call to act on it
    UniqueConstraint("account_id", "key", name="uq_hk_watch_events_key"),
    Index("ix_hk_watch_events_at", "at"),
)

watch_deliveries = Table(
    "hk_watch_deliveries",
    metadata,
    # The outbox: one row per event and channel; a row leaves "pending" once, when sent.
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Integer, nullable=False),
    Column("channel", String(200), nullable=False),
    Column("status", String(16), nullable=False),  # pending | sent | failed
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", Float, nullable=False, default=0.0),
    Column("last_error", Text, nullable=True),
    Column("sent_at", Float, nullable=True),
    UniqueConstraint("event_id", "channel", name="uq_hk_watch_deliveries"),
    Index("ix_hk_watch_deliveries_status", "status"),
)

console_users = Table(
    "hk_console_users",
    metadata,
    Column("name", String(200), primary_key=True),  # the harvestkit user name
    Column("password_hash", String(300), nullable=False),  # scrypt, salted (console/_people)
    Column("role", String(16), nullable=False),  # owner | member
    Column("created_at", Float, nullable=False),
)

console_sessions = Table(
    "hk_console_sessions",
    metadata,
    Column("id_hash", String(64), primary_key=True),  # SHA-256 hex of the cookie's value
    Column("user", String(200), nullable=False),
    Column("csrf", String(64), nullable=False),  # the token every form of this session sends
    Column("created_at", Float, nullable=False),
    Column("expires_at", Float, nullable=False),
    Index("ix_hk_console_sessions_user", "user"),
)

oauth_clients = Table(
    "hk_oauth_clients",
    metadata,
    Column("client_id", String(100), primary_key=True),  # minted at dynamic registration
    Column("metadata", Text, nullable=False),  # the registered client metadata, JSON
    Column("secret_hash", String(64), nullable=True),  # SHA-256 hex; none for public clients
    Column("created_at", Float, nullable=False),
)

oauth_requests = Table(
    "hk_oauth_requests",
    metadata,
    # An authorization request waiting for sign-in and consent (mcp/oauth).
    Column("id_hash", String(64), primary_key=True),  # SHA-256 hex of the id in the URL
    Column("client_id", String(2000), nullable=False),
    Column("params", Text, nullable=False),  # the validated request, JSON
    Column("expires_at", Float, nullable=False),
)

oauth_connections = Table(
    "hk_oauth_connections",
    metadata,
    # One consent: a person let a client act as them in an environment. Revoking it ends
    # every token issued under it.
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user", String(200), nullable=False),
    Column("env", String(64), nullable=False),
    Column("client_id", String(2000), nullable=False),
    Column("client_name", String(200), nullable=False),
    Column("scopes", String(200), nullable=False),
    Column("resource", String(2000), nullable=False),
    Column("created_at", Float, nullable=False),
    Column("last_used_at", Float, nullable=True),
    Column("revoked_at", Float, nullable=True),
    Index("ix_hk_oauth_connections_user", "user"),
)

oauth_tokens = Table(
    "hk_oauth_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),  # SHA-256 hex of the token
    Column("kind", String(16), nullable=False),  # code | access | refresh
    Column("connection_id", Integer, nullable=False),
    Column("scopes", String(200), nullable=False),
    Column("expires_at", Float, nullable=False),
    Column("used_at", Float, nullable=True),  # a code exchanged, a refresh token rotated
    Column("code_challenge", String(128), nullable=True),  # codes only (PKCE S256)
    Column("redirect_uri", String(2000), nullable=True),  # codes only
    Column("redirect_uri_explicit", Integer, nullable=True),  # codes only
    Index("ix_hk_oauth_tokens_connection", "connection_id"),
)
