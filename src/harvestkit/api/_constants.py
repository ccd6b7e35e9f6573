"""Defaults and retry constants, kept in one place."""

from __future__ import annotations

from typing import Final

import httpx

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_IDENTITY_URL",
    "DEFAULT_TIMEOUT",
    "DEFAULT_USER_AGENT",
    "INITIAL_RETRY_DELAY",
    "INTERACTIVE_RATE_LIMIT_WAIT",
    "MAX_RATE_LIMIT_WAIT",
    "MAX_RETRIES",
    "MAX_RETRY_DELAY",
    "RECHECK_DELAY",
]

DEFAULT_BASE_URL: Final = "https://api.harvestapp.com/v2"
DEFAULT_IDENTITY_URL: Final = "https://id.getharvest.com"
# Harvest requires an application name and a contact (link or email) in the User-Agent.
DEFAULT_USER_AGENT: Final = "harvestkit (https://github.com/harvestkit/harvestkit)"
DEFAULT_TIMEOUT: Final = httpx.Timeout(30.0, connect=10.0)

MAX_RETRIES: Final = 5
"""Retries after a 5xx or a connection error (429s have their own time budget)."""
INITIAL_RETRY_DELAY: Final = 0.5
"""Seconds before the first retry; doubled per attempt, with jitter."""
MAX_RETRY_DELAY: Final = 8.0
"""Upper bound of one backoff delay, in seconds."""
MAX_RATE_LIMIT_WAIT: Final = 900.0
"""Total seconds a request may spend waiting out 429s before it fails with
RateLimitedError."""
INTERACTIVE_RATE_LIMIT_WAIT: Final = 60.0
"""For a caller someone is waiting on (an MCP tool call, a CLI command): the most a request
may wait for the limiter's next free slot, and the most it may wait out 429s. Enough for
the general window, short of a full reports window."""
RECHECK_DELAY: Final = 2.0
"""Seconds to wait before looking a second time for a write whose response was lost."""
