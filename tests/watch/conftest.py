"""Fixtures for the watch tests: the pinned demo company, a store, a real SMTP server and
webhook receiver, and workers built the way `harvestkit watch` builds them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from harvestkit.api import (
    AsyncHarvest,
    InProcessRateLimiter,
    RateLimits,
    RetryPolicy,
)
from harvestkit.governance import AuditLog
from harvestkit.store import Store
from harvestkit.watch import ShareLimiter, WatchConfig, Worker, channels_of
from tests.conftest import ACCOUNT_ID, TOKEN, open_copy
from tests.store.fixtures import backend, spec, store
from tests.tools.outcomes.conftest import RATE_LIMIT_SCALE, pinned_template
from tests.watch.servers import Receiver, smtp_server, webhook_receiver

__all__ = ["backend", "pinned_template", "spec", "store"]

SECRET_ENV = "HARVESTKIT_TEST_WEBHOOK_SECRET"
SECRET = "whsec-test-0123456789"
LIMITS = RateLimits().scaled(RATE_LIMIT_SCALE)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def app(pinned_template: Path, tmp_path: Path) -> Iterator[Any]:
    app = open_copy(pinned_template, tmp_path, rate_limit_scale=RATE_LIMIT_SCALE)
    yield app
    app.state.sandbox.close()


@pytest.fixture
def mailbox() -> Iterator[tuple[int, list[Any]]]:
    with smtp_server() as found:
        yield found


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with webhook_receiver() as found:
        yield found


def harvest_on(
    app: Any, *, limiter: Any = None, transport: Any = None, retry: RetryPolicy | None = None
) -> AsyncHarvest:
    return AsyncHarvest(
        TOKEN,
        ACCOUNT_ID,
        base_url="http://sandbox.test/v2",
        identity_url="http://sandbox.test",
        transport=transport or httpx.ASGITransport(app=app),
        rate_limits=LIMITS,
        rate_limiter=limiter or InProcessRateLimiter(LIMITS),
        retry=retry,
    )


@dataclass
class Bed:
    """One demo company, one store, one mailbox and one receiver; workers on them."""

    app: Any
    store: Store
    smtp_port: int
    mail: list[Any]
    receiver: Receiver
    rules: dict[str, Any] = field(default_factory=dict)
    clients: list[httpx.AsyncClient] = field(default_factory=list)

    @property
    def clock(self) -> Any:
        return self.app.state.sandbox.clock

    def config(self, **rules: Any) -> WatchConfig:
        data = {
            "watch": {"poll_seconds": 60, "link_base": "https://demo.harvestapp.com"},
            "delivery": {
                "email": {
                    "host": "127.0.0.1",
                    "port": self.smtp_port,
                    "from": "watch@demo.test",
                    "to": ["pm@demo.test"],
                },
                "webhook": [
                    {
                        "name": "ops",
                        "url": self.receiver.url + "/hook",
                        "format": "json",
                        "secret_env": SECRET_ENV,
                    },
                ],
            },
            "rules": {
                "budget": {"enabled": False},
                "estimates": {"enabled": False},
                "daily_summary": {"enabled": False},
                "timesheet_gaps": {"enabled": False},
                "money": {"enabled": False},
                **rules,
            },
        }
        return WatchConfig.from_dict(data)

    def worker(self, config: WatchConfig, **options: Any) -> Worker:
        shared = options.pop("shared", None) or InProcessRateLimiter(LIMITS)
        harvest = harvest_on(
            self.app,
            limiter=ShareLimiter(shared, LIMITS, config.rate_share),
            transport=options.pop("transport", None),
            retry=options.pop("retry", None),
        )
        client = httpx.AsyncClient()
        self.clients.append(client)
        return Worker(
            config,
            self.store,
            harvest,
            account_id=ACCOUNT_ID,
            channels=channels_of(config, client),
            clock=self.clock.now,
            audit=AuditLog(self.store),
            **options,
        )

    def admin(self) -> AsyncHarvest:
        return harvest_on(self.app)


@pytest.fixture
def bed(
    app: Any,
    store: Store,
    mailbox: tuple[int, list[Any]],
    receiver: Receiver,
    monkeypatch: pytest.MonkeyPatch,
) -> Bed:
    monkeypatch.setenv(SECRET_ENV, SECRET)
    port, mail = mailbox
    return Bed(app, store, port, mail, receiver)


def at(when: datetime, bed: Bed) -> None:
    bed.clock.set(when)


def hours(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))
