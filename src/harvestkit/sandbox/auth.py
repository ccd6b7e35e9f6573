"""Who is calling (API-NOTES §3): a bearer token plus `Harvest-Account-Id`, or the
`access_token`/`account_id` query pair. Anything wrong gives the same 401 body."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.engine import Connection
from starlette.requests import Request

from . import tables
from .errors import unauthorized

ADMINISTRATOR = "administrator"
MANAGER = "manager"
MEMBER = "member"
ACCESS_LEVELS = (ADMINISTRATOR, MANAGER, MEMBER)
MANAGER_PERMISSIONS = (
    "project_creator",
    "billable_rates_manager",
    "managed_projects_invoice_drafter",
    "managed_projects_invoice_manager",
    "client_and_task_manager",
    "time_and_expenses_manager",
    "estimates_manager",
)


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.query_params.get("access_token") or None


def account_header(request: Request) -> str | None:
    return request.headers.get("harvest-account-id") or request.query_params.get("account_id")


def token_user(conn: Connection, token: str | None, now: datetime) -> Row[Any]:
    """The active user a live token belongs to, or 401."""
    if not token:
        raise unauthorized()
    t = tables.access_tokens
    row = conn.execute(select(t).where(t.c.token == token)).first()
    if row is None or row.revoked or (row.expires_at is not None and row.expires_at <= now):
        raise unauthorized()
    user = conn.execute(select(tables.users).where(tables.users.c.id == row.user_id)).first()
    if user is None or not user.is_active:
        raise unauthorized()
    return user


def authenticate(
    conn: Connection, request: Request, account_id: int, now: datetime
) -> tuple[str, Row[Any]]:
    """(token, user) for an API request; 401 for a bad token or a missing/wrong account."""
    token = bearer_token(request)
    user = token_user(conn, token, now)
    account = account_header(request)
    if account is None or account.strip() != str(account_id):
        raise unauthorized()
    assert token is not None
    return token, user


def access_level(user: Row[Any]) -> str:
    for level in ACCESS_LEVELS:
        if level in (user.access_roles or []):
            return level
    return MEMBER


def new_token(prefix: str) -> str:
    return f"{prefix}{secrets.token_urlsafe(32)}"
