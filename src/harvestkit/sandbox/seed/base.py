"""What every Harvest account has from the start: the company, its administrator, the
invoice and estimate item categories Harvest creates (Service, Product); and, for the
sandbox, one registered OAuth application."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert
from sqlalchemy.engine import Connection

from .. import tables


@dataclass(frozen=True)
class BaseSeed:
    account_id: int
    admin_id: int
    admin_token: str


def seed_base(
    conn: Connection, *, account_id: int | None, token: str | None, now: datetime
) -> BaseSeed:
    account = account_id or 1000000 + secrets.randbelow(8999999)
    conn.execute(
        insert(tables.company).values(
            id=account,
            name="Sandbox Agency",
            subdomain="sandbox-agency",
            time_zone="Eastern Time (US & Canada)",
            week_start_day="Monday",
        )
    )
    admin = conn.execute(
        insert(tables.users).values(
            first_name="Avery",
            last_name="Admin",
            email="avery@sandbox-agency.example",
            timezone="Eastern Time (US & Canada)",
            weekly_capacity=144000,
            roles=["Leadership"],
            access_roles=["administrator"],
            has_access_to_all_future_projects=True,
            created_at=now,
            updated_at=now,
        )
    ).inserted_primary_key
    assert admin is not None
    admin_id = int(admin[0])
    admin_token = token or f"hks_pat_{secrets.token_urlsafe(24)}"
    conn.execute(
        insert(tables.access_tokens).values(
            token=admin_token, user_id=admin_id, kind="pat", created_at=now
        )
    )
    # The OAuth application every sandbox knows; any loopback port/path is a valid
    # redirect under Harvest's prefix rule.
    conn.execute(
        insert(tables.oauth_clients).values(
            client_id="sandbox-client",
            client_secret="sandbox-secret",
            name="Sandbox OAuth app",
            redirect_uri="http://127.0.0.1",
        )
    )
    for name, service, expense in (("Service", True, False), ("Product", False, True)):
        stamps = {"created_at": now, "updated_at": now}
        conn.execute(
            insert(tables.invoice_item_categories).values(
                name=name, use_as_service=service, use_as_expense=expense, **stamps
            )
        )
        conn.execute(insert(tables.estimate_item_categories).values(name=name, **stamps))
    return BaseSeed(account, admin_id, admin_token)
