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
    "audit_head",
    "audit_records",
    "credentials",
    "metadata",
    "policy_grants",
    "policy_version",
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
    # One row (id 1), bumped with every change of the stored grants: a server caches each
    # principal's grants and re-reads them only when this number moved.
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
