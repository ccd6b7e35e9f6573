"""A reached rate limit becomes a tool error saying which limit, when to call again, that
the request changed nothing, and what to do meanwhile."""

from __future__ import annotations

from typing import Any

import pytest

from harvestkit.api import (
    AsyncHarvest,
    InProcessRateLimiter,
    RateLimitedError,
    RetryPolicy,
)
from harvestkit.api._ratelimit import limiter_key
from harvestkit.api.operations import Bucket
from harvestkit.tools import ToolContext, ToolError, catalog, execute
from harvestkit.tools._errors import from_harvest_error
from tests.conftest import ACCOUNT_ID, TOKEN
from tests.tools.conftest import RecordingTransport

TOOLS = {tool.name: tool for tool in catalog()}
WEBSITE_REDESIGN = 14307913
DEVELOPMENT = 8083366
REPORTS_MEANWHILE = (
    "Meanwhile, tools that do not read reports still work; tell the person when the report "
    "will be ready rather than retrying sooner."
)
GENERAL_MEANWHILE = (
    "Meanwhile, make no other Harvest calls: every request counts against this limit."
)

WORDING = [
    (
        "held-back-report",
        RateLimitedError("no slot", retry_after=412.0, bucket="reports", sent=False),
        "Harvest's reports rate limit (100 report requests per 15 minutes) is reached; a request "
        "can go through again in 7 min. This request was not sent to Harvest, so it changed "
        "nothing.",
        f"Call again in 7 min, not before. {REPORTS_MEANWHILE}",
    ),
    (
        "refused-by-harvest",
        RateLimitedError("Too Many Requests", retry_after=15.0, bucket="general", status=429),
        "Harvest's general rate limit (100 requests per 15 seconds) is reached; a request can go "
        "through again in 15 s. Harvest refused this request, so it changed nothing. Harvest "
        "said: Too Many Requests",
        f"Call again in 15 s, not before. {GENERAL_MEANWHILE}",
    ),
    (
        "unknown-limit",
        RateLimitedError("Too Many Requests", status=429),
        "Harvest's rate limit is reached; a request can go through again in a moment. Harvest "
        "refused this request, so it changed nothing. Harvest said: Too Many Requests",
        "Call again in a moment, not before. Meanwhile, make no other Harvest calls.",
    ),
]


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("error", "message", "hint"), [case[1:] for case in WORDING], ids=[c[0] for c in WORDING]
)
async def test_the_tool_error_says_which_limit_when_and_what_changed(
    error: RateLimitedError, message: str, hint: str
) -> None:
    async with AsyncHarvest(TOKEN, ACCOUNT_ID) as harvest:
        tool_error = await from_harvest_error(harvest, error)
    assert (tool_error.message, tool_error.hint) == (message, hint)


def full_limiter(bucket: Bucket, requests: int) -> InProcessRateLimiter:
    """Harvest's windows, with ``requests`` already queued in ``bucket``."""
    limiter = InProcessRateLimiter()
    for _ in range(requests):
        limiter.reserve(limiter_key(TOKEN, ACCOUNT_ID), bucket)
    return limiter


CALLS = [
    (
        "harvest_reports_time_by_client",
        {"from": "2026-11-01", "to": "2026-11-30"},
        "reports",
        100,  # the next report slot is a full 15 minute window away
        "Harvest's reports rate limit (100 report requests per 15 minutes) is reached; "
        "a request can go through again in 16 min.",
    ),
    (
        "harvest_time_entries_create",
        {
            "project_id": WEBSITE_REDESIGN,
            "task_id": DEVELOPMENT,
            "spent_date": "2026-11-20",
            "hours": 2.5,
        },
        "general",
        500,  # five windows queued: the next slot is 75 s away, more than the 60 s allowed
        "Harvest's general rate limit (100 requests per 15 seconds) is reached; "
        "a request can go through again in 2 min.",
    ),
]


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("tool", "arguments", "bucket", "queued", "opening"), CALLS, ids=[c[0] for c in CALLS]
)
async def test_a_tool_held_back_by_the_limiter_sends_nothing(
    transport: RecordingTransport,
    tool: str,
    arguments: dict[str, Any],
    bucket: Bucket,
    queued: int,
    opening: str,
) -> None:
    async with AsyncHarvest(
        TOKEN,
        ACCOUNT_ID,
        base_url="http://sandbox.test/v2",
        identity_url="http://sandbox.test",
        transport=transport,
        rate_limiter=full_limiter(bucket, queued),
        retry=RetryPolicy.interactive(),
    ) as harvest:
        with pytest.raises(ToolError) as caught:
            await execute(TOOLS[tool], ToolContext(harvest=harvest), arguments)
    not_sent = "This request was not sent to Harvest, so it changed nothing."
    assert caught.value.message == f"{opening} {not_sent}"
    assert transport.sent == []


@pytest.mark.parametrize("sandbox", [True, False], ids=["sandbox", "environment"])
def test_harvestkit_call_waits_interactively_and_import_keeps_the_long_wait(
    sandbox: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from harvestkit.cli.serve import ServeConfig, governed

    monkeypatch.setenv("HARVEST_ACCESS_TOKEN", TOKEN)
    monkeypatch.setenv("HARVEST_ACCOUNT_ID", str(ACCOUNT_ID))

    def retry(bulk: bool) -> RetryPolicy:
        """The retry policy of the client `harvestkit call` (or, bulk, `import time`) acts
        with, made by the guard's backend as the commands make it."""
        config = ServeConfig(user="u", env="e", sandbox=sandbox, capture="none", bulk=bulk)
        backend, _ = governed(config)
        assert backend.clients is not None
        policy: RetryPolicy = backend.clients("u", "e").harvest._core.config.retry
        return policy

    assert retry(bulk=False) == RetryPolicy.interactive()
    if not sandbox:  # the import acts on Harvest itself
        assert retry(bulk=True) == RetryPolicy()  # bulk: waits for its slots
