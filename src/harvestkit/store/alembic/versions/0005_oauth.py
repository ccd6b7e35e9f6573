"""Connectors: OAuth clients, pending authorization requests, connections and their
tokens (stored as hashes).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hk_oauth_clients",
        sa.Column("client_id", sa.String(100), primary_key=True),
        sa.Column("metadata", sa.Text, nullable=False),
        sa.Column("secret_hash", sa.String(64), nullable=True),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    op.create_table(
        "hk_oauth_requests",
        sa.Column("id_hash", sa.String(64), primary_key=True),
        sa.Column("client_id", sa.String(2000), nullable=False),
        sa.Column("params", sa.Text, nullable=False),
        sa.Column("expires_at", sa.Float, nullable=False),
    )
    op.create_table(
        "hk_oauth_connections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("user", sa.String(200), nullable=False),
        sa.Column("env", sa.String(64), nullable=False),
        sa.Column("client_id", sa.String(2000), nullable=False),
        sa.Column("client_name", sa.String(200), nullable=False),
        sa.Column("scopes", sa.String(200), nullable=False),
        sa.Column("resource", sa.String(2000), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("last_used_at", sa.Float, nullable=True),
        sa.Column("revoked_at", sa.Float, nullable=True),
    )
    op.create_index("ix_hk_oauth_connections_user", "hk_oauth_connections", ["user"])
    op.create_table(
        "hk_oauth_tokens",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("connection_id", sa.Integer, nullable=False),
        sa.Column("scopes", sa.String(200), nullable=False),
        sa.Column("expires_at", sa.Float, nullable=False),
        sa.Column("used_at", sa.Float, nullable=True),
        sa.Column("code_challenge", sa.String(128), nullable=True),
        sa.Column("redirect_uri", sa.String(2000), nullable=True),
        sa.Column("redirect_uri_explicit", sa.Integer, nullable=True),
    )
    op.create_index("ix_hk_oauth_tokens_connection", "hk_oauth_tokens", ["connection_id"])


def downgrade() -> None:
    op.drop_table("hk_oauth_tokens")
    op.drop_table("hk_oauth_connections")
    op.drop_table("hk_oauth_requests")
    op.drop_table("hk_oauth_clients")
