"""The notification log: what the watch worker noticed, and its delivery outbox.

``record`` adds a notification and one pending delivery per channel in one transaction,
and does nothing when the account already has a notification with that key. The unique
key in the database, not the worker's memory, is what keeps a restarted worker or a
second one from recording (and so delivering) an event twice. Deliveries leave
``pending`` once: ``claim_due`` hands each due row to one caller (the rows are marked
``sending`` in the same transaction), ``sent``/``retry`` close them.

MCP clients read the log through ``recent``; payloads hold figures and the tool call to
act on them, never secrets.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, and_, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..store import Store, watch_deliveries, watch_events
from ._redact import canonical_json

__all__ = ["Delivery", "Notification", "NotificationLog"]


@dataclass(frozen=True)
class Notification:
    """One thing noticed. ``payload`` is JSON-ready data: figures, a link, the tool call."""

    id: int
    account_id: int
    key: str
    rule: str
    at: float
    subject: str
    payload: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Delivery:
    """One notification on its way to one channel."""

    id: int
    channel: str
    attempts: int
    notification: Notification


def _notification(row: Row[Any]) -> Notification:
    m = row._mapping
    return Notification(
        id=m["id"],
        account_id=m["account_id"],
        key=m["key"],
        rule=m["rule"],
        at=m["at"],
        subject=m["subject"],
        payload=json.loads(m["payload"]),
    )


class NotificationLog:
    """Record notifications once, read them back, and hand out their deliveries."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def record(
        self,
        account_id: int,
        key: str,
        *,
        rule: str,
        subject: str,
        payload: dict[str, Any],
        channels: Sequence[str],
        at: float,
    ) -> Notification | None:
        """Add the notification and its deliveries; None if ``key`` was recorded before."""
        t = watch_events
        try:
            with self.store.transaction() as conn:
                exists = conn.execute(
                    select(t.c.id).where(t.c.account_id == account_id, t.c.key == key)
                ).first()
                if exists is not None:
                    return None
                values = {
                    "account_id": account_id,
                    "key": key,
                    "rule": rule,
                    "at": at,
                    "subject": subject,
                    "payload": canonical_json(payload),
                }
                new_id = int(
                    conn.execute(insert(t).values(**values).returning(t.c.id)).scalar_one()
                )
                for channel in channels:
                    conn.execute(
                        insert(watch_deliveries).values(
                            event_id=new_id,
                            channel=channel,
                            status="pending",
                            attempts=0,
                            next_attempt_at=0.0,
                        )
                    )
        except IntegrityError:
            return None  # another worker recorded the same key between our check and insert
        return Notification(new_id, account_id, key, rule, at, subject, payload)

    def seen(self, account_id: int, key: str) -> bool:
        """Whether a notification with ``key`` was recorded for the account."""
        t = watch_events
        with self.store.read() as conn:
            row = conn.execute(
                select(t.c.id).where(t.c.account_id == account_id, t.c.key == key)
            ).first()
        return row is not None

    def recent(
        self,
        *,
        account_id: int | None = None,
        rule: str | None = None,
        since: float | None = None,
        limit: int = 50,
    ) -> list[Notification]:
        """Notifications, newest first."""
        t = watch_events
        query = select(t).order_by(t.c.id.desc()).limit(limit)
        if account_id is not None:
            query = query.where(t.c.account_id == account_id)
        if rule is not None:
            query = query.where(t.c.rule == rule)
        if since is not None:
            query = query.where(t.c.at >= since)
        with self.store.read() as conn:
            return [_notification(row) for row in conn.execute(query)]

    def claim_due(self, now: float, *, limit: int = 20, lease: float = 300.0) -> list[Delivery]:
        """Deliveries due now, each handed to this caller only: they are leased (marked
        ``sending`` until ``now + lease``) in the same locked transaction that reads them."""
        d, e = watch_deliveries, watch_events
        due = and_(
            d.c.next_attempt_at <= now,
            (d.c.status == "pending") | (d.c.status == "sending"),
        )
        query = (
            select(d.c.id.label("delivery_id"), d.c.channel, d.c.attempts, e)
            .join(e, e.c.id == d.c.event_id)
            .where(due)
            .order_by(d.c.id)
            .limit(limit)
        )
        with self.store.locked("watch-deliveries") as conn:
            rows = conn.execute(query).all()
            out = []
            for row in rows:
                m = row._mapping
                conn.execute(
                    update(d)
                    .where(d.c.id == m["delivery_id"])
                    .values(status="sending", next_attempt_at=now + lease)
                )
                event = Notification(
                    m["id"],
                    m["account_id"],
                    m["key"],
                    m["rule"],
                    m["at"],
                    m["subject"],
                    json.loads(m["payload"]),
                )
                out.append(Delivery(m["delivery_id"], m["channel"], m["attempts"], event))
        return out

    def sent(self, delivery_id: int, *, at: float) -> None:
        """The channel accepted the delivery: it is never sent again."""
        with self.store.transaction() as conn:
            conn.execute(
                update(watch_deliveries)
                .where(watch_deliveries.c.id == delivery_id)
                .values(status="sent", sent_at=at, attempts=watch_deliveries.c.attempts + 1)
            )

    def retry(self, delivery_id: int, *, error: str, at: float, give_up: bool = False) -> None:
        """The channel failed: try again at ``at`` (or stop, marking it failed)."""
        with self.store.transaction() as conn:
            conn.execute(
                update(watch_deliveries)
                .where(watch_deliveries.c.id == delivery_id)
                .values(
                    status="failed" if give_up else "pending",
                    next_attempt_at=at,
                    last_error=error[:500],
                    attempts=watch_deliveries.c.attempts + 1,
                )
            )

    def deliveries(self, notification_id: int) -> list[dict[str, Any]]:
        """Each channel's delivery state for one notification."""
        d = watch_deliveries
        with self.store.read() as conn:
            rows = conn.execute(select(d).where(d.c.event_id == notification_id).order_by(d.c.id))
            return [dict(row._mapping) for row in rows]
