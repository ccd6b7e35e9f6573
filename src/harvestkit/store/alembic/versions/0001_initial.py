"""Credentials, policy grants, API keys and the audit trail.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hk_credentials",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("user", sa.String(200), nullable=False),
        sa.Column("env", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("access_token", sa.LargeBinary, nullable=True),
        sa.Column("refresh_token", sa.LargeBinary, nullable=True),
        sa.Column("expires_at", sa.Float, nullable=True),
        sa.Column("account_ids", sa.Text, nullable=False),
        sa.Column("default_account_id", sa.BigInteger, nullable=True),
        sa.Column("harvest_user_id", sa.BigInteger, nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("refresh_failed_until", sa.Float, nullable=True),
        sa.Column("last_error", sa.Text, nullable=True),
        sa.Column("refreshed_at", sa.Float, nullable=True),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.UniqueConstraint("user", "env", name="uq_hk_credentials_user_env"),
    )
    op.create_table(
        "hk_policy_grants",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("user", sa.String(200), nullable=False),
        sa.Column("env", sa.String(64), nullable=False),
        sa.Column("target_kind", sa.String(16), nullable=False),
        sa.Column("target", sa.String(200), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.UniqueConstraint("user", "env", "target_kind", "target", name="uq_hk_policy_grants"),
    )
    op.create_table(
        "hk_api_keys",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("prefix", sa.String(32), nullable=False, unique=True),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("user", sa.String(200), nullable=False),
        sa.Column("env", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("last_used_at", sa.Float, nullable=True),
        sa.Column("revoked_at", sa.Float, nullable=True),
    )
    op.create_table(
        "hk_audit_records",
        sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("user", sa.String(200), nullable=False),
        sa.Column("env", sa.String(64), nullable=False),
        sa.Column("account_id", sa.BigInteger, nullable=True),
        sa.Column("harvest_user_id", sa.BigInteger, nullable=True),
        sa.Column("tool", sa.String(200), nullable=False),
        sa.Column("arguments", sa.Text, nullable=True),
        sa.Column("result", sa.Text, nullable=True),
        sa.Column("requests", sa.Text, nullable=False),
        sa.Column("outcome", sa.String(32), nullable=False),
        sa.Column("error", sa.Text, nullable=True),
        sa.Column("duration_us", sa.BigInteger, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_hk_audit_records_at", "hk_audit_records", ["at"])
    op.create_index("ix_hk_audit_records_tool_at", "hk_audit_records", ["tool", "at"])
    op.create_table(
        "hk_audit_head",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("hk_audit_head")
    op.drop_index("ix_hk_audit_records_tool_at", table_name="hk_audit_records")
    op.drop_index("ix_hk_audit_records_at", table_name="hk_audit_records")
    op.drop_table("hk_audit_records")
    op.drop_table("hk_api_keys")
    op.drop_table("hk_policy_grants")
    op.drop_table("hk_credentials")
