"""The watch worker: poll each rule for one account, record what it noticed, deliver it.

A poll runs every rule in order under the account's lease; each rule records its
notifications in the store before it moves its cursor, so a worker killed at any point
reads the same changes again and finds them recorded. Then the outbox is delivered. A
poll that Harvest answers with 429s or 5xx (after the SDK's own retries) backs off: the
next poll waits twice as long each time, up to ``MAX_BACKOFF``, or as long as Harvest's
``Retry-After`` says.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import anyio

from harvestkit.api import AsyncHarvest, RateLimitedError, ServerError, TransportError
from harvestkit.api.operations import (
    COMPANY_RETRIEVE,
)
from harvestkit.governance import (
    ApprovalStore,
    AuditEntry,
    AuditLog,
    NotificationLog,
    Policy,
)
from harvestkit.store import Store
from harvestkit.tools import Cache, InMemoryCache, ToolContext

from ._config import WatchConfig
from ._delivery import Channel, Dispatcher
from ._lease import Lease
from ._state import WatchState
from .rules import (
    Check,
    check_budgets,
    check_estimates,
    check_gaps,
    check_money,
    check_receipts,
    check_summary,
)

__all__ = ["MAX_BACKOFF", "PollResult", "Worker"]

MAX_BACKOFF = 900.0
Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class PollResult:
    """What one poll did: ``skipped`` when another worker held the lease."""

    noticed: list[str] = field(default_factory=list)
    delivered: int = 0
    skipped: bool = False
    error: str | None = None
    retry_after: float | None = None


class Worker:
    """Watches one Harvest account with the rules of one watch file."""

    def __init__(
        self,
        config: WatchConfig,
        store: Store,
        harvest: AsyncHarvest,
        *,
        account_id: int,
        channels: Mapping[str, Channel],
        clock: Clock = _utc_now,
        user: str = "watch",
        env: str = "default",
        audit: AuditLog | None = None,
        policy: Policy | None = None,
        lease_seconds: float | None = None,
        holder: str | None = None,
        cache: Cache | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self.harvest = harvest
        self.cache = cache or InMemoryCache()
        """The rules' reference data (who am I, settings), kept across polls."""
        self.account_id = account_id
        self.clock = clock
        self.user = user
        self.env = env
        self.audit = audit
        self.policy = policy
        self.log = NotificationLog(store)
        self.approvals = ApprovalStore(store)
        self.dispatcher = Dispatcher(self.log, channels)
        self.channel_names = tuple(channels)
        ttl = lease_seconds if lease_seconds is not None else 2 * config.poll_seconds + 60
        self.lease = Lease(store, account_id, ttl=ttl, holder=holder)
        self.failures = 0
        self._link_base = config.link_base

    async def _link(self) -> str:
        if self._link_base is None:
            company = await self.harvest.call(COMPANY_RETRIEVE)
            self._link_base = (company.base_uri or "https://harvestapp.com").rstrip("/")
        return self._link_base

    def _rules(self) -> list[tuple[str, Callable[[Check], Awaitable[None]]]]:
        c = self.config
        rules: list[tuple[str, bool, Callable[[Check], Awaitable[None]]]] = [
            ("budget", c.budget.enabled, lambda k: check_budgets(k, c.budget)),
            ("estimates", c.estimates.enabled, lambda k: check_estimates(k, c.estimates)),
            ("daily_summary", c.daily_summary.enabled, lambda k: check_summary(k, c.daily_summary)),
            ("timesheet_gaps", c.timesheet_gaps.enabled, lambda k: check_gaps(k, c.timesheet_gaps)),
            ("money", c.money.enabled, lambda k: check_money(k, c.money)),
            ("receipts", c.receipts.enabled, lambda k: check_receipts(k, c.receipts)),
        ]
        return [(name, run) for name, enabled, run in rules if enabled]

    async def poll(self) -> PollResult:
        """One poll of every rule, then delivery of whatever waits in the outbox."""
        result = PollResult()
        if not await anyio.to_thread.run_sync(self.lease.take):
            result.skipped = True
            return result
        started = time.monotonic()
        try:
            await self._poll_rules(result)
        finally:
            await anyio.to_thread.run_sync(self.lease.give_back)
            self._audit(result, time.monotonic() - started)
        result.delivered = await self.dispatcher.deliver_due()
        return result

    async def _poll_rules(self, result: PollResult) -> None:
        check = Check(
            ctx=ToolContext(harvest=self.harvest, cache=self.cache, clock=self.clock),
            account_id=self.account_id,
            state=WatchState(self.store, self.account_id),
            log=self.log,
            approvals=self.approvals,
            channels=self.channel_names,
            link_base="",
            user=self.user,
            env=self.env,
            audit=self.audit,
            policy=self.policy,
            noticed=result.noticed,
        )
        try:
            check.link_base = await self._link()
            for _, run in self._rules():
                await run(check)
        except RateLimitedError as exc:
            result.error, result.retry_after = f"rate limited: {exc}", exc.retry_after
        except (ServerError, TransportError) as exc:
            result.error = f"{type(exc).__name__}: {exc}"
        self.failures = self.failures + 1 if result.error else 0

    def _audit(self, result: PollResult, duration: float) -> None:
        if self.audit is None:
            return
        self.audit.append(
            AuditEntry(
                user=self.user,
                env=self.env,
                tool="watch.poll",
                outcome="error" if result.error else "ok",
                arguments={"rules": [name for name, _ in self._rules()]},
                result={"noticed": list(result.noticed)},
                account_id=self.account_id,
                error=result.error,
                duration=duration,
            )
        )

    def next_delay(self, result: PollResult) -> float:
        """Seconds until the next poll: the interval, or a backoff after failures."""
        if not result.error:
            return self.config.poll_seconds
        backoff: float = min(MAX_BACKOFF, self.config.poll_seconds * 2.0 ** min(self.failures, 10))
        return max(backoff, float(result.retry_after or 0.0))

    async def run(self, stop: asyncio.Event | None = None, *, polls: int | None = None) -> None:
        """Poll until ``stop`` is set (or ``polls`` polls were made)."""
        stop = stop or asyncio.Event()
        done = 0
        while not stop.is_set() and (polls is None or done < polls):
            result = await self.poll()
            done += 1
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=self.next_delay(result))


def describe(result: PollResult) -> dict[str, Any]:
    """A poll's result as plain data (for logs and the command line)."""
    return dict(result.__dict__)
