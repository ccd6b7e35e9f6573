"""What every rule gets for one poll of one account."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from harvestkit.governance import ApprovalStore, AuditLog, NotificationLog, Policy
from harvestkit.tools import ToolContext
from harvestkit.tools.resolve import load_me
from harvestkit.tools.timeframes import zone_for

from .._state import WatchState

__all__ = ["Check"]


@dataclass
class Check:
    """One poll of one account: the tool context (its clock is the worker's), what the
    watch remembers, where notifications and approval requests go."""

    ctx: ToolContext
    account_id: int
    state: WatchState
    log: NotificationLog
    approvals: ApprovalStore
    channels: tuple[str, ...]
    link_base: str
    user: str = "watch"
    env: str = "default"
    audit: AuditLog | None = None
    policy: Policy | None = None
    noticed: list[str] = field(default_factory=list)

    def now(self) -> datetime:
        return self.ctx.now()

    async def zone(self, name: str | None) -> tzinfo:
        """The named zone, else the watching user's Harvest time zone."""
        if name:
            return zone_for(name)
        return zone_for((await load_me(self.ctx)).timezone)

    def notify(
        self,
        key: str,
        *,
        rule: str,
        subject: str,
        payload: dict[str, Any],
        channels: Sequence[str] | None = None,
    ) -> bool:
        """Record a notification (and its deliveries) unless ``key`` was recorded before."""
        chosen = self.channels if channels is None else tuple(channels)
        recorded = self.log.record(
            self.account_id,
            key,
            rule=rule,
            subject=subject,
            payload=payload,
            channels=[c for c in chosen if c in self.channels],
            at=self.now().timestamp(),
        )
        if recorded is not None:
            self.noticed.append(key)
        return recorded is not None

    def seen(self, key: str) -> bool:
        return self.log.seen(self.account_id, key)
