"""Watches: harvestkit notices before anyone asks.

A worker polls Harvest for one account (incrementally, within a share of the rate
budget), runs the rules of a watch file (budgets, accepted estimates, a daily summary,
timesheet gaps, money), records each notification once in the store and delivers it by
e-mail and webhooks. Accepted estimates become approval requests that a person approves
(``harvestkit approvals``) before anything is created. See docs/watch.md.
"""

from ._config import (
    BudgetRule,
    DailySummaryRule,
    EmailSettings,
    EstimateRule,
    GapsRule,
    MoneyRule,
    ReceiptsRule,
    WatchConfig,
    WatchConfigError,
    WebhookSettings,
)
from ._delivery import (
    EVENT_HEADER,
    SIGNATURE_HEADER,
    Channel,
    Dispatcher,
    EmailChannel,
    WebhookChannel,
    channels_of,
    sign,
)
from ._forecast import BudgetFigures, budget_figures
from ._lease import Lease
from ._pacing import ShareLimiter, share_limits
from ._render import render_text
from ._worker import MAX_BACKOFF, PollResult, Worker, describe

__all__ = [
    "EVENT_HEADER",
    "MAX_BACKOFF",
    "SIGNATURE_HEADER",
    "BudgetFigures",
    "BudgetRule",
    "Channel",
    "DailySummaryRule",
    "Dispatcher",
    "EmailChannel",
    "EmailSettings",
    "EstimateRule",
    "GapsRule",
    "Lease",
    "MoneyRule",
    "PollResult",
    "ReceiptsRule",
    "ShareLimiter",
    "WatchConfig",
    "WatchConfigError",
    "WebhookChannel",
    "WebhookSettings",
    "Worker",
    "budget_figures",
    "channels_of",
    "describe",
    "render_text",
    "share_limits",
    "sign",
]
