"""Delivery: e-mail over SMTP, webhooks (Slack-compatible, or generic JSON signed with
HMAC-SHA256 and a timestamp), all fed from the notification log's outbox.

A generic webhook carries ``X-Harvestkit-Signature: t=<unix seconds>,v1=<hex>`` where the
hex is HMAC-SHA256(key, f"{t}.{body}"), and ``X-Harvestkit-Event-Id``, the same for every
attempt at one notification, so a receiver can drop a repeat. E-mails carry a
``Message-ID`` fixed per notification for the same reason.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import os
import smtplib
import time
from collections.abc import Callable, Mapping
from email.message import EmailMessage
from typing import Any, Protocol

import httpx

from harvestkit.governance import Delivery, Notification, NotificationLog

from ._config import EmailSettings, WatchConfig, WebhookSettings
from ._render import render_text

__all__ = ["Channel", "Dispatcher", "EmailChannel", "WebhookChannel", "channels_of", "sign"]

SIGNATURE_HEADER = "X-Harvestkit-Signature"
EVENT_HEADER = "X-Harvestkit-Event-Id"
MAX_ATTEMPTS = 8


class Channel(Protocol):
    """Sends one notification; raises when the far end did not accept it."""

    async def send(self, notification: Notification) -> None: ...


def event_id(notification: Notification) -> str:
    """A stable id per notification, the same on every attempt."""
    return f"hk-{notification.account_id}-{notification.id}"


def sign(secret: bytes, timestamp: int, body: bytes) -> str:
    """The signature header's value for ``body`` sent at ``timestamp``."""
    digest = hmac.new(secret, f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


class EmailChannel:
    """Plain-text e-mail through an SMTP server (``smtplib``, in a worker thread)."""

    def __init__(self, settings: EmailSettings, recipients: Callable[[Notification], list[str]]):
        self.settings = settings
        self._extra = recipients

    async def send(self, notification: Notification) -> None:
        await asyncio.to_thread(self._send, notification)

    def _send(self, notification: Notification) -> None:
        s = self.settings
        message = EmailMessage()
        message["From"] = s.sender
        message["To"] = ", ".join(dict.fromkeys([*s.to, *self._extra(notification)]))
        message["Subject"] = notification.subject
        message["Message-ID"] = f"<{event_id(notification)}@harvestkit>"
        message.set_content(render_text(notification))
        with smtplib.SMTP(s.host, s.port, timeout=30) as smtp:
            if s.starttls:
                smtp.starttls()
            if s.username and s.password_env:
                smtp.login(s.username, os.environ.get(s.password_env, ""))
            smtp.send_message(message)


class WebhookChannel:
    """An HTTP POST: Slack's ``{"text": …}``, or the whole notification signed."""

    def __init__(self, settings: WebhookSettings, client: httpx.AsyncClient) -> None:
        self.settings = settings
        self._client = client

    async def send(self, notification: Notification) -> None:
        s = self.settings
        headers = {"Content-Type": "application/json", EVENT_HEADER: event_id(notification)}
        if s.format == "slack":
            body = json.dumps({"text": render_text(notification)}).encode()
        else:
            body = json.dumps(_generic(notification), sort_keys=True).encode()
            secret = os.environ.get(s.secret_env or "", "")
            if not secret:
                raise RuntimeError(f"webhook {s.name}: ${s.secret_env} holds no signing key")
            headers[SIGNATURE_HEADER] = sign(secret.encode(), int(time.time()), body)
        response = await self._client.post(s.url, content=body, headers=headers)
        response.raise_for_status()


def _generic(n: Notification) -> dict[str, Any]:
    return {
        "id": event_id(n),
        "account_id": n.account_id,
        "rule": n.rule,
        "key": n.key,
        "at": n.at,
        "subject": n.subject,
        "payload": n.payload,
    }


def _recipients(n: Notification) -> list[str]:
    extra = n.payload.get("remind")
    return [str(x) for x in extra] if isinstance(extra, list) else []


def channels_of(config: WatchConfig, client: httpx.AsyncClient) -> dict[str, Channel]:
    """The channels the watch file configures, by name."""
    found: dict[str, Channel] = {}
    if config.email is not None:
        found["email"] = EmailChannel(config.email, _recipients)
    for hook in config.webhooks:
        found[f"webhook:{hook.name}"] = WebhookChannel(hook, client)
    return found


class Dispatcher:
    """Sends what the outbox holds; a failure is retried with backoff, then given up.

    Delivery times are wall-clock (the network's), not the pinned clock rules run on.
    """

    def __init__(
        self,
        log: NotificationLog,
        channels: Mapping[str, Channel],
        *,
        wall: Callable[[], float] = time.time,
        base_delay: float = 5.0,
    ) -> None:
        self.log = log
        self.channels = channels
        self.wall = wall
        self.base_delay = base_delay

    async def deliver_due(self) -> int:
        """Send every due delivery once; return how many were accepted."""
        accepted = 0
        now = self.wall()  # what fails now is retried by a later call, not this one
        while True:
            due = self.log.claim_due(now)
            if not due:
                return accepted
            for delivery in due:
                accepted += await self._one(delivery)

    async def _one(self, delivery: Delivery) -> int:
        channel = self.channels.get(delivery.channel)
        if channel is None:
            self.log.retry(delivery.id, error="channel not configured", at=0, give_up=True)
            return 0
        try:
            await channel.send(delivery.notification)
        except Exception as exc:  # any failure of the far end: retry later
            attempts = delivery.attempts + 1
            delay = self.base_delay * 2 ** min(attempts, 10)
            self.log.retry(
                delivery.id,
                error=f"{type(exc).__name__}: {exc}",
                at=self.wall() + delay,
                give_up=attempts >= MAX_ATTEMPTS,
            )
            return 0
        self.log.sent(delivery.id, at=self.wall())
        return 1
