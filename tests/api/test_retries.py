"""Retries: reads retry on 429/5xx/connection errors; creates never double up."""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest

from harvestkit.api import (
    AuthenticationError,
    InProcessRateLimiter,
    RateLimitedError,
    RateLimits,
    RetryPolicy,
    ServerError,
    UncertainWriteError,
    Window,
    idempotency_reference,
)

from .conftest import FAST_RETRY, envelope, mock_async_harvest, mock_harvest

Step = Callable[[httpx.Request], httpx.Response]


def ok(body: Any, status: int = 200) -> Step:
    return lambda request: httpx.Response(status, json=body)


def status(code: int, **headers: str) -> Step:
    return lambda request: httpx.Response(code, headers=headers, text="")


def fail(exc: type[httpx.TransportError]) -> Step:
    def step(request: httpx.Request) -> httpx.Response:
        raise exc("injected", request=request)

    return step


class Script:
    """Plays one step per request, in order."""

    def __init__(self, *steps: Step) -> None:
        self.steps = list(steps)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.steps.pop(0)(request)


CLIENT = {"id": 5, "name": "Acme"}
OLD = {"id": 4, "name": "Acme"}
OTHER = {"id": 6, "name": "Acme"}
NO_CLIENTS = envelope("clients", [], None, 0)


def clients(*items: dict[str, Any]) -> Step:
    return ok(envelope("clients", list(items), None, len(items)))


@pytest.mark.parametrize(
    ("steps", "sent"),
    [
        ((status(503), status(502), ok(CLIENT)), 3),
        ((fail(httpx.ConnectError), ok(CLIENT)), 2),
        ((fail(httpx.ReadTimeout), ok(CLIENT)), 2),
        ((fail(httpx.RemoteProtocolError), ok(CLIENT)), 2),
        ((status(429, **{"Retry-After": "0"}), ok(CLIENT)), 2),
    ],
    ids=["5xx", "connect-error", "read-timeout", "dropped", "429"],
)
def test_reads_are_retried(steps: tuple[Step, ...], sent: int) -> None:
    script = Script(*steps)
    assert mock_harvest(script).clients.retrieve(5).name == "Acme"
    assert len(script.requests) == sent


def test_reads_give_up_after_max_retries() -> None:
    script = Script(*[status(500)] * 3)
    with pytest.raises(ServerError):
        mock_harvest(
            script, retry=RetryPolicy(max_retries=2, initial_delay=0.001)
        ).clients.retrieve(5)
    assert len(script.requests) == 3


@pytest.mark.parametrize(
    "first",
    [fail(httpx.ConnectError), fail(httpx.ConnectTimeout), status(429, **{"Retry-After": "0"})],
    ids=["connect-error", "connect-timeout", "429"],
)
def test_a_create_that_never_arrived_is_retried(first: Step) -> None:
    script = Script(ok(NO_CLIENTS), first, ok(CLIENT, 201))
    assert mock_harvest(script).clients.create(name="Acme").id == 5
    # The GET lists what matches before the create, for the before/after check.
    assert [r.method for r in script.requests] == ["GET", "POST", "POST"]


class FakeTimeEntries:
    """A tiny time-entries server whose POSTs can fail before or after committing."""

    def __init__(self, *outcomes: str) -> None:
        self.outcomes = list(outcomes)
        self.entries: list[dict[str, Any]] = []
        self.posts = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            ref = request.url.params.get("external_reference_id")
            found = [
                e
                for e in self.entries
                if ref is None or (e["external_reference"] or {}).get("id") == ref
            ]
            return httpx.Response(200, json=envelope("time_entries", found, None, len(found)))
        self.posts += 1
        outcome = self.outcomes.pop(0) if self.outcomes else "ok"
        if outcome == "500-before":
            return httpx.Response(500)
        entry = json.loads(request.content) | {"id": 1000 + len(self.entries)}
        entry["project"] = {"id": entry.pop("project_id")}
        entry["task"] = {"id": entry.pop("task_id")}
        self.entries.append(entry)
        if outcome == "500-after":
            return httpx.Response(500)
        if outcome == "dropped-after":
            raise httpx.RemoteProtocolError("Server disconnected", request=request)
        if outcome == "timeout-after":
            raise httpx.ReadTimeout("timed out", request=request)
        return httpx.Response(201, json=entry)


ENTRY: dict[str, Any] = {
    "project_id": 1,
    "task_id": 2,
    "spent_date": date(2026, 11, 2),
    "hours": Decimal("1.5"),
}


@pytest.mark.parametrize(
    ("outcomes", "posts"),
    [
        ((), 1),
        (("500-after",), 1),
        (("dropped-after",), 1),
        (("timeout-after",), 1),
        (("500-before",), 2),
        (("500-before", "500-before", "dropped-after"), 3),
    ],
    ids=[
        "ok",
        "500-after-commit",
        "dropped-after-commit",
        "timeout-after-commit",
        "500-before",
        "mixed",
    ],
)
def test_time_entry_creates_happen_exactly_once(outcomes: tuple[str, ...], posts: int) -> None:
    server = FakeTimeEntries(*outcomes)
    entry = mock_harvest(server).time_entries.create(**ENTRY)
    assert len(server.entries) == 1
    assert entry.id == server.entries[0]["id"]
    assert server.posts == posts
    marker = server.entries[0]["external_reference"]
    assert marker["group_id"] == "harvestkit" and marker["id"].startswith("hk-")


def test_a_callers_external_reference_is_kept_and_matched_by_fields() -> None:
    server = FakeTimeEntries("dropped-after")
    reference = {"id": "CARD-1", "group_id": "board", "permalink": "https://example.com/c/1"}
    entry = mock_harvest(server).time_entries.create(
        **ENTRY, notes="n", external_reference=reference
    )
    assert server.entries[0]["external_reference"] == reference
    assert entry.id == server.entries[0]["id"] and server.posts == 1


def test_without_a_marker_an_identical_earlier_entry_is_never_claimed() -> None:
    server = FakeTimeEntries("ok", "500-before")
    h = mock_harvest(server, mark_time_entries=False)
    first = h.time_entries.create(**ENTRY)
    second = h.time_entries.create(**ENTRY)  # identical; its first POST wrote nothing
    assert len(server.entries) == 2 and first.id != second.id
    assert server.posts == 3


def test_a_callers_key_finds_the_entry_a_lost_response_made() -> None:
    server = FakeTimeEntries("dropped-after")
    h = mock_harvest(server)
    reference = idempotency_reference("payroll-2026-11-row-7")
    entry = h.time_entries.create(**ENTRY, external_reference=reference)
    assert len(server.entries) == 1 and entry.id == server.entries[0]["id"]
    assert server.entries[0]["external_reference"]["id"] == "payroll-2026-11-row-7"
    assert server.posts == 1


@pytest.mark.parametrize(
    ("steps", "outcome", "posts"),
    [
        ((clients(), status(500), clients(CLIENT)), 5, 1),
        ((clients(), status(500), clients(), ok(CLIENT, 201)), 5, 2),
        ((clients(OLD), status(500), clients(OLD), ok(CLIENT, 201)), 5, 2),
        ((clients(), status(500), clients(CLIENT, OTHER)), "uncertain", 1),
    ],
    ids=["new-match-is-the-record", "no-new-match-is-retried", "old-match-ignored", "two-new"],
)
def test_other_creates_check_their_natural_key_before_and_after(
    steps: tuple[Step, ...], outcome: Any, posts: int
) -> None:
    script = Script(*steps)
    h = mock_harvest(script)
    if outcome == "uncertain":
        with pytest.raises(UncertainWriteError, match=r"2 new matching records") as caught:
            h.clients.create(name="Acme")
        assert caught.value.found == [5, 6]
    else:
        assert h.clients.create(name="Acme").id == outcome
    before, after = script.requests[0], script.requests[2]
    assert before.method == after.method == "GET" and before.url == after.url
    assert before.url.path == "/v2/clients" and "updated_since" in before.url.params
    assert [r.method for r in script.requests].count("POST") == posts


@pytest.mark.parametrize(
    "call",
    [
        lambda h: h.invoices.messages.mark_sent(1),
        lambda h: h.time_entries.restart(1),
        lambda h: h.invoices.line_items.create(1, kind="Service", unit_price=Decimal(1)),
    ],
    ids=["message-event", "restart", "line-item-append"],
)
def test_non_idempotent_writes_without_a_lookup_are_uncertain(call: Any) -> None:
    script = Script(fail(httpx.ReadTimeout))
    with pytest.raises(UncertainWriteError):
        call(mock_harvest(script))
    assert len(script.requests) == 1


def test_a_401_with_a_static_token_is_final() -> None:
    script = Script(status(401), ok(CLIENT))
    with pytest.raises(AuthenticationError):
        mock_harvest(script).clients.retrieve(5)
    assert len(script.requests) == 1


def test_rate_limit_waits_have_a_budget() -> None:
    script = Script(*[status(429, **{"Retry-After": "1"})] * 3)
    policy = RetryPolicy(max_rate_limit_wait=0.5)
    with pytest.raises(RateLimitedError, match="429") as caught:
        mock_harvest(script, retry=policy).clients.retrieve(5)
    assert len(script.requests) == 1
    error = caught.value
    assert (error.bucket, error.sent, error.retry_after) == ("general", True, 1)
    assert FAST_RETRY.max_rate_limit_wait > 1


REPORT = {"results": [], "links": {"next": None}}


def reports_limiter() -> InProcessRateLimiter:
    """Two report requests per 30 s: the third one's slot is 30 s away."""
    return InProcessRateLimiter(RateLimits(reports=Window(2, 30.0, margin=0.0)))


def check_held_back(error: RateLimitedError) -> None:
    assert (error.sent, error.status, error.bucket) == (False, None, "reports")
    assert error.retry_after is not None and 29.0 < error.retry_after <= 30.0
    assert error.method == "GET" and error.url is not None
    assert "/reports/project_budget" in error.url
    assert "reports rate limit (2 requests per 30 s) is reached" in str(error)
    assert "more than this request may wait (10 s); it was not sent" in str(error)


def test_a_slot_beyond_the_allowance_raises_at_once_and_sends_nothing() -> None:
    script = Script(*[ok(REPORT)] * 2, ok(envelope("clients", [], None, 0)))
    policy = RetryPolicy(max_slot_wait=10.0)
    h = mock_harvest(script, rate_limiter=reports_limiter(), retry=policy)
    for _ in range(2):
        h.reports.project_budget().first_page()
    started = time.monotonic()
    with pytest.raises(RateLimitedError) as caught:
        h.reports.project_budget().first_page()
    assert time.monotonic() - started < 0.5
    check_held_back(caught.value)
    assert len(script.requests) == 2
    h.clients.list().first_page()  # the general limit is a different budget
    assert len(script.requests) == 3


@pytest.mark.anyio
async def test_async_a_slot_beyond_the_allowance_raises_at_once_and_sends_nothing() -> None:
    script = Script(*[ok(REPORT)] * 2)
    policy = RetryPolicy(max_slot_wait=10.0)
    h = mock_async_harvest(script, rate_limiter=reports_limiter(), retry=policy)
    for _ in range(2):
        await h.reports.project_budget().first_page()
    started = time.monotonic()
    with pytest.raises(RateLimitedError) as caught:
        await h.reports.project_budget().first_page()
    assert time.monotonic() - started < 0.5
    check_held_back(caught.value)
    assert len(script.requests) == 2


@pytest.mark.parametrize(("allowance", "sent"), [(0.1, 1), (1.0, 2)])
def test_slot_waits_count_over_every_attempt_of_a_request(allowance: float, sent: int) -> None:
    """After a 429 (waited out on its own allowance), the retry's slot is 0.5 s after the
    first response: too far for a 0.1 s slot allowance, near enough for 1 s."""
    script = Script(status(429, **{"Retry-After": "0.3"}), ok(CLIENT))
    limiter = InProcessRateLimiter(RateLimits(general=Window(1, 0.5, margin=0.0)))
    h = mock_harvest(script, rate_limiter=limiter, retry=RetryPolicy(max_slot_wait=allowance))
    if sent == 1:
        with pytest.raises(RateLimitedError) as caught:
            h.clients.retrieve(5)
        assert caught.value.sent is False and caught.value.bucket == "general"
        assert caught.value.retry_after is not None and 0.1 < caught.value.retry_after <= 0.2
    else:
        assert h.clients.retrieve(5).name == "Acme"
    assert len(script.requests) == sent


def test_by_default_a_request_waits_for_its_slot_however_far() -> None:
    # Bulk work may queue deeper than a reports window; only 429 waits have a default cap.
    limiter = InProcessRateLimiter(RateLimits(general=Window(1, 0.3, margin=0.0)))
    script = Script(ok(CLIENT), ok(CLIENT))
    h = mock_harvest(script, rate_limiter=limiter)
    h.clients.retrieve(5)
    started = time.monotonic()
    assert h.clients.retrieve(5).name == "Acme"  # waited for its slot, not refused
    assert time.monotonic() - started >= 0.25
    assert RetryPolicy().max_slot_wait == math.inf
    assert RetryPolicy().max_rate_limit_wait == 900.0


def test_a_failed_lookup_makes_the_create_uncertain() -> None:
    steps = [clients(), status(500)] + [status(503)] * 6
    script = Script(*steps)
    with pytest.raises(UncertainWriteError, match="lookup failed"):
        mock_harvest(script).clients.create(name="Acme")
    assert [r.method for r in script.requests].count("POST") == 1


@pytest.mark.anyio
async def test_async_time_entry_create_recovers_from_a_dropped_connection() -> None:
    server = FakeTimeEntries("dropped-after", "500-before")
    h = mock_async_harvest(server)
    first = await h.time_entries.create(**ENTRY)
    second = await h.time_entries.create(**ENTRY)
    assert [e["id"] for e in server.entries] == [first.id, second.id]
    assert server.posts == 3
