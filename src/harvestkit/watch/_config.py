"""The watch file: rules, delivery channels and polling, in TOML.

Secrets never sit in the file: SMTP passwords and webhook signing keys are named by the
environment variable that holds them (``password_env``, ``secret_env``).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any, Literal

__all__ = [
    "BudgetRule",
    "DailySummaryRule",
    "EmailSettings",
    "EstimateRule",
    "GapsRule",
    "MoneyRule",
    "ReceiptsRule",
    "WatchConfig",
    "WatchConfigError",
    "WebhookSettings",
]

RECEIPT_DIR_ENV = "HARVESTKIT_RECEIPT_DIR"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WORKING_DAYS = WEEKDAYS[:5]


class WatchConfigError(ValueError):
    """The watch file says something harvestkit cannot follow; the message names the key."""


@dataclass(frozen=True)
class EmailSettings:
    host: str
    sender: str
    to: tuple[str, ...]
    port: int = 25
    starttls: bool = False
    username: str | None = None
    password_env: str | None = None


@dataclass(frozen=True)
class WebhookSettings:
    name: str
    url: str
    format: Literal["slack", "json"] = "json"
    secret_env: str | None = None
    """The variable holding the HMAC-SHA256 key; required for the generic JSON format."""


@dataclass(frozen=True)
class BudgetRule:
    enabled: bool = True
    thresholds: tuple[float, ...] = ()
    """Percentages; empty means the project's own notification percentage, then 100."""
    run_out_weeks: float | None = 2.0
    """Notify when the budget runs out within this many weeks at the current pace."""
    channels: tuple[str, ...] | None = None


@dataclass(frozen=True)
class EstimateRule:
    enabled: bool = True
    deposit_percent: float | None = None
    without_approval: bool = False
    """Run estimate_to_project at once; honoured only when the policy grants it."""
    channels: tuple[str, ...] | None = None


@dataclass(frozen=True)
class DailySummaryRule:
    enabled: bool = True
    at: time = time(18, 0)
    timezone: str | None = None
    """IANA or Harvest zone name; default: the watching user's Harvest time zone."""
    days: tuple[str, ...] = WORKING_DAYS
    channels: tuple[str, ...] | None = None


@dataclass(frozen=True)
class GapsRule:
    enabled: bool = True
    at: time = time(18, 0)
    timezone: str | None = None
    days: tuple[str, ...] = WORKING_DAYS
    period: Literal["day", "week"] = "day"
    threshold_hours: float = 1.0
    remind_people: bool = False
    """Also e-mail each person behind on their timesheet (else only the channels)."""
    channels: tuple[str, ...] | None = None


@dataclass(frozen=True)
class MoneyRule:
    enabled: bool = True
    overdue_invoices: bool = True
    uninvoiced_days: int = 30
    """Uninvoiced time and unbilled expenses older than this are reported, per client."""
    timezone: str | None = None
    channels: tuple[str, ...] | None = None


@dataclass(frozen=True)
class ReceiptsRule:
    """A folder of receipts: each new file becomes an expense proposal (off by default)."""

    enabled: bool = False
    folder: str | None = None
    owner: str | None = None
    """Whose receipts they are (default: the watch's user)."""
    settle_seconds: float = 2.0
    channels: tuple[str, ...] | None = None


@dataclass(frozen=True)
class WatchConfig:
    poll_seconds: float = 60.0
    rate_share: float = 0.2
    """The share of Harvest's rate windows the worker may use (people get the rest)."""
    link_base: str | None = None
    email: EmailSettings | None = None
    webhooks: tuple[WebhookSettings, ...] = ()
    budget: BudgetRule = field(default_factory=BudgetRule)
    estimates: EstimateRule = field(default_factory=EstimateRule)
    daily_summary: DailySummaryRule = field(default_factory=DailySummaryRule)
    timesheet_gaps: GapsRule = field(default_factory=GapsRule)
    money: MoneyRule = field(default_factory=MoneyRule)
    receipts: ReceiptsRule = field(default_factory=ReceiptsRule)

    @property
    def channels(self) -> tuple[str, ...]:
        """Every configured channel's name: ``email``, ``webhook:<name>``."""
        names = ("email",) if self.email else ()
        return names + tuple(f"webhook:{w.name}" for w in self.webhooks)

    @classmethod
    def load(cls, path: Path) -> WatchConfig:
        try:
            data = tomllib.loads(path.read_text())
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise WatchConfigError(f"cannot read {path}: {exc}") from None
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> WatchConfig:
        watch = dict(data.get("watch", {}))
        delivery = dict(data.get("delivery", {}))
        rules = dict(data.get("rules", {}))
        share = float(watch.pop("rate_share", 0.2))
        if not 0 < share <= 1:
            raise WatchConfigError("watch.rate_share must be above 0 and at most 1")
        config = cls(
            poll_seconds=float(watch.pop("poll_seconds", 60.0)),
            rate_share=share,
            link_base=watch.pop("link_base", None),
            email=_email(delivery.pop("email", None)),
            webhooks=tuple(_webhook(w) for w in delivery.pop("webhook", [])),
            budget=_rule(BudgetRule, "budget", rules.pop("budget", {})),
            estimates=_rule(EstimateRule, "estimates", rules.pop("estimates", {})),
            daily_summary=_rule(DailySummaryRule, "daily_summary", rules.pop("daily_summary", {})),
            timesheet_gaps=_rule(GapsRule, "timesheet_gaps", rules.pop("timesheet_gaps", {})),
            money=_rule(MoneyRule, "money", rules.pop("money", {})),
            receipts=_receipts(rules.pop("receipts", {})),
        )
        for section, rest in (("watch", watch), ("delivery", delivery), ("rules", rules)):
            if rest:
                raise WatchConfigError(f"unknown key(s) in [{section}]: {', '.join(sorted(rest))}")
        return config


def _receipts(raw: dict[str, Any]) -> ReceiptsRule:
    rule: ReceiptsRule = _rule(ReceiptsRule, "receipts", raw)
    if not rule.enabled:
        return rule
    if not rule.folder:
        raise WatchConfigError("[rules.receipts] needs folder")
    folder = Path(rule.folder).expanduser().resolve()
    allowed = os.environ.get(RECEIPT_DIR_ENV)
    if not folder.is_dir():
        raise WatchConfigError(f"[rules.receipts] folder {folder} is not a folder")
    if not allowed or not folder.is_relative_to(Path(allowed).expanduser().resolve()):
        raise WatchConfigError(
            f"[rules.receipts] folder {folder} must be inside {RECEIPT_DIR_ENV} "
            "(receipt files are read only there)"
        )
    return rule


def _email(raw: dict[str, Any] | None) -> EmailSettings | None:
    if raw is None:
        return None
    try:
        to = raw["to"]
        return EmailSettings(
            host=raw.get("host", "127.0.0.1"),
            port=int(raw.get("port", 25)),
            sender=raw["from"],
            to=tuple([to] if isinstance(to, str) else to),
            starttls=bool(raw.get("starttls", False)),
            username=raw.get("username"),
            password_env=raw.get("password_env"),
        )
    except KeyError as exc:
        raise WatchConfigError(f"[delivery.email] needs {exc.args[0]!r}") from None


def _webhook(raw: dict[str, Any]) -> WebhookSettings:
    if "url" not in raw or "name" not in raw:
        raise WatchConfigError("each [[delivery.webhook]] needs a name and a url")
    kind = raw.get("format", "json")
    if kind not in ("slack", "json"):
        raise WatchConfigError(f"webhook {raw['name']!r}: format is 'slack' or 'json'")
    if kind == "json" and not raw.get("secret_env"):
        raise WatchConfigError(f"webhook {raw['name']!r}: a JSON webhook needs secret_env")
    return WebhookSettings(raw["name"], raw["url"], kind, raw.get("secret_env"))


def _rule(kind: type[Any], name: str, raw: dict[str, Any]) -> Any:
    fields = kind.__dataclass_fields__
    unknown = set(raw) - set(fields)
    if unknown:
        raise WatchConfigError(f"unknown key(s) in [rules.{name}]: {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key == "at":
            hour, _, minute = str(value).partition(":")
            value = time(int(hour), int(minute or 0))
        elif key == "days":
            value = tuple(d.lower()[:3] for d in value)
            if set(value) - set(WEEKDAYS):
                raise WatchConfigError(f"[rules.{name}] days: use {', '.join(WEEKDAYS)}")
        elif key in ("thresholds", "channels"):
            value = tuple(value)
        values[key] = value
    return kind(**values)
