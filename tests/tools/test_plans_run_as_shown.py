"""Every tool that asks first runs exactly what its dry run showed: the same requests, in
the same order, with the same bodies; a value that only an earlier step gives is shown by
its label and is the same value wherever it is used."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from decimal import Decimal, InvalidOperation
from typing import Any

import httpx
import pytest

from harvestkit.api import AsyncHarvest, InProcessRateLimiter
from harvestkit.tools import ToolContext, catalog, execute
from tests.conftest import ACCOUNT_ID, TOKEN
from tests.tools.recipes import RECIPES

CONFIRMING = sorted(tool.name for tool in catalog() if tool.needs_confirmation)
TOOLS = {tool.name: tool for tool in catalog()}


class BodyRecorder(httpx.AsyncBaseTransport):
    """Passes requests to the sandbox and keeps each write: method, path, query, body."""

    def __init__(self, app: Any) -> None:
        self.inner = httpx.ASGITransport(app=app)
        self.writes: list[tuple[str, str, dict[str, str], Any]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method != "GET":
            body = json.loads(request.content) if request.content else None
            query = dict(request.url.params)
            self.writes.append((request.method, request.url.path, query, body))
        return await self.inner.handle_async_request(request)


@pytest.fixture
async def recorded(sandbox_app: Any) -> AsyncIterator[tuple[AsyncHarvest, BodyRecorder]]:
    recorder = BodyRecorder(sandbox_app)
    client = AsyncHarvest(
        TOKEN,
        ACCOUNT_ID,
        base_url="http://sandbox.test/v2",
        identity_url="http://sandbox.test",
        transport=recorder,
        rate_limiter=InProcessRateLimiter(),
    )
    async with client:
        yield client, recorder


def _leaf(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    try:
        return Decimal(str(value)).normalize()
    except InvalidOperation:
        return str(value)


class Matcher:
    """Compares a planned value with a sent one; a "{label}" stands for one value."""

    def __init__(self) -> None:
        self.bound: dict[str, Any] = {}

    def same(self, planned: Any, sent: Any) -> bool:
        if isinstance(planned, str) and planned.startswith("{") and planned.endswith("}"):
            return self.bound.setdefault(planned, _leaf(sent)) == _leaf(sent)
        if isinstance(planned, dict):
            return (
                isinstance(sent, dict)
                and planned.keys() == sent.keys()
                and all(self.same(planned[k], sent[k]) for k in planned)
            )
        if isinstance(planned, list):
            return (
                isinstance(sent, list)
                and len(planned) == len(sent)
                and all(self.same(p, s) for p, s in zip(planned, sent, strict=True))
            )
        return _leaf(planned) == _leaf(sent)

    def same_path(self, planned: str, sent: str) -> bool:
        ours, theirs = planned.split("/"), sent.split("/")
        return len(ours) == len(theirs) and all(
            self.same(o, t) for o, t in zip(ours, theirs, strict=True)
        )


async def _arguments(name: str, h: AsyncHarvest) -> dict[str, Any]:
    """The recipe's arguments; invoices found by state, never by a number the calendar
    moves."""
    by_state = {"send_invoice": "draft", "record_payment": "open", "delete_invoice_safely": "paid"}
    if name in by_state:
        page = await h.paginate("invoices.list", state=by_state[name], per_page=5).page()
        invoice = str(page.items[0].id)
        extra = {"recipients": ["accounts@example.com"]} if name == "send_invoice" else {}
        return {"invoice": invoice, **extra}
    if name == "invoice_from_time":
        return {"client": "Williams & Co", "period": "this year"}
    arguments = await RECIPES[name](h)
    return {k: v for k, v in arguments.items() if k != "confirm"}


def test_every_kind_of_confirming_tool_is_covered() -> None:
    outcomes = {n for n in CONFIRMING if TOOLS[n].kind == "outcome"}
    assert outcomes >= {"invoice_from_time", "estimate_to_project", "delete_invoice_safely"}
    assert "harvest_users_create" in CONFIRMING and "harvest_invoices_delete" in CONFIRMING


@pytest.mark.anyio
@pytest.mark.parametrize("name", CONFIRMING)
async def test_the_dry_run_is_what_runs(
    name: str, recorded: tuple[AsyncHarvest, BodyRecorder]
) -> None:
    h, recorder = recorded
    tool, ctx = TOOLS[name], ToolContext(harvest=h)
    arguments = await _arguments(name, h)
    recorder.writes.clear()  # what the recipe set up
    dry = await execute(tool, ctx, {**arguments, "dry_run": True})
    assert recorder.writes == [], "a dry run wrote to Harvest"
    if name == "import_time":
        assert dry.to_create > 0 and dry.planned_requests_not_shown == 0
    planned = dry.model_dump(mode="json")["planned_requests"]
    await execute(tool, ctx, {**arguments, "confirm": True})
    sent = recorder.writes
    assert len(sent) == len(planned), (planned, sent)
    if name == "import_time":  # rows are written a few at a time, in any order
        planned.sort(key=lambda p: p["body"]["external_reference"]["id"])
        sent.sort(key=lambda s: s[3]["external_reference"]["id"])
    match = Matcher()
    for plan, (method, path, query, body) in zip(planned, sent, strict=True):
        assert plan["method"] == method
        assert match.same_path(plan["path"], path), (plan["path"], path)
        assert match.same(plan["query"], query), (plan["query"], query)
        assert match.same(plan["body"], body), (plan["body"], body)
        for label in plan["depends_on"]:
            assert "{" + label + "}" in json.dumps(plan)
